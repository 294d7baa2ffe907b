import { stackArguments } from './stack-process-options';

describe('stackArguments', () => {
  it('runs without a build, with JSON logs at info on a free port by default', () => {
    expect(stackArguments({ stateDirectory: '/tmp/s' })).toEqual(['--skip-build', '--log-format', 'json', '--state-dir', '/tmp/s', '--port', '0', '--log-level', 'info']);
  });

  it('passes every option as the flag npm start documents', () => {
    const args = stackArguments({
      stateDirectory: '/tmp/s',
      port: 3100,
      pollIntervalMs: 100,
      persistDirectory: '/tmp/p',
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      synthPath: '/tmp/what-if/cdk.tf.json',
      iam: 'off',
      logLevel: 'warn',
      faults: { duplicateBatches: true, failRate: 0.2, delayMs: 5, dropConnectionEvery: 7, dynamodb: ['error=InternalServerError,rate=0.05', 'delay-ms=40'], seed: 3 },
    });

    expect(args.join(' ')).toBe(
      '--skip-build --log-format json --state-dir /tmp/s --port 3100 --log-level warn --poll-interval-ms 100 --persist /tmp/p ' +
        '--dynamodb-endpoint http://127.0.0.1:8000 --synth /tmp/what-if/cdk.tf.json --iam off ' +
        '--fault-duplicate-batches --fault-fail-rate 0.2 --fault-delay-ms 5 --fault-drop-connection-every 7 ' +
        '--fault-dynamodb error=InternalServerError,rate=0.05 --fault-dynamodb delay-ms=40 --fault-seed 3',
    );
  });
});
