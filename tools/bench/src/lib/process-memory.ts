import { readFileSync } from 'node:fs';
import { BenchError } from './errors';

/**
 * Resident memory in MB (rounded to 0.1) from the text of `/proc/<pid>/status` (its `VmRSS:` line, in kB).
 *
 * @example
 * vmRssMb('Name:\tnode\nVmRSS:\t  204800 kB\n'); // 200
 */
export function vmRssMb(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new BenchError('no "VmRSS: <n> kB" line in the process status');
  return Math.round((Number(match[1]) / 1024) * 10) / 10;
}

/**
 * The number of threads from the text of `/proc/<pid>/status` (its `Threads:` line). In the
 * stack's process each function instance is a worker thread: a step in memory that comes with a
 * step in threads is an instance more, not a leak.
 *
 * @example
 * threadCount('Threads:\t27\n'); // 27
 */
export function threadCount(status: string): number {
  const match = /^Threads:\s+(\d+)$/m.exec(status);
  if (!match) throw new BenchError('no "Threads: <n>" line in the process status');
  return Number(match[1]);
}

/**
 * Resident memory (MB) and thread count of a running process, read from /proc (Linux). A process
 * that is gone (or a system without /proc) is an error: a soak's memory figure cannot be left out
 * silently.
 *
 * @example
 * readProcessStatus(stack.endpoints.pid); // { rssMb: 183.4, threads: 27 }
 */
export function readProcessStatus(pid: number): { rssMb: number; threads: number } {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    throw new BenchError(`cannot read the memory of process ${pid} from /proc/${pid}/status (ended, or not Linux)`, { cause: error });
  }
  return { rssMb: vmRssMb(status), threads: threadCount(status) };
}
