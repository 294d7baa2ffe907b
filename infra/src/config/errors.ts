/** A stage's settings break a rule (an AWS limit, or a rule of this project). Raised at synth. */
export class StageConfigError extends Error {
  constructor(
    readonly stage: string,
    readonly problems: readonly string[],
  ) {
    super(`Stage "${stage}" is misconfigured:\n  - ${problems.join('\n  - ')}`);
    this.name = 'StageConfigError';
  }
}

/** A Lambda bundle has not been built: the stack packages `dist/apps/<app>` and will not synth without it. */
export class BundleNotBuiltError extends Error {
  constructor(
    readonly app: string,
    readonly expectedFile: string,
  ) {
    super(`The ${app} bundle is missing (${expectedFile}). Build it first: npx nx run ${app}:build`);
    this.name = 'BundleNotBuiltError';
  }
}
