import type { JWTPayload } from 'jose';

/**
 * The verified claims as API Gateway hands them to a payload 2.0 integration
 * (`requestContext.authorizer.jwt.claims`): every value a string — numbers and booleans
 * stringified, arrays in Go's bracket form (`"[admin poweruser]"`, not JSON), objects as JSON
 * text — and null-valued claims left out. Seen on AWS: `"exp": "1612061676"` in
 * awsdocs/amazon-api-gateway-developer-guide#113; the array and null forms as measured by the
 * floci emulator against a Cognito-backed HTTP API (floci-io/floci#2011).
 *
 * @example
 * apiGatewayClaims({ sub: 'alice', exp: 1700000000, groups: ['a', 'b'] }); // { sub: 'alice', exp: '1700000000', groups: '[a b]' }
 */
export function apiGatewayClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === null || value === undefined) continue;
    claims[name] = claimText(value);
  }
  return claims;
}

function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
