/**
 * Writes the orders API's OpenAPI document (generated from the contract's schemas) to a file.
 * Usage: tsx --tsconfig libs/orders/api-contract/tsconfig.json libs/orders/api-contract/scripts/emit-openapi.ts [output path]
 * Run by the `build` target of orders-api-contract.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createOpenApiDocument } from '../src/index';

const output = path.resolve(process.argv[2] ?? 'dist/libs/orders/api-contract/openapi.json');
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(createOpenApiDocument(), null, 2)}\n`);
console.log(`OpenAPI document written to ${path.relative(process.cwd(), output)}`);
