/** One problem a schema found: the dotted path of the offending value (`''` for the value itself) and what is wrong. */
export interface ValidationIssue {
  /** Dotted path of the offending attribute, e.g. `stock` or `items.0.quantity`. */
  readonly path: string;
  readonly message: string;
}

/** What a failed zod parse holds (`result.error`): its issues, each with a path of keys and indexes. */
export interface SchemaIssues {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/**
 * Every issue of a failed parse as a {@link ValidationIssue}, its path dotted and put under
 * `prefix` (the name the value had where it came from): the one mapping from zod's issues to the
 * issues this project's errors and HTTP answers list.
 *
 * @example
 * const result = productSchema.safeParse(input);
 * if (!result.success) throw new ProductValidationError(validationIssues(result.error));
 * validationIssues(z.number().safeParse('1').error!, ['query', 'limit']); // [{ path: 'query.limit', message: 'Invalid input: expected number, received string' }]
 */
export function validationIssues(error: SchemaIssues, prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path].map(String).join('.'), message: issue.message }));
}

/**
 * An issue as one line, `path: message`, the value itself named `root`.
 *
 * @example
 * describeIssue({ path: '', message: 'Expected object' }, '(stage)'); // '(stage): Expected object'
 */
export function describeIssue(issue: ValidationIssue, root = '(root)'): string {
  return `${issue.path || root}: ${issue.message}`;
}
