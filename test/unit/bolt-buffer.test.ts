import { describe, expect, it } from 'vitest';
import { BOLT_WRITE_BUFFER, driverChunker, enlargeBoltWriteBuffer } from '../../server/db/bolt-buffer.ts';

describe('enlargeBoltWriteBuffer', () => {
  it("sizes every Chunker of the driver's own bolt-connection copy, once however often it is called", () => {
    const Chunker = driverChunker();
    enlargeBoltWriteBuffer();
    enlargeBoltWriteBuffer();
    const chunker = new Chunker({}, undefined);
    expect(chunker._bufferSize).toBe(BOLT_WRITE_BUFFER);
    // The buffer it writes into is that large, so a request that size leaves in one write.
    expect((chunker as unknown as { _buffer: { length: number } })._buffer.length).toBe(BOLT_WRITE_BUFFER);
  });
});
