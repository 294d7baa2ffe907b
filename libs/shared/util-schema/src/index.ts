export { lazySchema } from './lib/lazy-schema';
