/**
 * Writes the README's diagram from the dev stage's synth.
 * Run by `npx nx run infra:diagram` (after `infra:synth`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../config/bundles';
import { stackName } from '../config/stage-config';
import { STAGES } from '../config/stages';
import { synthesizedStackFile } from '../config/synth-output';
import { readTerraformJson } from '@shop/shared-util-terraform-json';
import { renderArchitectureDiagram } from './architecture-diagram';
import { README, withReadmeDiagram } from './architecture-document';

const stack = stackName(STAGES.dev);
const mermaid = renderArchitectureDiagram(readTerraformJson(path.join(WORKSPACE_ROOT, synthesizedStackFile(stack))));
const readmePath = path.join(WORKSPACE_ROOT, README);
writeFileSync(readmePath, withReadmeDiagram(readFileSync(readmePath, 'utf8'), mermaid));
console.log(`Wrote the diagram in ${README} from ${synthesizedStackFile(stack)}`);
