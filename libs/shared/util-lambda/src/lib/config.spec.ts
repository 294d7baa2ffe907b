import { ConfigurationError } from './errors';
import { readConfig } from './config';

describe('readConfig', () => {
  it('returns the trimmed values of the named variables', () => {
    const config = readConfig(['A', 'B'] as const, { A: ' table-a ', B: 'table-b', C: 'ignored' });
    expect(config).toEqual({ A: 'table-a', B: 'table-b' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every missing or blank variable in one error', () => {
    const attempt = (): unknown => readConfig(['A', 'B', 'C'] as const, { A: 'x', B: '  ' });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow('Missing required environment variables: B, C.');
  });
});
