/**
 * No import cycle, type-only imports included: between files anywhere in apps, libs, infra and
 * tools, and between the source folders of tools/local-stack (its README's folder map says which
 * way each folder's imports go). Checked with madge over the TypeScript sources, resolving the
 * workspace's `@shop/*` aliases through tsconfig.base.json, as
 * `madge --circular --ts-config tsconfig.base.json --extensions ts apps libs infra tools` would,
 * except that type-only imports are counted (madge's TypeScript detective skips them by default).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import madge from 'madge';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** The dependency graph of the TypeScript files under `folders`, type-only imports included. */
const importGraph = (baseDir: string, folders: readonly string[], tsConfig?: string) =>
  madge(
    folders.map((folder) => path.join(baseDir, folder)),
    {
      baseDir,
      fileExtensions: ['ts'],
      ...(tsConfig && { tsConfig: path.join(baseDir, tsConfig) }),
      excludeRegExp: [/node_modules/, /\.d\.ts$/, /[\\/]dist[\\/]/, /[\\/]cdktf\.out[\\/]/, /[\\/]\.gen[\\/]/],
      detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
    },
  );

/** Every pair of folders that import each other, directly or through other folders, with an import that closes it. */
function folderCycles(graph: Readonly<Record<string, readonly string[]>>, folderOf: (file: string) => string | undefined): string[] {
  const edges = new Map<string, Map<string, string>>();
  for (const [from, imports] of Object.entries(graph)) {
    const source = folderOf(from);
    if (source === undefined) continue;
    for (const to of imports) {
      const target = folderOf(to);
      if (target === undefined || target === source) continue;
      const out = edges.get(source) ?? new Map<string, string>();
      if (!out.has(target)) out.set(target, `${from} imports ${to}`);
      edges.set(source, out);
    }
  }
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const folder = stack.pop() as string;
      if (folder === goal) return true;
      if (seen.has(folder)) continue;
      seen.add(folder);
      stack.push(...(edges.get(folder)?.keys() ?? []));
    }
    return false;
  };
  return [...edges].flatMap(([source, out]) => [...out].filter(([target]) => reaches(target, source)).map(([target, example]) => `${source} → ${target} (${example})`));
}

describe('import cycles', () => {
  it('are found through type-only imports (the check would miss the cycles it exists for otherwise)', async () => {
    // Prepare: two files that import only each other's types
    const folder = mkdtempSync(path.join(tmpdir(), 'import-cycles-'));
    writeFileSync(path.join(folder, 'order.ts'), "import type { Line } from './line';\nexport interface Order { readonly lines: readonly Line[] }\n");
    writeFileSync(path.join(folder, 'line.ts'), "import type { Order } from './order';\nexport interface Line { readonly order: Order }\n");

    // Act
    const graph = await importGraph(folder, ['.']);

    // Assess
    expect(graph.circular()).toEqual([['line.ts', 'order.ts']]);
    expect(folderCycles({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': ['c/z.ts'], 'c/z.ts': ['a/w.ts'], 'a/w.ts': [] }, (file) => file.split('/')[0])).toHaveLength(3);
  });

  describe('in the workspace', () => {
    let graph: Awaited<ReturnType<typeof importGraph>>;
    // ~500 files parsed: about 25 s on 2 idle cores, several times that on a loaded machine.
    beforeAll(async () => {
      graph = await importGraph(workspaceRoot, ['apps', 'libs', 'infra', 'tools'], 'tsconfig.base.json');
    }, 300_000);

    it('reads every TypeScript file and resolves every @shop/* import', () => {
      // Assess: an alias madge could not resolve would hide the cycles through it
      const files = Object.keys(graph.obj());
      expect(files.length).toBeGreaterThan(400);
      expect(files.filter((file) => file.startsWith('@shop/'))).toEqual([]);
      expect(graph.warnings().skipped.filter((file) => file.startsWith('@shop/'))).toEqual([]);
    });

    it('has no cycle between files, type-only imports included', () => {
      expect(graph.circular()).toEqual([]);
    });

    it("has no cycle between tools/local-stack's source folders (tests may drive a folder through its callers)", () => {
      // Prepare
      const lib = 'tools/local-stack/src/lib/';
      const folderOf = (file: string): string | undefined => {
        if (!file.startsWith(lib) || file.endsWith('.spec.ts')) return undefined;
        const [folder, ...rest] = file.slice(lib.length).split('/');
        return rest.length > 0 ? folder : undefined;
      };

      // Act / Assess
      expect(folderCycles(graph.obj(), folderOf)).toEqual([]);
    });
  });
});
