import type { ObservedExchange } from './openapi-responses';

const exchanges: ObservedExchange[] = [];

/** Keeps an answer of the API for the conformance check at the end of the test file. */
export function recordExchange(exchange: ObservedExchange): void {
  exchanges.push(exchange);
}

/** Every answer recorded in this test file so far (Jest gives each file its own module registry). */
export function recordedExchanges(): readonly ObservedExchange[] {
  return exchanges;
}
