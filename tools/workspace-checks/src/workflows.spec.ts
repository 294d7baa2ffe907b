/**
 * The GitHub workflows a team adopts from this repository hold here first: each one is valid (the
 * offline validator from npm, `@action-validator/cli`), and every Nx target, npm script and local
 * action it names exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingReferences, workflowReferences, type Workspace } from './workflow-references';

const workspaceRoot = path.resolve(__dirname, '../../..');
const validator = path.join(workspaceRoot, 'node_modules/.bin/action-validator');
const workflowFiles = (): string[] => [
  ...readdirSync(path.join(workspaceRoot, '.github/workflows'))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `.github/workflows/${file}`),
  ...readdirSync(path.join(workspaceRoot, '.github/actions')).map((action) => `.github/actions/${action}/action.yml`),
];
const validate = (file: string) => spawnSync(validator, [file], { cwd: workspaceRoot, encoding: 'utf8' });

function workspace(): Workspace {
  const graph = JSON.parse(
    execFileSync(path.join(workspaceRoot, 'node_modules/.bin/nx'), ['graph', '--file=stdout'], {
      cwd: workspaceRoot,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    }),
  ) as { graph: { nodes: Record<string, { data: { targets: Record<string, { configurations?: Record<string, unknown> }> } }> } };
  const projects = new Map(
    Object.entries(graph.graph.nodes).map(([name, node]) => [name, new Map(Object.entries(node.data.targets).map(([target, config]) => [target, Object.keys(config.configurations ?? {})]))]),
  );
  const { scripts } = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return { projects, npmScripts: new Set(Object.keys(scripts)), exists: (file) => existsSync(path.join(workspaceRoot, file)) };
}

describe('GitHub workflows', () => {
  it('are the pull request, main, nightly and reusable plan/apply workflows, and the setup action', () => {
    expect(workflowFiles()).toEqual([
      '.github/workflows/checks.yml',
      '.github/workflows/main.yml',
      '.github/workflows/nightly.yml',
      '.github/workflows/pull-request.yml',
      '.github/workflows/terraform-apply.yml',
      '.github/workflows/terraform-plan.yml',
      '.github/actions/setup/action.yml',
    ]);
  });

  it.each(workflowFiles())('%s passes the offline validator', (file) => {
    // Act
    const run = validate(file);
    // Assess
    expect({ status: run.status, output: `${run.stdout}${run.stderr}` }).toEqual({ status: 0, output: '' });
  });

  it('the validator rejects a workflow with a misspelt key (it is not a no-op)', () => {
    // Prepare
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'workflow-')), 'broken.yml');
    writeFileSync(file, 'on: push\njobs:\n  check:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: npm test\n');
    // Act
    const run = validate(file);
    // Assess
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toContain("Additional property 'runs-onn' is not allowed");
  });

  it('name only Nx targets, npm scripts and local actions that exist', () => {
    // Prepare
    const here = workspace();
    // Act
    const found = workflowFiles().map((file) => ({ file, references: workflowReferences(readFileSync(path.join(workspaceRoot, file), 'utf8')) }));
    const missing = found.flatMap(({ file, references }) => missingReferences(references, here).map((problem) => `${file}: ${problem}`));
    // Assess: what .ci/run runs is what the workflows run
    expect(missing).toEqual([]);
    const all = found.map(({ references }) => references);
    expect(all.flatMap((r) => r.projectTargets.map(({ project, target }) => `${project}:${target}`)).sort()).toEqual(['infra:synth', 'shop-e2e:test-faults', 'tools-local-stack:docs-check']);
    expect([...new Set(all.flatMap((r) => r.targets))].sort()).toEqual(['build', 'lint', 'test', 'typecheck']);
  });

  it('report a renamed target, a missing script and a missing action', () => {
    // Prepare
    const references = workflowReferences(
      [
        'steps:',
        '  - uses: ./.github/actions/gone',
        '  # npm run commented-out',
        '  - run: npx nx run infra:synthesize && npx nx run infra:diff:staging',
        '  - run: npx nx affected -t lint typecheck e2e --base=x',
        '  - run: npm run deploy && npm test',
      ].join('\n'),
    );
    // Act
    const missing = missingReferences(references, workspace());
    // Assess
    expect(missing).toEqual([
      'nx target "infra:synthesize"',
      'nx configuration "infra:diff:staging"',
      'nx target "e2e" (in no project)',
      'npm script "deploy"',
      'local action or workflow "./.github/actions/gone"',
    ]);
  });
});
