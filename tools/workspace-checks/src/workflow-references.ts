/**
 * What a CI workflow names that must exist in this workspace: Nx targets (`nx run p:t`,
 * `nx affected -t a b`, `nx run-many -t a`), npm scripts (`npm run s`, `npm test`, `npm start`)
 * and local actions or reusable workflows (`uses: ./…`). Read from the workflow's text, so a
 * renamed target breaks the build here, not in a team's CI.
 */
export interface WorkflowReferences {
  /** `project:target` pairs named by `nx run`. */
  readonly projectTargets: ReadonlyArray<{ readonly project: string; readonly target: string; readonly configuration?: string }>;
  /** Targets named by `nx affected -t` / `nx run-many -t`: each must exist in some project. */
  readonly targets: readonly string[];
  readonly npmScripts: readonly string[];
  /** `./.github/actions/setup`, `./.github/workflows/checks.yml` */
  readonly localUses: readonly string[];
}

const NX_RUN = /\bnx\s+run\s+([\w.-]+):([\w.-]+)(?::([\w.-]+))?/g;
const NX_MANY = /\bnx\s+(?:affected|run-many)\b([^\n]*)/g;
const TARGET_LIST = /(?:^|\s)(?:-t|--targets?)(?:=|\s+)([\w.-]+(?:[\s,]+(?!-)[\w.-]+)*)/;
const NPM_RUN = /\bnpm\s+(?:run(?:-script)?|run)\s+(?:-s\s+)?([\w:.-]+)/g;
const NPM_LIFECYCLE = /\bnpm\s+(test|start)\b/g;
const LOCAL_USES = /\buses:\s*['"]?(\.\/[^\s'"@]+)/g;

/** Everything `workflow` (a workflow's or action's YAML text) names. */
export function workflowReferences(workflow: string): WorkflowReferences {
  // Comments name things too ("as .ci/run runs npm test"): only code counts.
  const code = workflow
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  const projectTargets = [...code.matchAll(NX_RUN)].map(([, project, target, configuration]) => ({
    project: project as string,
    target: target as string,
    ...(configuration ? { configuration } : {}),
  }));
  const targets = [...code.matchAll(NX_MANY)].flatMap(([, rest]) => {
    const list = TARGET_LIST.exec(rest ?? '')?.[1];
    return list ? list.split(/[\s,]+/).filter(Boolean) : [];
  });
  const npmScripts = [...[...code.matchAll(NPM_RUN)].map(([, script]) => script as string), ...[...code.matchAll(NPM_LIFECYCLE)].map(([, script]) => script as string)];
  const localUses = [...code.matchAll(LOCAL_USES)].map(([, target]) => target as string);
  return { projectTargets, targets: [...new Set(targets)], npmScripts: [...new Set(npmScripts)], localUses: [...new Set(localUses)] };
}

/** The workspace a workflow's references are checked against. */
export interface Workspace {
  /** Each project's targets, with their configurations. */
  readonly projects: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly npmScripts: ReadonlySet<string>;
  /** Whether a path relative to the workspace root exists. */
  readonly exists: (relativePath: string) => boolean;
}

/** One line per reference that names nothing in `workspace`: empty when the workflow can run here. */
export function missingReferences(references: WorkflowReferences, workspace: Workspace): string[] {
  const missing: string[] = [];
  for (const { project, target, configuration } of references.projectTargets) {
    const targets = workspace.projects.get(project);
    if (!targets) missing.push(`nx project "${project}" (nx run ${project}:${target})`);
    else if (!targets.has(target)) missing.push(`nx target "${project}:${target}"`);
    else if (configuration && !targets.get(target)?.includes(configuration)) missing.push(`nx configuration "${project}:${target}:${configuration}"`);
  }
  for (const target of references.targets) {
    if (![...workspace.projects.values()].some((targets) => targets.has(target))) missing.push(`nx target "${target}" (in no project)`);
  }
  // test and start are npm's own commands, but they run the scripts of those names.
  for (const script of references.npmScripts) if (!workspace.npmScripts.has(script)) missing.push(`npm script "${script}"`);
  for (const uses of references.localUses) {
    const file = uses.replace(/^\.\//, '');
    if (!(workspace.exists(file) && (/\.ya?ml$/.test(file) || workspace.exists(`${file}/action.yml`)))) missing.push(`local action or workflow "${uses}"`);
  }
  return missing;
}
