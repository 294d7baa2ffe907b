/**
 * Public APIs as small as their use (the rule is spelled out in `public-api.ts`): the workspace
 * keeps it, and each kind of breach fails on a small workspace written for the purpose.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicApiViolations } from './public-api';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** Writes `files` (workspace-relative path → content) into a fresh folder and returns it. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'public-api-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const project = (name: string, extra: object = {}) => JSON.stringify({ name, ...extra });
const tsconfig = (paths: Record<string, string>) =>
  JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', baseUrl: '.', paths: Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, [v]])) } });

/** A library `a`, used by a tool `t`, and an app: each file's content can be replaced per case. */
const base = (overrides: Record<string, string> = {}) => ({
  'tsconfig.base.json': tsconfig({ '@shop/a': 'libs/a/src/index.ts', '@shop/a/testing': 'libs/a/src/testing.ts', '@shop/t': 'tools/t/src/index.ts' }),
  'libs/a/project.json': project('lib-a'),
  'libs/a/src/index.ts': "export { used } from './lib/used';\n",
  'libs/a/src/lib/used.ts': 'export const used = 1;\nexport const inside = 2;\n',
  'libs/a/src/testing.ts': 'export const fixture = 3;\n',
  'libs/a/src/lib/used.spec.ts': "import { fixture } from '../testing';\nimport { inside } from './used';\nexport const probe = [fixture, inside];\n",
  'tools/t/project.json': project('tool-t'),
  'tools/t/src/index.ts': "import { used } from '@shop/a';\nexport const tool = used;\n",
  'apps/x/project.json': project('app-x', { projectType: 'application', targets: { build: { options: { main: 'apps/x/src/main.ts' } } } }),
  'apps/x/src/main.ts': "import { tool } from '@shop/t';\nexport const handler = async () => tool;\n",
  ...overrides,
});

describe('public APIs', () => {
  it('export what other projects import, a documented API or a handler, and nothing else, across this workspace', () => {
    // Act
    const violations = publicApiViolations(workspaceRoot);

    // Assess
    expect(violations.map((v) => v.message)).toEqual([]);
  });

  it('pass on a workspace where every export is used', () => {
    const root = workspace(base());
    try {
      expect(publicApiViolations(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fail on an export no other project imports, naming the project and the export (an import from its own project does not count)', () => {
    // Prepare: `inside` exported from the index, imported only by a file of the library itself
    const root = workspace(
      base({
        'libs/a/src/index.ts': "export { inside, used } from './lib/used';\n",
        'libs/a/src/lib/other.ts': "import { inside } from '@shop/a';\nexport const again = inside;\n",
      }),
    );
    try {
      // Act
      const violations = publicApiViolations(root);

      // Assess
      expect(violations.map((v) => v.message)).toEqual([
        'lib-a: libs/a/src/index.ts exports "inside", which no other project imports and libs/a/README.md\'s Public API table does not list (import it by relative path inside the project, list it, or remove it)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("accept a library's unused export its README's Public API table lists, and fail on a table name nothing exports", () => {
    // Prepare
    const readme = '# a\n\n## Public API\n\n| export | what it is |\n|---|---|\n| `inside(x)`, `gone` | offered on purpose |\n\n## Tests\n\n| `ignored` | a later table |\n';
    const root = workspace(base({ 'libs/a/src/index.ts': "export { inside, used } from './lib/used';\n", 'libs/a/README.md': readme }));
    try {
      // Act
      const violations = publicApiViolations(root);

      // Assess: `inside` is declared, `gone` is stale
      expect(violations.map((v) => v.message)).toEqual(['lib-a: README.md\'s Public API table lists "gone", which none of its entry points exports']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("do not let a tool declare an API: a tool's index exports only what other projects import", () => {
    // Prepare
    const root = workspace(
      base({
        'tools/t/src/index.ts': "import { used } from '@shop/a';\nexport const tool = used;\nexport const spare = 4;\n",
        'tools/t/README.md': '## Public API\n\n| export | what it is |\n|---|---|\n| `spare` | unused |\n',
      }),
    );
    try {
      expect(publicApiViolations(root).map((v) => [v.project, v.name])).toEqual([['tool-t', 'spare']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fail on a testing export no spec or test helper imports, and on an app main that exports more than its handler', () => {
    // Prepare
    const root = workspace(
      base({
        'libs/a/src/testing.ts': 'export const fixture = 3;\nexport const unusedFixture = 4;\n',
        'apps/x/src/main.ts': "import { tool } from '@shop/t';\nexport const handler = async () => tool;\nexport const helper = 5;\n",
      }),
    );
    try {
      // Act
      const violations = publicApiViolations(root);

      // Assess
      expect(violations.map((v) => v.message)).toEqual([
        'lib-a: libs/a/src/testing.ts exports "unusedFixture", which no spec or test helper imports',
        'app-x: apps/x/src/main.ts exports "helper"; an application\'s main exports only "handler"',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
