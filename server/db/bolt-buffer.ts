/**
 * Lets the driver write a Bolt request in one piece.
 *
 * neo4j-driver packs each request into a buffer of 1,400 bytes and writes the buffer to the socket
 * whenever it fills. Quanlian's statements are 1–2.5 KB of text before their parameters, so a
 * statement went to Neo4j as two or three socket writes, and an audit group as many more. With
 * no-delay on (nodelay.ts) each write is a system call and a segment of its own, and each wakes
 * Neo4j's reader for part of a message. On the 2-core bench machine a write to the loopback costs
 * tens of microseconds, so under bench:api the server made about 4.7 writes per request, and spent
 * a tenth of its time in them.
 *
 * The driver has no option for its buffer size: the Chunker reads it from its own `_bufferSize`
 * field, set in its constructor from a module constant. So the field is given a getter on the
 * Chunker's prototype (the constructor's assignment then lands in the setter and is ignored), in
 * the copy of neo4j-driver-bolt-connection that neo4j-driver itself loads. A request up to
 * BOLT_WRITE_BUFFER bytes now leaves in one write; a larger one in pieces of that size, as before.
 * test/unit/bolt-buffer.test.ts fails if a driver upgrade moves any of this.
 */
import { driverModule } from './driver-module.ts';

/**
 * Bytes per write: the largest statement with its parameters (a trace level, 16 KB of text since it
 * counts what lies beyond the scope, with its frontier), and an audit group of ~60 events.
 */
export const BOLT_WRITE_BUFFER = 32 * 1024;

const TUNED = Symbol.for('quanlian.boltWriteBuffer');

interface ChunkerClass {
  prototype: object;
  new (channel: unknown, bufferSize?: number): { _bufferSize: number };
}

/** The Chunker class of the bolt-connection package that neo4j-driver loads (not necessarily hoisted). */
export function driverChunker(): ChunkerClass {
  const chunking = driverModule<{ Chunker?: ChunkerClass }>('neo4j-driver-bolt-connection/lib/channel/chunking.js');
  if (typeof chunking.Chunker !== 'function')
    throw new Error('quanlian/db: neo4j-driver-bolt-connection no longer exports Chunker from lib/channel/chunking.js');
  return chunking.Chunker;
}

/** Idempotent: safe to call from every Db constructor. */
export function enlargeBoltWriteBuffer(): void {
  const { prototype } = driverChunker();
  if ((prototype as { [TUNED]?: true })[TUNED]) return;
  Object.defineProperty(prototype, '_bufferSize', {
    configurable: true,
    get: () => BOLT_WRITE_BUFFER,
    set: () => undefined,
  });
  Object.defineProperty(prototype, TUNED, { value: true });
}
