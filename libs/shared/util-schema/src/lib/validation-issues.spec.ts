import * as z from 'zod';
import { describeIssue, validationIssues } from './validation-issues';

describe('validationIssues', () => {
  const schema = z.strictObject({ stock: z.number().int().min(0), items: z.array(z.strictObject({ quantity: z.number() })) });

  it('lists every issue with its dotted path, under the prefix given', () => {
    // Act
    const result = schema.safeParse({ stock: -1, items: [{ quantity: 'x' }] });

    // Assess
    expect(result.success).toBe(false);
    const issues = validationIssues(result.error ?? { issues: [] }, ['body']);
    expect(issues.map((issue) => issue.path)).toEqual(['body.stock', 'body.items.0.quantity']);
    expect(issues.every((issue) => issue.message.length > 0)).toBe(true);
  });

  it('gives the value itself the empty path, described by the root name', () => {
    // Act
    const result = schema.safeParse('not an object');

    // Assess
    const [issue] = validationIssues(result.error ?? { issues: [] });
    expect(issue?.path).toBe('');
    expect(describeIssue(issue ?? { path: 'x', message: 'x' }, '(stage)')).toMatch(/^\(stage\): /);
    expect(describeIssue({ path: 'stock', message: 'Too small' })).toBe('stock: Too small');
  });
});
