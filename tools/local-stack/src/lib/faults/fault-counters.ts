/** How many faults were injected into one mapping so far (`.local/metrics.json` shows them). */
export interface FaultCountsSnapshot {
  readonly injectedFailures: number;
  readonly delayedInvocations: number;
  readonly duplicatedBatches: number;
  readonly droppedConnections: number;
}

/** Counters the fault injectors of one mapping increment. */
export class FaultCounters {
  private readonly counts = { injectedFailures: 0, delayedInvocations: 0, duplicatedBatches: 0, droppedConnections: 0 };

  increment(fault: keyof FaultCountsSnapshot): void {
    this.counts[fault] += 1;
  }

  snapshot(): FaultCountsSnapshot {
    return { ...this.counts };
  }
}

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed draws the same numbers, so a
 * fault run can be repeated exactly.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // 0.6011037519201636, every time
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
