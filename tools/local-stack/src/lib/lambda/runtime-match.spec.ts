import { describeMismatch, matchRuntimes, nodeRuntimeMajor } from './runtime-match';

describe('matchRuntimes', () => {
  it('matches a nodejs24.x function run on Node 24', () => {
    // Act
    const [match] = matchRuntimes([{ functionName: 'shop-dev-orders-api', runtime: 'nodejs24.x' }], 'v24.22.3');
    // Assess
    expect(match).toEqual({ functionName: 'shop-dev-orders-api', runtime: 'nodejs24.x', runtimeMajor: 24, localNode: 'v24.22.3', matches: true });
  });

  it('flags a nodejs22.x function run on Node 24, naming both versions', () => {
    // Act
    const [match] = matchRuntimes([{ functionName: 'shop-dev-orders-api', runtime: 'nodejs22.x' }], 'v24.22.3');
    // Assess
    expect(match?.matches).toBe(false);
    expect(describeMismatch(match!)).toBe(
      'shop-dev-orders-api declares nodejs22.x but runs locally on Node v24.22.3: run the stack on Node 22 (or change the runtime in infra) to test what ships',
    );
  });

  it('compares against the Node running the stack by default', () => {
    // Act
    const [match] = matchRuntimes([{ functionName: 'fn', runtime: `nodejs${process.versions.node.split('.')[0]}.x` }]);
    // Assess
    expect(match).toMatchObject({ localNode: process.version, matches: true });
  });
});

describe('nodeRuntimeMajor', () => {
  it('reads the major version of a Node.js runtime and nothing else', () => {
    expect(nodeRuntimeMajor('nodejs24.x')).toBe(24);
    expect(nodeRuntimeMajor('python3.13')).toBeUndefined();
    expect(nodeRuntimeMajor('nodejs24')).toBeUndefined();
  });
});
