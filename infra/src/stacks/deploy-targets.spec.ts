/**
 * `nx run infra:diff` / `infra:deploy` run plain Terraform in the synthesized stack folder (what the
 * archived cdktf CLI runs, and the CLI does not start on Node 24). Without AWS credentials or the
 * provider's download here, the test goes as far as the machine allows: the targets point Terraform
 * at each stage's folder, and Terraform itself reads the synthesized JSON and gets as far as asking
 * for the pinned AWS provider (a configuration it cannot parse fails before that).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { STAGES } from '../config/stages';
import { synthStage } from '../testing/synth-stage';

interface Command {
  readonly command: string;
  readonly forwardAllArgs?: boolean;
}
interface Target {
  readonly dependsOn?: readonly string[];
  readonly configurations: Record<string, { readonly commands: ReadonlyArray<string | Command> }>;
}

const project = JSON.parse(readFileSync(path.join(__dirname, '../../project.json'), 'utf8')) as { targets: Record<string, Target> };
const commandsOf = (target: string, stage: string): string[] =>
  (project.targets[target]?.configurations[stage]?.commands ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.command));

/** Terraform's answer to `init` on a folder holding `cdk.tf.json`, with no provider to be found. */
function terraformInit(configJson: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'infra-terraform-'));
  try {
    writeFileSync(path.join(dir, 'cdk.tf.json'), configJson);
    mkdirSync(path.join(dir, 'no-plugins'));
    const run = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color', '-plugin-dir=no-plugins'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

describe.each(Object.keys(STAGES))('infra:diff and infra:deploy for the %s stage', (stage) => {
  const stackName = `shop-${stage}`;

  it('initialise and then plan (diff) or apply (deploy) with Terraform in the synthesized stack folder, after synth', () => {
    // Assess
    for (const [target, verb] of [['diff', 'plan'], ['deploy', 'apply']] as const) {
      expect(project.targets[target]?.dependsOn).toEqual(['synth']);
      expect(commandsOf(target, stage)).toEqual([
        `terraform -chdir=cdktf.out/stacks/${stackName} init -input=false`,
        `terraform -chdir=cdktf.out/stacks/${stackName} ${verb} -input=false`,
      ]);
    }
  });
});

(hasTerraform ? describe : describe.skip)('Terraform reading the synthesized JSON', () => {
  const dev = synthStage(STAGES.dev);

  it('parses the dev stage and asks for exactly the pinned AWS provider', () => {
    // Act
    const answer = terraformInit(dev.text);
    // Assess: no configuration error; provider resolution is where it stops, offline
    expect(answer.output).toContain('Finding hashicorp/aws versions matching "6.25.0"');
    expect(answer.output).not.toMatch(/Error: (Invalid|Unsupported|Missing|Duplicate)/);
  });

  it('fails before provider resolution on a configuration it cannot read (the check can fail)', () => {
    // Prepare
    const broken = dev.text.replace('"resource": {', '"resource": { "aws_not_a_block": 1,');
    // Act
    const answer = terraformInit(broken);
    // Assess
    expect(answer.status).not.toBe(0);
    expect(answer.output).not.toContain('Finding hashicorp/aws versions');
  });
});
