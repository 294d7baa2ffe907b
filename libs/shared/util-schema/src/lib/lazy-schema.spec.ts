import * as z from 'zod';
import { lazySchema } from './lazy-schema';

describe('lazySchema', () => {
  it('builds nothing until first used, then builds once and behaves as the schema', () => {
    const build = jest.fn(() => z.strictObject({ quantity: z.number().int().min(1) }));
    const schema = lazySchema(build);
    expect(build).not.toHaveBeenCalled();

    expect(schema.safeParse({ quantity: 2 })).toEqual({ success: true, data: { quantity: 2 } });
    expect(schema.safeParse({ quantity: 0 }).success).toBe(false);
    expect(Object.keys(schema.shape)).toEqual(['quantity']);
    expect(schema instanceof z.ZodObject).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('composes: other schemas can hold it, derive from it and be made optional', () => {
    const timestamp = lazySchema(() => z.iso.datetime());
    const product = lazySchema(() => z.strictObject({ id: z.string(), at: timestamp, until: timestamp.optional() }));
    const withoutId = lazySchema(() => product.omit({ id: true }));

    expect(withoutId.parse({ at: '2026-01-31T12:00:00.000Z' })).toEqual({ at: '2026-01-31T12:00:00.000Z' });
    expect(product.safeParse({ id: 'p', at: 'yesterday' }).success).toBe(false);
    expect(z.toJSONSchema(withoutId)).toMatchObject({ type: 'object', required: ['at'] });
  });
});
