import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { JavaNotFoundError } from './errors';

export const MINIMUM_JAVA_MAJOR = 17;

/** The java binary to use: $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` on PATH. */
export function javaBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env['JAVA_HOME'] ? path.join(env['JAVA_HOME'], 'bin', 'java') : 'java';
}

/** Parses the major version from `java -version` output ("17.0.15", "1.8.0_392" → 8). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** Throws {@link JavaNotFoundError} unless `javaBin` runs and is Java 17 or newer. */
export function assertJava(javaBin: string = javaBinary()): void {
  const result = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new JavaNotFoundError(javaBin);
  const major = parseJavaMajor(`${result.stderr}${result.stdout}`);
  if (major === undefined || major < MINIMUM_JAVA_MAJOR) {
    throw new JavaNotFoundError(javaBin, major === undefined ? 'of an unknown version' : `Java ${major}`);
  }
}
