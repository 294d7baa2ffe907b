import { existsSync } from 'node:fs';
import path from 'node:path';
import { DynamoDbLocalError } from './errors';

/**
 * Where DynamoDBLocal.jar lives: the `emulator/` folder of the npm package
 * `amplify-dynamodb-simulator`. Only that folder is used; the package's own JavaScript
 * dependencies are replaced by an empty package through `overrides` in the root package.json.
 */
export function emulatorDirectory(): string {
  let packageJson: string;
  try {
    packageJson = require.resolve('amplify-dynamodb-simulator/package.json', { paths: [process.cwd(), __dirname] });
  } catch (cause) {
    throw new DynamoDbLocalError('The npm package amplify-dynamodb-simulator is not installed: run `npm ci` at the repo root.', { cause });
  }
  const dir = path.join(path.dirname(packageJson), 'emulator');
  if (!existsSync(path.join(dir, 'DynamoDBLocal.jar'))) {
    throw new DynamoDbLocalError(`DynamoDBLocal.jar is missing from ${dir}: reinstall with \`npm ci\`.`);
  }
  return dir;
}
