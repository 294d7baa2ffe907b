/** `cors_configuration` of an HTTP API. */
export interface CorsConfiguration {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | undefined;
  readonly allowCredentials: boolean;
}

/** Whether a request is a CORS preflight, which API Gateway answers itself when CORS is configured. */
export function isPreflight(method: string, headers: Readonly<Record<string, string>>): boolean {
  return method === 'OPTIONS' && headers['origin'] !== undefined && headers['access-control-request-method'] !== undefined;
}

/**
 * The CORS headers API Gateway adds for an allowed origin (none for others). On a preflight it
 * also answers which methods and headers are allowed and for how long.
 */
export function corsHeaders(cors: CorsConfiguration, headers: Readonly<Record<string, string>>, preflight: boolean): Record<string, string> {
  const origin = headers['origin'];
  if (!origin) return {};
  const anyOrigin = cors.allowOrigins.includes('*');
  if (!anyOrigin && !cors.allowOrigins.includes(origin)) return {};
  const result: Record<string, string> = { 'access-control-allow-origin': anyOrigin && !cors.allowCredentials ? '*' : origin };
  if (cors.allowCredentials) result['access-control-allow-credentials'] = 'true';
  if (!preflight) {
    if (cors.exposeHeaders.length > 0) result['access-control-expose-headers'] = cors.exposeHeaders.join(',');
    return result;
  }
  const requestedMethod = headers['access-control-request-method'] ?? '';
  const methodAllowed = cors.allowMethods.includes('*') || cors.allowMethods.map((m) => m.toUpperCase()).includes(requestedMethod.toUpperCase());
  if (!methodAllowed) return {};
  result['access-control-allow-methods'] = cors.allowMethods.includes('*') ? requestedMethod : cors.allowMethods.join(',');
  const requestedHeaders = headers['access-control-request-headers'];
  if (requestedHeaders) result['access-control-allow-headers'] = cors.allowHeaders.includes('*') ? requestedHeaders : cors.allowHeaders.join(',');
  if (cors.maxAge !== undefined) result['access-control-max-age'] = String(cors.maxAge);
  return result;
}
