/**
 * Jest `setupFilesAfterEnv` of the e2e tests: after each test file, every answer the file got from
 * the API (recorded by `ShopApi.raw`) is checked against the OpenAPI document the contract
 * generates, so an undocumented status, header or body fails the build.
 */
import { createOpenApiDocument } from '@shop/orders-api-contract';
import { LOCAL_STACK_ENDPOINTS_ENV, type StackEndpoints } from '@shop/tools-local-stack';
import { ContractViolationError } from './errors';
import { OpenApiResponseValidator } from './openapi-responses';
import { recordedExchanges } from './response-log';

/** At most this many distinct problems are listed (the rest are counted). */
const LISTED = 25;

afterAll(() => {
  const exchanges = recordedExchanges();
  const json = process.env[LOCAL_STACK_ENDPOINTS_ENV];
  if (exchanges.length === 0 || !json) return;
  const { apiUrl } = JSON.parse(json) as StackEndpoints;
  const validator = new OpenApiResponseValidator(createOpenApiDocument({ serverUrl: apiUrl }));
  const problems = new Map<string, number>();
  for (const exchange of exchanges) {
    for (const problem of validator.problems(exchange)) {
      const line = `${exchange.method} ${exchange.path.split('?')[0]?.slice(0, 80)} → ${exchange.status}: ${problem}`;
      problems.set(line, (problems.get(line) ?? 0) + 1);
    }
  }
  if (problems.size === 0) return;
  const listed = [...problems].slice(0, LISTED).map(([line, count]) => `  ${line}${count > 1 ? ` (×${count})` : ''}`);
  throw new ContractViolationError(
    `${exchanges.length} answers of this file`,
    0,
    undefined,
    `${problems.size} kinds of answer are not in the OpenAPI document:\n${listed.join('\n')}${problems.size > LISTED ? `\n  … and ${problems.size - LISTED} more` : ''}`,
  );
});
