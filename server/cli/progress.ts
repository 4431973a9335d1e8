/**
 * A one-line progress bar for long CLI work (rows, rows/s, ETA), drawn only on a terminal; pipes
 * and CI logs get nothing, so --json output stays one clean line.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private readonly enabled = process.stderr.isTTY === true;
  private lastDraw = 0;

  update(label: string, done: number, total: number | null): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < 100 && (total === null || done < total)) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const width = 24;
    const fraction = total ? Math.min(1, done / total) : 0;
    const bar = total ? '█'.repeat(Math.round(fraction * width)).padEnd(width, '░') : '';
    const eta = total && rate > 0 ? `ETA ${Math.max(0, Math.round((total - done) / rate))}s` : '';
    const line = `${label} ${bar} ${done.toLocaleString('en')}${total ? `/${total.toLocaleString('en')}` : ''} rows · ${Math.round(rate).toLocaleString('en')}/s ${eta}`;
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 120) - 1)}`);
  }

  /** A phase with a percentage (detection). */
  percent(label: string, percent: number): void {
    if (!this.enabled) return;
    const width = 24;
    const bar = '█'.repeat(Math.round((percent / 100) * width)).padEnd(width, '░');
    const seconds = Math.round((performance.now() - this.started) / 1000);
    process.stderr.write(
      `\r\x1b[2K${`${label} ${bar} ${percent}% · ${seconds}s`.slice(0, (process.stderr.columns ?? 120) - 1)}`,
    );
  }

  done(): void {
    if (this.enabled) process.stderr.write('\r\x1b[2K');
  }
}
