import { hasInterpolation, isSingleInterpolation, type TerraformJson } from '@shop/shared-util-terraform-json';

/** A string attribute that `cdktf synth --hcl` cannot render. */
export interface HclUnsafeString {
  /** Dotted path into the configuration: `resource.aws_iam_role_policy.x.policy`. */
  readonly path: string;
  readonly value: string;
}

/**
 * Strings that CDKTF 0.21's HCL renderer breaks: it escapes the quotes of a string only when the
 * string has no `${…}`, so a JSON policy with a reference comes out as invalid HCL. (Write such
 * policies as `data "aws_iam_policy_document"` instead.) A string that is one expression and
 * nothing else (`${jsonencode({…})}`, as `Fn.jsonencode` writes it) is rendered as that expression,
 * whose quotes are HCL's own. CDKTF is archived; this check is the fix.
 *
 * @example
 * ```ts
 * expect(hclUnsafeStrings(json)).toEqual([]);
 * ```
 */
export function hclUnsafeStrings(json: TerraformJson): HclUnsafeString[] {
  const unsafe: HclUnsafeString[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (value.includes('"') && hasInterpolation(value) && !isSingleInterpolation(value)) unsafe.push({ path, value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) if (key !== '//') visit(item, path ? `${path}.${key}` : key);
    }
  };
  visit(json, '');
  return unsafe;
}
