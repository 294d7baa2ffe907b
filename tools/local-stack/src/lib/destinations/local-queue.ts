import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import type { OnFailureMessage } from './failure-message';

/** A message in the local queue: SQS's fields, plus the records AWS would not carry. */
export interface LocalQueueMessage {
  readonly MessageId: string;
  /** The message body exactly as SQS would deliver it (the on-failure JSON, serialized). */
  readonly Body: string;
  readonly MD5OfBody: string;
  readonly Attributes: { readonly SentTimestamp: string; readonly ApproximateReceiveCount: string };
  /** The records the message describes, as they were delivered to the function. */
  readonly records: readonly DynamoDBRecord[];
}

/** Where an event source mapping sends what it gives up on. */
export interface OnFailureDestination {
  readonly arn: string;
  deliver(message: OnFailureMessage, records: readonly DynamoDBRecord[]): Promise<LocalQueueMessage>;
}

/**
 * An SQS queue of the synth, kept as one JSON file per message under `directory` (written
 * atomically, named so a listing is in send order). It stores AWS's on-failure message and,
 * unlike SQS, the records themselves, so nothing is lost when the stream's 24 hours run out.
 *
 * @example
 * const dlq = new LocalQueue({ name: 'shop-dev-dlq', arn, url, directory: '.local/dlq/shop-dev-dlq' });
 * (await dlq.list()).map((m) => JSON.parse(m.Body).requestContext.condition);
 */
export class LocalQueue implements OnFailureDestination {
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  readonly directory: string;

  constructor(options: { name: string; arn: string; url: string; directory: string }) {
    ({ name: this.name, arn: this.arn, url: this.url, directory: this.directory } = options);
    mkdirSync(this.directory, { recursive: true });
  }

  async deliver(message: OnFailureMessage, records: readonly DynamoDBRecord[]): Promise<LocalQueueMessage> {
    return this.send(JSON.stringify(message), records);
  }

  /** SendMessage: stores the body (and records) and returns the stored message. */
  async send(body: string, records: readonly DynamoDBRecord[] = []): Promise<LocalQueueMessage> {
    const sentAt = Date.now();
    const message: LocalQueueMessage = {
      MessageId: randomUUID(),
      Body: body,
      MD5OfBody: createHash('md5').update(body).digest('hex'),
      Attributes: { SentTimestamp: String(sentAt), ApproximateReceiveCount: '0' },
      records,
    };
    const file = path.join(this.directory, `${String(sentAt).padStart(15, '0')}-${message.MessageId}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(message, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    return message;
  }

  /** Every message, oldest first. */
  async list(): Promise<LocalQueueMessage[]> {
    return this.files().map((file) => JSON.parse(readFileSync(path.join(this.directory, file), 'utf8')) as LocalQueueMessage);
  }

  /**
   * Takes a message out of the queue after it was redriven (SQS's DeleteMessage). The file moves
   * to `redriven/` rather than being deleted, so what was redriven stays on record.
   *
   * @returns where the message went, or undefined when it is not in the queue
   */
  async archive(messageId: string): Promise<string | undefined> {
    const file = this.files().find((name) => name.endsWith(`-${messageId}.json`));
    if (!file) return undefined;
    const archived = path.join(this.directory, REDRIVEN_FOLDER, file);
    mkdirSync(path.dirname(archived), { recursive: true });
    renameSync(path.join(this.directory, file), archived);
    return archived;
  }

  private files(): string[] {
    return readdirSync(this.directory)
      .filter((file) => file.endsWith('.json'))
      .sort();
  }
}

/** Where {@link LocalQueue.archive} moves redriven messages, inside the queue's folder. */
export const REDRIVEN_FOLDER = 'redriven';
