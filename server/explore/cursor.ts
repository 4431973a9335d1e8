/**
 * Opaque page cursors: base64url of the next offset and a digest of the query it belongs to, so a
 * cursor from one search cannot page another (the client gets a 400, not someone else's page).
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.ts';

const VERSION = 1;

/** Digest of what defines a result list: the query text and the label filter (not the page size). */
export function queryDigest(q: string, labels: readonly string[] | undefined): string {
  const canonical = JSON.stringify([q.trim(), labels ? [...labels].sort() : null]);
  return createHash('sha256').update(canonical, 'utf8').digest('base64url').slice(0, 16);
}

export function encodeCursor(offset: number, digest: string): string {
  return Buffer.from(JSON.stringify({ v: VERSION, o: offset, h: digest }), 'utf8').toString('base64url');
}

/** The offset a cursor continues from; ValidationError when it is malformed or from another query. */
export function decodeCursor(cursor: string, digest: string, maxOffset: number): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const c = parsed as { v?: unknown; o?: unknown; h?: unknown } | null;
  if (
    c === null ||
    typeof c !== 'object' ||
    c.v !== VERSION ||
    typeof c.o !== 'number' ||
    !Number.isInteger(c.o) ||
    c.o < 0 ||
    c.o > maxOffset
  ) {
    throw new ValidationError('quanlian/explore: the cursor is not valid; start the search again without it');
  }
  if (c.h !== digest) {
    throw new ValidationError('quanlian/explore: the cursor belongs to another search; start again without it');
  }
  return c.o;
}
