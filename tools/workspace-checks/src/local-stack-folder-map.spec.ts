/**
 * The local stack's README maps its source folders (`tools/local-stack/src/lib/*`): what each
 * holds and which folders it imports, from the bottom up. The map is checked against the imports
 * of the production files (specs left out), read with the TypeScript compiler API, so it stays
 * true when a folder starts or stops importing another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const workspaceRoot = path.resolve(__dirname, '../../..');
const lib = path.join(workspaceRoot, 'tools/local-stack/src/lib');
/** The README's name for the files at the root of `src/lib`. */
const ROOT_FILES = 'src/lib/*.ts';

/** Folder → the other folders its production files import (relative imports; the root files left out). */
function folderImports(): Map<string, string[]> {
  const folders = readdirSync(lib, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const imports = new Map<string, Set<string>>([[ROOT_FILES, new Set()], ...folders.map((f) => [f, new Set<string>()] as const)]);
  const folderOf = (file: string) => {
    const parts = path.relative(lib, file).split(path.sep);
    return parts.length > 1 ? (parts[0] as string) : ROOT_FILES;
  };
  const files = readdirSync(lib, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|cjs)$/.test(f) && !/\.spec\.ts$/.test(f))
    .map((f) => path.join(lib, f));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const target = folderOf(path.resolve(path.dirname(file), specifier.text));
      if (target !== folderOf(file) && target !== ROOT_FILES) imports.get(folderOf(file))?.add(target);
    }
  }
  return new Map([...imports].map(([folder, targets]) => [folder, [...targets].sort()]));
}

/** The README's map, in its order: folder → the folders its last column names. */
function readmeMap(): Map<string, string[]> {
  const readme = readFileSync(path.join(workspaceRoot, 'tools/local-stack/README.md'), 'utf8').split('\n');
  const start = readme.findIndex((line) => line === '## Source folders');
  const end = readme.findIndex((line, i) => i > start && line.startsWith('## '));
  const rows = readme.slice(start, end).filter((line) => line.startsWith('| `'));
  return new Map(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim());
      const folder = (cells[1] ?? '').replaceAll('`', '');
      const targets = [...(cells[3] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
      return [folder, targets.sort()];
    }),
  );
}

describe("the local stack's folder map", () => {
  it('names every folder of src/lib and, for each, exactly the folders its production files import', () => {
    // Act
    const map = readmeMap();

    // Assess
    expect(Object.fromEntries([...map].sort())).toEqual(Object.fromEntries([...folderImports()].sort()));
  });

  it('lists each folder below every folder it imports, so the imports all point up the table', () => {
    // Prepare
    const order = [...readmeMap().keys()];

    // Act: every import that points down the table (or to a folder the table lacks)
    const downward = [...folderImports()].flatMap(([folder, targets]) =>
      targets.filter((target) => !(order.indexOf(target) >= 0 && order.indexOf(target) < order.indexOf(folder))).map((target) => `${folder} → ${target}`),
    );

    // Assess
    expect(downward).toEqual([]);
  });
});
