import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { disableNagle } from '../../server/db/nodelay.ts';

describe('disableNagle', () => {
  let server: net.Server;
  let port = 0;
  beforeAll(async () => {
    server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sets no-delay on every socket net.connect opens, once however often it is called', async () => {
    disableNagle();
    const first = net.connect;
    disableNagle();
    expect(net.connect).toBe(first);
    const spy = vi.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      // As the driver calls it: net.connect(port, host, onConnect), looked up on the module object.
      const socket = await new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.contexts[0]).toBe(socket);
      expect(spy.mock.calls[0]).toEqual([true]);
      socket.destroy();
    } finally {
      spy.mockRestore();
    }
  });
});
