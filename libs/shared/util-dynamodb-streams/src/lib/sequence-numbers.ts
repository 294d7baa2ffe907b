/**
 * Compares DynamoDB stream sequence numbers, decimal strings of any length (21 to 40 digits on
 * AWS): as numbers, not as text, since `'9' > '10'`.
 *
 * @example
 * records.sort((a, b) => compareSequenceNumbers(a.dynamodb.SequenceNumber, b.dynamodb.SequenceNumber));
 */
export function compareSequenceNumbers(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
