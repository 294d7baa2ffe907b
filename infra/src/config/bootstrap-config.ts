import { z } from 'zod';
import { describeIssue, validationIssues } from '@shop/shared-util-schema';
import { StageConfigError } from './errors';

/** GitHub's OIDC issuer: the provider the deploy roles trust. */
export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
/** The audience `aws-actions/configure-aws-credentials` asks GitHub's token for. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

const bootstrapSchema = z
  .object({
    /** The repository whose workflows may deploy: only its main branch, pull requests (plan) and stage environments (apply). */
    github: z.object({
      owner: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'not a GitHub user or organization name'),
      repository: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'not a GitHub repository name'),
      mainBranch: z.string().min(1).default('main'),
    }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region name'),
    /** An account holds one provider per issuer URL: false uses the one that is already there. */
    createOidcProvider: z.boolean().default(true),
  })
  .strict();

export type BootstrapConfigInput = z.input<typeof bootstrapSchema>;
export type BootstrapConfig = z.output<typeof bootstrapSchema>;

/** Validates the bootstrap settings once, at synth, with every problem listed. */
export function defineBootstrap(input: BootstrapConfigInput): BootstrapConfig {
  const result = bootstrapSchema.safeParse(input);
  if (!result.success) throw new StageConfigError('bootstrap', validationIssues(result.error).map((issue) => describeIssue(issue, '(bootstrap)')));
  return result.data;
}

/**
 * The deploy identity of this repository (the optional `shop-bootstrap` stack): set `github` to
 * your repository before applying it. See infra/README.md, "Deploying from GitHub Actions".
 */
export const BOOTSTRAP = defineBootstrap({
  github: { owner: 'your-org', repository: 'shop', mainBranch: 'main' },
  region: 'us-east-1',
  createOidcProvider: true,
});
