import { Worker } from 'node:worker_threads';
import { cpuBetween, cpuSnapshot } from './process-cpu';

const onLinux = process.platform === 'linux' ? it : it.skip;

describe('cpuSnapshot', () => {
  onLinux('keeps the CPU time of a thread that ended between two snapshots (the difference never goes negative)', async () => {
    // Prepare: a thread that has used some CPU and is still alive at the first snapshot
    const pids = { stackPid: process.pid, dynamodbPid: process.pid };
    const worker = new Worker(
      // Works until this thread alone has used 100 ms of CPU (10 clock ticks), however loaded the machine is.
      'const { parentPort } = require("node:worker_threads"); let x = 0; while (process.threadCpuUsage().user < 100_000) x += Math.sqrt(x + 1); parentPort.postMessage("worked"); parentPort.once("message", () => process.exit(0));',
      { eval: true },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const before = cpuSnapshot(pids);
    worker.postMessage('end');
    await new Promise((resolve) => worker.once('exit', resolve));

    // Act
    const used = cpuBetween(before, cpuSnapshot(pids));

    // Assess: without the ended thread's time the difference would be about -100 ms; one clock
    // tick (10 ms) of jitter remains, as the process's and the main thread's figures are read one after the other
    expect(before?.stackOther).toBeGreaterThanOrEqual(100);
    expect(used?.stackOther).toBeGreaterThanOrEqual(-10);
    expect(used?.stackMain).toBeGreaterThanOrEqual(0);
  });

  it('is undefined for a process that does not exist', () => {
    // Act
    const snapshot = cpuSnapshot({ stackPid: 2 ** 22 + 1, dynamodbPid: process.pid });

    // Assess
    expect(snapshot).toBeUndefined();
  });
});
