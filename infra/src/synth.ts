/**
 * Synthesizes every stage with the cdktf library, without the cdktf CLI.
 *
 * The CLI (0.21, archived) loads node-pty for every command, and its prebuilt binaries stop at
 * Node 22's ABI, so it does not start on Node 24. What `cdktf synth` does is run `src/main.ts`
 * with `CDKTF_OUTDIR` set (and `SYNTH_HCL_OUTPUT=true` for `--hcl`); this does the same, after
 * emptying the output folder as the CLI does.
 *
 * Usage: tsx src/synth.ts [--hcl] [--output DIR]   (from infra/; DIR defaults to cdktf.out or cdktf.out.hcl)
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const hcl = args.includes('--hcl');
const outputIndex = args.indexOf('--output');
const output = outputIndex >= 0 ? args[outputIndex + 1] : hcl ? 'cdktf.out.hcl' : 'cdktf.out';
if (!output || args.some((arg, i) => arg !== '--hcl' && arg !== '--output' && i !== outputIndex + 1)) {
  process.stderr.write('usage: tsx src/synth.ts [--hcl] [--output DIR]\n');
  process.exit(2);
}
const outdir = path.resolve(output);
rmSync(outdir, { recursive: true, force: true });
process.env['CDKTF_OUTDIR'] = outdir;
if (hcl) process.env['SYNTH_HCL_OUTPUT'] = 'true';
process.env['CHECKPOINT_DISABLE'] = '1';
// main.ts builds the App, which reads CDKTF_OUTDIR / SYNTH_HCL_OUTPUT when it is constructed.
void import('./main');
