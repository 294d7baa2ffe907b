import { Worker } from 'node:worker_threads';
import { cpuBetween, cpuSnapshot } from './process-cpu';

const onLinux = process.platform === 'linux' ? it : it.skip;

describe('cpuSnapshot', () => {
  onLinux('keeps the CPU time of a thread that ended between two snapshots (the difference never goes negative)', async () => {
    // Prepare: a thread that has used some CPU and is still alive at the first snapshot
    const pids = { stackPid: process.pid, dynamodbPid: process.pid };
    const worker = new Worker(
      'const { parentPort } = require("node:worker_threads"); const { performance } = require("node:perf_hooks"); const end = performance.now() + 200; let x = 0; while (performance.now() < end) x += Math.sqrt(x + 1); parentPort.postMessage("worked"); parentPort.once("message", () => process.exit(0));',
      { eval: true },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const before = cpuSnapshot(pids);
    worker.postMessage('end');
    await new Promise((resolve) => worker.once('exit', resolve));

    // Act
    const used = cpuBetween(before, cpuSnapshot(pids));

    // Assess
    expect(before?.stackOther).toBeGreaterThan(0);
    expect(used?.stackOther).toBeGreaterThanOrEqual(0);
    expect(used?.stackMain).toBeGreaterThanOrEqual(0);
  });

  it('is undefined for a process that does not exist', () => {
    // Act
    const snapshot = cpuSnapshot({ stackPid: 2 ** 22 + 1, dynamodbPid: process.pid });

    // Assess
    expect(snapshot).toBeUndefined();
  });
});
