import type { LoadAverage } from './machine';

/* What P3 runs and records, apart from the code that runs it (both backlogs' writers use it). */

export interface P3Options {
  readonly products: number;
  /** Changes per product: one INSERT, then stock one lower each time (products × versions records). */
  readonly versions: number;
  readonly rounds: number;
  readonly iamModes: ReadonlyArray<'enforce' | 'off'>;
  /** Every product's reorder threshold: stock runs 60 → 61 − versions, so 20 makes each product cross once, 5 makes none cross. Default 20. */
  readonly threshold?: number;
  /** The synthesized stack to run; default the dev synth. */
  readonly synthPath?: string;
  /**
   * How the backlog was written: `synthetic` (default), items put straight into the table; or
   * `production`, through the stack's own API (order and receive transactions) after the consumer
   * placed its orders (see p3-production-backlog.ts); versions is then the records per product.
   */
  readonly writer?: 'synthetic' | 'production';
}

export interface P3Round {
  readonly rawMs: number;
  /** The same raw drain, its pages parsed as DynamoDB sent them (one JSON.parse, as the emulator reads them) instead of by the SDK's deserializer. */
  readonly rawAsSentMs?: number;
  readonly emulatorMs: number;
  readonly invocations: number;
  /** Time spent inside the consumer's invocations (each as the stack's Lambda runtime measured it), summed. */
  readonly handlerMs: number;
  /** From the stack's start to the end of its first invocation (the stack starts with a warm instance of each function). */
  readonly firstInvocationMs?: number;
  /** The stack's start (DynamoDB Local's tables checked, warm instances started), before the timed drain. */
  readonly stackStartMs?: number;
  /** The consumer's transactions in the drain, from its metrics: orders created, and images no longer current (condition failed, nothing written). */
  readonly transactions?: { readonly created: number; readonly superseded: number };
  /**
   * The consumer's writes done raw: for each replenishment order it wrote, the same 2-item
   * TransactWriteItems (order put, product update on its version), 16 at once, into copies of the tables.
   */
  readonly writeFloorMs?: number;
  /** The orders alone put raw (conditional, 16 at once) into an empty copy of their table: less than the consumer must write. */
  readonly putFloorMs?: number;
  readonly load: LoadAverage;
}

export interface P3Details {
  readonly options: P3Options;
  readonly records: number;
  readonly shortfalls: number;
  readonly modes: ReadonlyArray<{
    readonly iam: 'enforce' | 'off';
    readonly rounds: readonly P3Round[];
    /** Records per second, medians over the rounds. */
    readonly rawRate: number;
    readonly emulatorRate: number;
    /** Emulator rate / raw rate. */
    readonly ratio: number;
    /** Emulator rate / the rate of the raw drain parsing as sent. */
    readonly asSentRatio?: number;
    /** (raw drain + the same writes done raw) / emulator + handler, medians: how close to what DynamoDB Local itself needs. */
    readonly floorRatio?: number;
    /** (raw drain + the orders alone put raw) / emulator + handler: the stricter yardstick reported before the floor sent the transactions. */
    readonly putFloorRatio?: number;
  }>;
}

/** One backlog's figures, labelled. */
export type P3Variant = P3Details & { readonly label: string };

/** What `bench:p3` records: the backlog with shortfalls and the one without. */
export interface P3RunDetails {
  readonly variants: readonly P3Variant[];
}
