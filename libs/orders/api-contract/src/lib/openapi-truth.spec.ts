import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { z } from 'zod';
import { OPERATION_EXAMPLES } from './examples';
import { createOpenApiDocument } from './openapi';
import { OPERATIONS } from './operations';
import { ROUTES } from './routes';
import { NAMED_SCHEMAS, PathParameter } from './schemas';

/** The document's component schemas, compiled by an independent JSON Schema validator. */
function documentValidator(): (name: keyof typeof NAMED_SCHEMAS, value: unknown) => boolean {
  const document = createOpenApiDocument();
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
  return (name, value) => ajv.validate({ $ref: `doc#/components/schemas/${name}` }, value);
}

describe('the OpenAPI document tells the truth', () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    // Prepare
    const config = await createConfig({ extends: ['recommended'] });

    // Act
    const problems = await lintFromString({ source: JSON.stringify(createOpenApiDocument()), absoluteRef: 'openapi.json', config });

    // Assess
    expect(problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`)).toEqual([]);
  });

  it.each([
    ['512 ASCII characters', 'x'.repeat(512), true],
    ['513 ASCII characters', 'x'.repeat(513), false],
    ['512 emoji (2048 bytes)', '\u{1F4E6}'.repeat(512), true],
    ['513 emoji', '\u{1F4E6}'.repeat(513), false],
    ['683 coffee cups (2049 bytes)', '\u2615'.repeat(683), false],
    ['an empty id', '', false],
  ])('says what validation says of a product id of %s', (_case, productId, valid) => {
    // Prepare
    const inDocument = documentValidator();
    const product = { productId, stock: 1, reorderThreshold: 0, amountToReplenish: 1, onOrder: 0, inventoryPosition: 1 };

    // Act / Assess
    expect(NAMED_SCHEMAS.Product.safeParse(product).success).toBe(valid);
    expect(inDocument('Product', product)).toBe(valid);
    expect((PathParameter.productId as z.ZodType).safeParse(productId).success).toBe(valid);
  });

  it('agrees with validation on any product id near the limit', () => {
    const inDocument = documentValidator();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 100, maxLength: 700 }), (productId) => {
        const product = { productId, stock: 1, reorderThreshold: 0, amountToReplenish: 1, onOrder: 0, inventoryPosition: 1 };
        expect(inDocument('Product', product)).toBe(NAMED_SCHEMAS.Product.safeParse(product).success);
      }),
      { numRuns: 200 },
    );
  });

  it.each(ROUTES.map((route) => [route.operationId] as const))('shows examples of %s that validation accepts', (operationId) => {
    // Prepare
    const contract = OPERATIONS[operationId];
    const example: { request?: unknown; success: unknown } = OPERATION_EXAMPLES[operationId];

    // Assess
    expect(contract.success.schema.safeParse(example.success).error).toBeUndefined();
    if ('body' in contract.request) expect(contract.request.body.safeParse(example.request).error).toBeUndefined();
    else expect(example.request).toBeUndefined();
  });
});
