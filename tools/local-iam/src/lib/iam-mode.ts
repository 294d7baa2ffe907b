import { IamMode } from './constants';
import { InvalidIamModeError } from './errors';

/**
 * Parses `--iam enforce|warn|off` (case-insensitive); absent means enforce.
 *
 * @throws InvalidIamModeError
 * @example
 * parseIamMode(process.env.SHOP_IAM_MODE); // 'enforce'
 */
export function parseIamMode(value: string | undefined): IamMode {
  if (value === undefined || value.trim() === '') return IamMode.Enforce;
  const mode = Object.values(IamMode).find((m) => m === value.trim().toLowerCase());
  if (!mode) throw new InvalidIamModeError(value);
  return mode;
}
