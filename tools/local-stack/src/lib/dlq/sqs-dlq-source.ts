import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { DlqMessageNotFoundError } from '../errors';
import { findMessage, toDlqMessage, type DlqMessage, type DlqSource } from './dlq-source';

export interface SqsDlqSourceOptions {
  /** How long a message taken for a redrive stays invisible to others. Default 120 s. */
  readonly holdSeconds?: number;
  /** ReceiveMessage rounds that bring nothing new before a listing ends. Default 3. */
  readonly idleRounds?: number;
}

/**
 * An SQS on-failure queue on AWS. Listing peeks (visibility timeout 0, so nothing is hidden from
 * other consumers); taking a message for a redrive hides it for `holdSeconds`, deleted when the
 * redrive succeeds and made visible again when it fails. SQS does not promise that a listing
 * sees every message of a large queue: run it again for the rest.
 *
 * @example
 * const source = new SqsDlqSource(new SQSClient({}), 'https://sqs.us-east-1.amazonaws.com/123456789012/shop-dev-replenishment-consumer-dlq');
 */
export class SqsDlqSource implements DlqSource {
  constructor(
    private readonly client: SQSClient,
    readonly name: string,
    private readonly options: SqsDlqSourceOptions = {},
  ) {}

  async list(): Promise<DlqMessage[]> {
    const seen = new Map<string, DlqMessage>();
    for (let idle = 0; idle < (this.options.idleRounds ?? 3); ) {
      const received = await this.receive(0);
      const fresh = received.filter((m) => !seen.has(m.messageId));
      for (const message of fresh) seen.set(message.messageId, message);
      idle = fresh.length === 0 ? idle + 1 : 0;
    }
    return [...seen.values()].sort((a, b) => (a.sentAt?.getTime() ?? 0) - (b.sentAt?.getTime() ?? 0));
  }

  async get(messageId: string): Promise<DlqMessage> {
    const passedOver: DlqMessage[] = [];
    try {
      for (let idle = 0; idle < (this.options.idleRounds ?? 3); ) {
        const received = await this.receive(this.options.holdSeconds ?? 120);
        idle = received.length === 0 ? idle + 1 : 0;
        for (const message of received) {
          if (message.messageId === messageId || message.messageId.startsWith(messageId)) {
            const found = findMessage(this.name, [message], messageId);
            await Promise.all(received.filter((m) => m !== message).map((m) => this.release(m)));
            return found;
          }
          passedOver.push(message);
        }
      }
    } finally {
      await Promise.all(passedOver.map((m) => this.release(m)));
    }
    throw new DlqMessageNotFoundError(this.name, messageId);
  }

  async remove(message: DlqMessage): Promise<void> {
    if (!message.handle) throw new DlqMessageNotFoundError(this.name, message.messageId, 'the message was listed, not taken; take it with get() first');
    await this.client.send(new DeleteMessageCommand({ QueueUrl: this.name, ReceiptHandle: message.handle }));
  }

  async release(message: DlqMessage): Promise<void> {
    if (!message.handle) return;
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.name, ReceiptHandle: message.handle, VisibilityTimeout: 0 }));
  }

  private async receive(visibilityTimeout: number): Promise<DlqMessage[]> {
    const { Messages } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.name,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: visibilityTimeout,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
      }),
    );
    return (Messages ?? []).map((m: Message) =>
      toDlqMessage(m.MessageId ?? '', m.Body ?? '', {
        sentAt: m.Attributes?.SentTimestamp ? new Date(Number(m.Attributes.SentTimestamp)) : undefined,
        storedRecords: undefined,
        ...(visibilityTimeout > 0 && m.ReceiptHandle ? { handle: m.ReceiptHandle } : {}),
      }),
    );
  }
}
