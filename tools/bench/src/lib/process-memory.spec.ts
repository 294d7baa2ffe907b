import { BenchError } from './errors';
import { readProcessStatus, threadCount, vmRssMb } from './process-memory';

describe('vmRssMb', () => {
  it('reads the VmRSS line of /proc/<pid>/status in MB', () => {
    expect(vmRssMb('Name:\tnode\nVmPeak:\t 900000 kB\nVmRSS:\t  204800 kB\nRssAnon:\t 100 kB\n')).toBe(200);
    expect(vmRssMb('VmRSS:\t 1000 kB')).toBe(1);
  });

  it('refuses a status without a VmRSS line (a kernel thread, another format)', () => {
    expect(() => vmRssMb('Name:\tkthreadd\nState:\tS (sleeping)\n')).toThrow(BenchError);
  });
});

describe('threadCount', () => {
  it('reads the Threads line of /proc/<pid>/status', () => {
    expect(threadCount('Name:\tnode\nThreads:\t27\nSigQ:\t0/95487\n')).toBe(27);
  });

  it('refuses a status without a Threads line', () => {
    expect(() => threadCount('Name:\tnode\n')).toThrow('no "Threads: <n>" line');
  });
});

describe('readProcessStatus', () => {
  it('reads a running process (this one) from /proc', () => {
    // Act
    const { rssMb, threads } = readProcessStatus(process.pid);

    // Assess
    expect(rssMb).toBeGreaterThan(1);
    expect(threads).toBeGreaterThanOrEqual(1);
  });

  it('says which process it could not read', () => {
    // 2^22 is above Linux's pid_max: no such process
    expect(() => readProcessStatus(4_194_305)).toThrow('cannot read the memory of process 4194305');
  });
});
