import type * as z from 'zod';

/**
 * A zod schema that is built the first time anything touches it (a property read, `instanceof`,
 * `in`, …), then used as is: the value stands for the schema `build` returns, with its type. Zod
 * builds schemas eagerly and a Lambda pays for every one at module init, even for routes and
 * response documents a request never uses (OpenAPI, tests, clients); this defers each to its
 * first use.
 *
 * The value is a stable Proxy: use it, not the built schema, wherever identity matters (the
 * OpenAPI generator names schemas by identity, and the contract's own schemas only ever reference
 * each other through these values).
 *
 * @example
 * export const bodySchema = lazySchema(() => z.strictObject({ quantity: z.number().int() }));
 * bodySchema.safeParse(input); // builds it on this first call
 */
export function lazySchema<T extends z.ZodType>(build: () => T): T {
  let schema: T | undefined;
  const target = (): T => (schema ??= build());
  // The proxy's own target is an empty object: every trap forwards to the built schema. Property
  // descriptors are reported configurable, which is what a Proxy may claim for properties its
  // target does not have.
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
  });
}
