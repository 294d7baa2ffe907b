import { ConfigurationError } from './errors';

/**
 * Reads required environment variables once, at container init. Every missing or empty variable
 * is reported in one error, so a misconfigured function fails its first cold start with a
 * message that names them all.
 *
 * @example
 * const config = readConfig(['PRODUCTS_TABLE_NAME', 'ORDERS_TABLE_NAME'] as const);
 * config.PRODUCTS_TABLE_NAME; // string
 */
export function readConfig<const K extends string>(
  names: readonly K[],
  env: Record<string, string | undefined> = process.env,
): Readonly<Record<K, string>> {
  const missing = names.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new ConfigurationError(
      missing[0] as string,
      `Missing required environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ` +
        'Infra sets them on the function; locally the stack sets them from the synthesized Terraform.',
    );
  }
  return Object.freeze(Object.fromEntries(names.map((name) => [name, (env[name] as string).trim()]))) as Record<K, string>;
}
