import type { LogSink } from './logger';

const CLEAR_LINE = '\r\x1b[2K';

/**
 * Writes log lines to a stream. On a terminal it keeps one status line pinned under the log:
 * each log line clears it, is written, and the status is drawn again.
 */
export class TerminalSink implements LogSink {
  private status = '';

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) {}

  get interactive(): boolean {
    return this.stream.isTTY === true;
  }

  writeLine(line: string): void {
    if (this.interactive && this.status) this.stream.write(`${CLEAR_LINE}${line}\n${this.fit(this.status)}`);
    else this.stream.write(`${line}\n`);
  }

  /** Replaces the pinned status line (terminals only; elsewhere the caller logs status lines). */
  setStatus(status: string): void {
    if (!this.interactive) return;
    this.status = status;
    this.stream.write(`${CLEAR_LINE}${this.fit(status)}`);
  }

  /** Removes the status line, e.g. before exiting. */
  clearStatus(): void {
    if (this.interactive && this.status) this.stream.write(CLEAR_LINE);
    this.status = '';
  }

  private fit(text: string): string {
    const width = this.stream.columns ?? 200;
    // eslint-disable-next-line no-control-regex
    const visible = text.replace(/\x1b\[[0-9;]*m/g, '');
    return visible.length <= width - 1 ? text : visible.slice(0, width - 2) + '…';
  }
}
