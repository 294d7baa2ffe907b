export { lazySchema } from './lib/lazy-schema';
export { describeIssue, validationIssues } from './lib/validation-issues';
export type { SchemaIssues, ValidationIssue } from './lib/validation-issues';
