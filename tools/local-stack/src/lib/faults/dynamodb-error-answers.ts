import { crc32 } from 'node:zlib';
import { newRequestId } from '@shop/tools-local-iam';
import { DynamoDbFaultError } from './dynamodb-fault-rules';

/** An answer as DynamoDB's JSON 1.0 protocol writes it. */
export interface DynamoDbErrorAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';
const CORAL_AVAILABILITY = 'com.amazon.coral.availability';

/** Status, `__type` and `message` of each error, as DynamoDB answers them (on-demand tables). */
const ERRORS: Readonly<Record<Exclude<DynamoDbFaultError, 'TransactionConflict'>, { status: number; type: string; message: string }>> = {
  [DynamoDbFaultError.ProvisionedThroughputExceeded]: {
    status: 400,
    type: `${DYNAMODB}#ProvisionedThroughputExceededException`,
    message:
      'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot partition: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HotPartitions.html',
  },
  [DynamoDbFaultError.Throttling]: { status: 400, type: `${CORAL_AVAILABILITY}#ThrottlingException`, message: 'Rate of requests exceeds the allowed throughput.' },
  [DynamoDbFaultError.RequestLimitExceeded]: {
    status: 400,
    type: `${DYNAMODB}#RequestLimitExceeded`,
    message: 'Throughput exceeds the current throughput limit for your account. Please contact AWS Support at https://aws.amazon.com/support request a limit increase',
  },
  [DynamoDbFaultError.InternalServerError]: { status: 500, type: `${DYNAMODB}#InternalServerError`, message: 'Internal server error' },
  [DynamoDbFaultError.ServiceUnavailable]: { status: 503, type: `${DYNAMODB}#ServiceUnavailable`, message: 'The service is currently unavailable or busy.' },
  [DynamoDbFaultError.TransactionInProgress]: {
    status: 400,
    type: `${DYNAMODB}#TransactionInProgressException`,
    message: 'The transaction with the given request token is already in progress.',
  },
};

/**
 * DynamoDB's answer for `error`: its status, `application/x-amz-json-1.0`, `x-amzn-RequestId`,
 * `x-amz-crc32` of the body, and a body `{"__type","message"}`. A conflict is a
 * `TransactionCanceledException` with one reason per item of the request (`itemCount`): the item
 * at `conflictIndex` is `TransactionConflict`, the others `None`, and the message lists them
 * (`"Message"` capitalised, as DynamoDB writes it for this error).
 *
 * @example
 * const answer = dynamoDbErrorAnswer(DynamoDbFaultError.TransactionConflict, { itemCount: 2, conflictIndex: 1 });
 * answer.statusCode; // 400
 */
export function dynamoDbErrorAnswer(error: DynamoDbFaultError, transaction: { itemCount: number; conflictIndex: number } = { itemCount: 1, conflictIndex: 0 }): DynamoDbErrorAnswer {
  if (error === DynamoDbFaultError.TransactionConflict) {
    const reasons = Array.from({ length: Math.max(1, transaction.itemCount) }, (_, i) =>
      i === transaction.conflictIndex ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
    );
    return answer(400, {
      __type: `${DYNAMODB}#TransactionCanceledException`,
      CancellationReasons: reasons,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    });
  }
  const { status, type, message } = ERRORS[error];
  return answer(status, { __type: type, message });
}

function answer(statusCode: number, payload: Record<string, unknown>): DynamoDbErrorAnswer {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  return {
    statusCode,
    headers: {
      'x-amzn-RequestId': newRequestId(),
      'x-amz-crc32': String(crc32(body)),
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': String(body.length),
    },
    body,
  };
}
