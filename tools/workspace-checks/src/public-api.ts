/**
 * Public APIs as small as their use: reads a workspace's entry points and every import in it
 * with the TypeScript compiler API, and lists each export that breaks the workspace's rule.
 *
 * - An index entry (a `tsconfig.base.json` alias that is not `…/testing`) exports only names
 *   that a file of another project imports, or, for a library under `libs/`, names its README
 *   lists in its "Public API" table (the deliberate API a library offers the orders team). The
 *   table may name only what the project's entry points export, so it cannot go stale.
 * - A testing entry (`…/testing`) exports only names that some other file imports (a spec or
 *   test helper of any project, its own project's included).
 * - An application's bundled main (a target's `options.main`) exports `handler` and nothing else.
 *
 * Names come from the type checker (`export *` chains followed); imports are read from the
 * syntax tree of every `.ts` file under apps, libs, infra and tools (import and export-from
 * declarations, `import('…')` types and calls), aliases resolved through `tsconfig.base.json`
 * and relative paths to the file they name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** What is checked at one entry point. */
export interface EntryPoint {
  readonly project: string;
  readonly projectRoot: string;
  /** Workspace-relative path of the entry file. */
  readonly file: string;
  readonly kind: 'index' | 'testing' | 'handler';
}

/** One export that breaks the rule, with the reason in words. */
export interface Violation {
  readonly project: string;
  readonly file: string;
  readonly name: string;
  readonly message: string;
}

const SOURCE_FOLDERS = ['apps', 'libs', 'infra', 'tools'];
const SKIPPED = new Set(['node_modules', 'dist', 'tmp', 'cdktf.out', '.gen', 'coverage']);
/** Any name of the entry: a namespace import or `export *` from another project uses them all. */
const ALL = '*';

function walk(dir: string, keep: (file: string) => boolean, found: string[] = []): string[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, keep, found);
    else if (keep(entry.name)) found.push(full);
  }
  return found;
}

const relative = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

interface Project {
  readonly name: string;
  readonly root: string;
  readonly projectType?: string;
  readonly targets?: Record<string, { options?: { main?: string } }>;
}

function readProjects(root: string): Project[] {
  return SOURCE_FOLDERS.flatMap((folder) => walk(path.join(root, folder), (name) => name === 'project.json')).map((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Omit<Project, 'root'>;
    return { ...json, root: relative(root, path.dirname(file)) };
  });
}

function readAliases(root: string): Map<string, string> {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const paths = (config.config?.compilerOptions?.paths ?? {}) as Record<string, string[]>;
  return new Map(Object.entries(paths).flatMap(([alias, [target]]) => (target ? [[alias, target] as const] : [])));
}

/** Every entry point of the workspace at `root`: its aliases and its applications' bundled mains. */
export function entryPoints(root: string): EntryPoint[] {
  const projects = readProjects(root);
  const owner = (file: string) =>
    projects.filter((p) => file.startsWith(`${p.root}/`)).sort((a, b) => b.root.length - a.root.length)[0];
  const fromAliases = [...readAliases(root)].flatMap(([alias, file]) => {
    const project = owner(file);
    return project ? [{ project: project.name, projectRoot: project.root, file, kind: alias.endsWith('/testing') ? 'testing' : 'index' } as const] : [];
  });
  const handlers = projects
    .filter((p) => p.projectType === 'application')
    .flatMap((p) => Object.values(p.targets ?? {}).flatMap((t) => (t.options?.main ? [t.options.main] : [])).map((file) => ({ project: p.name, projectRoot: p.root, file, kind: 'handler' as const })));
  return [...fromAliases, ...handlers];
}

/** The names each entry file exports, as the type checker sees them. */
export function exportedNames(root: string, files: readonly string[]): Map<string, string[]> {
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram(
    files.map((f) => path.join(root, f)),
    { ...parsed.options, noEmit: true, types: [] },
  );
  const checker = program.getTypeChecker();
  return new Map(
    files.map((file) => {
      const source = program.getSourceFile(path.join(root, file));
      const symbol = source && checker.getSymbolAtLocation(source);
      return [file, symbol ? checker.getExportsOfModule(symbol).map((s) => s.name).sort() : []];
    }),
  );
}

/** Who imports what: entry file → name → the workspace-relative files that import it. */
export function importsByEntry(root: string, entryFiles: ReadonlySet<string>): Map<string, Map<string, Set<string>>> {
  const aliases = readAliases(root);
  const uses = new Map<string, Map<string, Set<string>>>();
  const resolve = (from: string, specifier: string): string | undefined => {
    const aliased = aliases.get(specifier);
    if (aliased) return aliased;
    if (!specifier.startsWith('.')) return undefined;
    const base = relative(root, path.resolve(root, path.dirname(from), specifier));
    return [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => entryFiles.has(candidate));
  };
  const record = (importer: string, specifier: string, names: readonly string[]) => {
    const entry = resolve(importer, specifier);
    if (!entry || entry === importer) return;
    const byName = uses.get(entry) ?? new Map<string, Set<string>>();
    for (const name of names) byName.set(name, (byName.get(name) ?? new Set()).add(importer));
    uses.set(entry, byName);
  };
  const files = SOURCE_FOLDERS.flatMap((folder) => walk(path.join(root, folder), (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')));
  for (const file of files) {
    const importer = relative(root, file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        const names = !clause
          ? []
          : bindings && ts.isNamespaceImport(bindings)
            ? [ALL]
            : [...(clause.name ? ['default'] : []), ...(bindings?.elements.map((e) => (e.propertyName ?? e.name).text) ?? [])];
        record(importer, node.moduleSpecifier.text, names);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.exportClause;
        const names = clause && ts.isNamedExports(clause) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : [ALL];
        record(importer, node.moduleSpecifier.text, names);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        const qualifier = node.qualifier;
        const first = qualifier && (ts.isIdentifier(qualifier) ? qualifier : leftmost(qualifier));
        record(importer, node.argument.literal.text, [first ? first.text : ALL]);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [specifier] = node.arguments;
        if (specifier && ts.isStringLiteral(specifier)) record(importer, specifier.text, [ALL]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

function leftmost(name: ts.QualifiedName): ts.Identifier {
  return ts.isIdentifier(name.left) ? name.left : leftmost(name.left);
}

/**
 * The names a project's README declares as its deliberate public API: the backticked names in the
 * first column of the table under its `## Public API` heading (a row may name several; `name(args)`
 * and `Name<T>` count as `name` and `Name`, a path or package name counts as none).
 */
export function declaredPublicApi(root: string, projectRoot: string): string[] {
  const readme = path.join(root, projectRoot, 'README.md');
  if (!existsSync(readme)) return [];
  const lines = readFileSync(readme, 'utf8').split('\n');
  const start = lines.findIndex((line) => /^##\s+Public API\s*$/.test(line));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^#{1,2}\s/.test(line));
  const rows = lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line.startsWith('|') && !/^\|[\s:|-]+\|?\s*$/.test(line));
  return rows.slice(1).flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Za-z_$][\w$]*)(?=[`(<])/g)].map((m) => m[1] as string));
}

/** Every export of the workspace at `root` that breaks the rule (none when the workspace keeps it). */
export function publicApiViolations(root: string): Violation[] {
  const entries = entryPoints(root);
  const exported = exportedNames(root, entries.map((e) => e.file));
  const uses = importsByEntry(root, new Set(entries.map((e) => e.file)));
  const violations: Violation[] = [];
  const usedBy = (entry: EntryPoint, name: string, outsideProject: boolean) =>
    [...(uses.get(entry.file)?.get(name) ?? []), ...(uses.get(entry.file)?.get(ALL) ?? [])].some(
      (importer) => !outsideProject || !importer.startsWith(`${entry.projectRoot}/`),
    );
  for (const project of new Set(entries.filter((e) => e.kind === 'index').map((e) => e.project))) {
    const indexes = entries.filter((e) => e.project === project && e.kind === 'index');
    const projectRoot = (indexes[0] as EntryPoint).projectRoot;
    // Only a library offers a deliberate API; a tool or app exports what other projects use.
    const declared = projectRoot.startsWith('libs/') ? declaredPublicApi(root, projectRoot) : [];
    const offered = new Set(entries.filter((e) => e.project === project).flatMap((e) => exported.get(e.file) ?? []));
    for (const name of declared.filter((n) => !offered.has(n))) {
      violations.push({ project, file: `${projectRoot}/README.md`, name, message: `${project}: README.md's Public API table lists "${name}", which none of its entry points exports` });
    }
    for (const entry of indexes) {
      for (const name of exported.get(entry.file) ?? []) {
        if (usedBy(entry, name, true) || declared.includes(name)) continue;
        violations.push({ project, file: entry.file, name, message: `${project}: ${entry.file} exports "${name}", which no other project imports and ${projectRoot}/README.md's Public API table does not list (import it by relative path inside the project, list it, or remove it)` });
      }
    }
  }
  for (const entry of entries.filter((e) => e.kind === 'testing')) {
    for (const name of (exported.get(entry.file) ?? []).filter((n) => !usedBy(entry, n, false))) {
      violations.push({ project: entry.project, file: entry.file, name, message: `${entry.project}: ${entry.file} exports "${name}", which no spec or test helper imports` });
    }
  }
  for (const entry of entries.filter((e) => e.kind === 'handler')) {
    const names = exported.get(entry.file) ?? [];
    if (!names.includes('handler')) violations.push({ project: entry.project, file: entry.file, name: 'handler', message: `${entry.project}: ${entry.file} does not export "handler"` });
    for (const name of names.filter((n) => n !== 'handler')) {
      violations.push({ project: entry.project, file: entry.file, name, message: `${entry.project}: ${entry.file} exports "${name}"; an application's main exports only "handler"` });
    }
  }
  return violations;
}
