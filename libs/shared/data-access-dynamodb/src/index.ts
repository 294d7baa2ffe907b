export { createDocumentClient } from './lib/client';
