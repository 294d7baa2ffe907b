import { ProductAttribute } from './attributes';

/**
 * The clause every writer of a product adds to its `SET`: the product's version goes up by one
 * (from 0 for an item written before versions existed). A replenishment decision holds only while
 * the version it was made from is current, so a write that skipped this could slip under one.
 *
 * @example
 * new UpdateCommand({
 *   UpdateExpression: `SET #stock = #stock - :quantity, ${VersionBump.clause}`,
 *   ExpressionAttributeNames: { '#stock': ProductAttribute.Stock, ...VersionBump.names },
 *   ExpressionAttributeValues: { ':quantity': 2, ...VersionBump.values },
 * });
 */
export const VersionBump = {
  clause: '#version = if_not_exists(#version, :versionZero) + :versionStep',
  names: { '#version': ProductAttribute.Version },
  values: { ':versionZero': 0, ':versionStep': 1 },
} as const;
