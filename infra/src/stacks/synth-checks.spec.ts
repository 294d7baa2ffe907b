import { findReferences, undeclaredReferences } from '@shop/shared-util-terraform-json';
import { STAGES } from '../config/stages';
import { hclUnsafeStrings } from '../synth-checks/hcl-safety';
import { synthStage, type SynthesizedStage } from '../testing/synth-stage';

describe.each(Object.values(STAGES).map((config) => [config.stage, config] as const))('the synthesized %s stage', (_stage, config) => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage(config);
  });

  it('references only resources and data sources it declares', () => {
    // Assess
    expect(findReferences(synth.json).length).toBeGreaterThan(50);
    expect(undeclaredReferences(synth.json)).toEqual([]);
  });

  it('renders to valid HCL (no JSON string with a reference in it)', () => {
    expect(hclUnsafeStrings(synth.json)).toEqual([]);
  });

  it('matches its snapshot (asset hashes blanked)', () => {
    expect(synth.stableText).toMatchSnapshot();
  });
});
