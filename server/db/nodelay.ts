/**
 * Turns Nagle's algorithm off on the driver's Bolt sockets.
 *
 * neo4j-driver 5 for Node does not set TCP_NODELAY (its Python sibling does since 5.27). A Bolt
 * request larger than one TCP segment — any statement with a long text or a few hundred rows of
 * parameters — then waits for the server's delayed ACK before its last segment leaves: about 40 ms
 * lost on every such statement, whatever its work. Measured here on the ingest statements: a 10-row
 * MERGE took 55 ms with Nagle and 12 ms without; loading 60 seed files took 71 s and then 29 s.
 *
 * The driver opens sockets with `net.connect` / `tls.connect` looked up on the module objects at
 * call time, and offers no option for this, so those two functions are wrapped once, process-wide,
 * to set no-delay on the socket they return. Low latency is what every outgoing connection of this
 * process wants (Bolt, and the Docker API for Testcontainers), so the wrapper does not filter.
 */
import net from 'node:net';
import tls from 'node:tls';

const WRAPPED = Symbol.for('quanlian.noDelay');

type Connect = (...args: unknown[]) => net.Socket;

function wrap(module: { connect: unknown }): void {
  const original = module.connect as Connect & { [WRAPPED]?: true };
  if (original[WRAPPED]) return;
  const connect = function (this: unknown, ...args: unknown[]): net.Socket {
    const socket = original.apply(this, args);
    socket.setNoDelay(true);
    return socket;
  } as Connect & { [WRAPPED]?: true };
  connect[WRAPPED] = true;
  module.connect = connect;
}

/** Idempotent: safe to call from every Db constructor. */
export function disableNagle(): void {
  wrap(net as unknown as { connect: unknown });
  wrap(tls as unknown as { connect: unknown });
}
