import { readFileSync } from 'node:fs';

type Blocks = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/** The parts of a synthesized `cdk.tf.json` infra's checks and diagram read. */
export interface SynthesizedJson {
  readonly terraform?: Readonly<Record<string, unknown>>;
  readonly provider?: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;
  readonly resource?: Blocks;
  readonly data?: Blocks;
  readonly output?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly variable?: Readonly<Record<string, unknown>>;
  readonly locals?: Readonly<Record<string, unknown>>;
}

/** One resource (or data source) of a synth, with its address. */
export interface SynthesizedBlock {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Reads a synthesized stack (`infra/cdktf.out/stacks/<stack>/cdk.tf.json`). */
export const readSynthesizedJson = (file: string): SynthesizedJson => JSON.parse(readFileSync(file, 'utf8')) as SynthesizedJson;

/** The resources of one type (or, with `data.` before the type, the data sources), sorted by name. */
export function blocksOfType(json: SynthesizedJson, type: string): SynthesizedBlock[] {
  const isData = type.startsWith('data.');
  const bareType = isData ? type.slice('data.'.length) : type;
  const byName = (isData ? json.data : json.resource)?.[bareType] ?? {};
  return Object.keys(byName)
    .sort()
    .map((name) => ({ address: `${type}.${name}`, type: bareType, name, config: byName[name] ?? {} }));
}
