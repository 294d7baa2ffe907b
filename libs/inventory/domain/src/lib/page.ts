/** Sizes of a page of a listing: what a request gets without `limit`, and the most it may ask. */
export const PageSize = { Default: 25, Max: 100 } as const;

/** One page of a listing, and the opaque token of the next one (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/**
 * Which page of a listing to read: at most `limit` items (1 to {@link PageSize}.Max, default
 * {@link PageSize}.Default), from `nextToken` (a previous page's).
 */
export interface PageRequest {
  readonly limit?: number;
  readonly nextToken?: string;
}
