/**
 * Wraps a subcommand's work: prints errors as one readable message (the JSON form with --json) and
 * sets a non-zero exit code, so every subcommand fails the same way.
 */
import { ConfigError, QuanlianError, ValidationError } from '../errors.ts';

export interface JsonOption {
  json?: boolean;
}

export function action<A extends unknown[]>(work: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await work(...args);
    } catch (error) {
      const opts = args.find((a): a is JsonOption => typeof a === 'object' && a !== null && 'json' in a);
      report(error, opts?.json === true);
      process.exitCode = error instanceof ConfigError ? 78 : 1;
    }
  };
}

function report(error: unknown, json: boolean): void {
  const message = error instanceof Error ? error.message : String(error);
  const type = error instanceof QuanlianError ? error.type : 'internal';
  if (json) process.stdout.write(JSON.stringify({ ok: false, error: { type, message } }) + '\n');
  process.stderr.write(message.startsWith('quanlian') ? `${message}\n` : `quanlian: ${message}\n`);
  if (!(error instanceof QuanlianError) && error instanceof Error && error.stack && process.env.QUANLIAN_DEBUG) {
    process.stderr.write(error.stack + '\n');
  }
}

/** Prints the one-line JSON summary of a successful command. */
export function printJson(summary: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ ok: true, ...summary }) + '\n');
}

/** A whole-number option (`--limit 20`), checked against its bounds with a message naming the flag. */
export function wholeOption(text: string, flag: string, max: number, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ValidationError(`${flag} ${text}: expected a whole number from ${min} to ${max}`);
  return n;
}

/** A numeric option (`--threshold 0.6`), checked against its bounds. */
export function numberOption(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new ValidationError(`${flag} ${text}: expected a number from ${min} to ${max}`);
  return n;
}
