/** Base class of the errors that fail one stream record. Carries where the record sits in the stream. */
export class StreamRecordError extends Error {
  constructor(
    message: string,
    readonly sequenceNumber: string | undefined,
    readonly productId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StreamRecordError';
  }
}

/**
 * A stream record the consumer cannot act on: an unknown event name, a missing key or sequence
 * number, or a missing or invalid image the reorder policy needs. The record is reported failed,
 * never dropped; `cause` holds the validation error when an image was ill-formed.
 */
export class InvalidStreamRecordError extends StreamRecordError {
  constructor(
    readonly reason: string,
    sequenceNumber: string | undefined,
    productId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`Invalid stream record ${sequenceNumber ?? '(no SequenceNumber)'}: ${reason}`, sequenceNumber, productId, options);
    this.name = 'InvalidStreamRecordError';
  }
}

/**
 * A record not processed because an earlier record of the same product in this batch failed:
 * handling it would apply the product's changes out of order.
 */
export class RecordHeldBackError extends StreamRecordError {
  constructor(
    sequenceNumber: string | undefined,
    productId: string | undefined,
    /** SequenceNumber of the earlier failed record that holds this one back. */
    readonly heldBackBy: string,
  ) {
    super(
      `Record ${sequenceNumber ?? '(no SequenceNumber)'} of product ${JSON.stringify(productId ?? null)} held back: ` +
        `earlier record ${heldBackBy} failed`,
      sequenceNumber,
      productId,
    );
    this.name = 'RecordHeldBackError';
  }
}

/**
 * Failed records without a SequenceNumber cannot be named in a partial batch response, and an
 * identifier Lambda does not know fails the whole batch anyway: so the invocation fails, and
 * Lambda retries the batch rather than treating those records as done.
 */
export class UnreportableRecordFailureError extends Error {
  constructor(readonly failedRecords: number) {
    super(`${failedRecords} failed record(s) have no SequenceNumber to report; failing the whole batch so none is lost`);
    this.name = 'UnreportableRecordFailureError';
  }
}
