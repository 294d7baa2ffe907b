import type { DynamoDBRecord } from 'aws-lambda';
import type { OnFailureMessage } from '../destinations/failure-message';
import { DlqMessageNotFoundError, InvalidOnFailureMessageError } from '../errors';
import type { LocalQueue } from '../destinations/local-queue';
import { parseOnFailureRecord } from './on-failure-record';

/** A message of an on-failure queue, its body read as Lambda's on-failure record. */
export interface DlqMessage {
  readonly messageId: string;
  readonly sentAt: Date | undefined;
  /** The raw body, as SQS holds it. */
  readonly body: string;
  /** The body read; undefined when it is not an on-failure record (`problem` says why). */
  readonly record: OnFailureMessage | undefined;
  readonly problem: string | undefined;
  /** The records the local queue stored with the message; AWS's queues carry none (undefined). */
  readonly storedRecords: readonly DynamoDBRecord[] | undefined;
  /** What the source needs to delete or release the message (an SQS receipt handle). */
  readonly handle?: string;
}

/** Where on-failure messages are read from: the local queue, or an SQS queue on AWS. */
export interface DlqSource {
  /** For messages: the queue's name or URL. */
  readonly name: string;
  /** Every message (oldest first where the source knows the order). */
  list(): Promise<DlqMessage[]>;
  /** One message, by id or a unique id prefix, held for a redrive. */
  get(messageId: string): Promise<DlqMessage>;
  /** Done with: the redrive succeeded (SQS DeleteMessage; the local queue archives it). */
  remove(message: DlqMessage): Promise<void>;
  /** Not done with: the redrive failed; the message stays for another try. */
  release(message: DlqMessage): Promise<void>;
}

/** Reads a body into a {@link DlqMessage}, keeping a malformed one listable with its problem. */
export function toDlqMessage(messageId: string, body: string, extras: Pick<DlqMessage, 'sentAt' | 'storedRecords' | 'handle'>): DlqMessage {
  try {
    return { messageId, body, record: parseOnFailureRecord(messageId, body), problem: undefined, ...extras };
  } catch (error) {
    if (!(error instanceof InvalidOnFailureMessageError)) throw error;
    return { messageId, body, record: undefined, problem: error.problem, ...extras };
  }
}

/** Finds a message by id or unique id prefix among `messages`. */
export function findMessage(queue: string, messages: readonly DlqMessage[], messageId: string): DlqMessage {
  const exact = messages.find((m) => m.messageId === messageId);
  if (exact) return exact;
  const matches = messages.filter((m) => m.messageId.startsWith(messageId));
  if (matches.length === 1) return matches[0] as DlqMessage;
  throw new DlqMessageNotFoundError(queue, messageId, matches.length > 1 ? `${matches.length} messages start with` : 'no such message');
}

/**
 * The local stack's on-failure queue (`.local/dlq/<queue>/`): AWS's message and the records.
 *
 * @example
 * const source = new LocalDlqSource(queue);
 * for (const m of await source.list()) console.log(m.messageId, m.record?.requestContext.condition);
 */
export class LocalDlqSource implements DlqSource {
  constructor(private readonly queue: LocalQueue) {}

  get name(): string {
    return this.queue.name;
  }

  async list(): Promise<DlqMessage[]> {
    return (await this.queue.list()).map((m) =>
      toDlqMessage(m.MessageId, m.Body, { sentAt: new Date(Number(m.Attributes.SentTimestamp)), storedRecords: m.records }),
    );
  }

  async get(messageId: string): Promise<DlqMessage> {
    return findMessage(this.name, await this.list(), messageId);
  }

  async remove(message: DlqMessage): Promise<void> {
    await this.queue.archive(message.messageId);
  }

  async release(): Promise<void> {
    // Nothing holds a local message: it simply stays in the folder.
  }
}
