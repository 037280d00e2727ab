import http from 'node:http';
import type { Socket } from 'node:net';
import type { RequestListener } from 'node:http';

export type HttpServerOptions = {
  /** Partial headers are cut off after this long. */
  headersTimeoutMs?: number;
  /** A connection that has not sent a whole request by then is closed: silent sockets cost a descriptor each. */
  firstRequestTimeoutMs?: number;
  /** Open connections at most; past it the oldest silent one makes room, or the newcomer is refused with a 503. */
  maxConnections?: number;
};

/** Written straight on the socket when no connection can make room: a clear refusal, not a silent drop. */
const BUSY_RESPONSE = [
  'HTTP/1.1 503 Service Unavailable',
  'Content-Type: text/plain; charset=utf-8',
  'Connection: close',
  'Retry-After: 5',
  '',
  'keyaudit has too many open connections; try again in a few seconds.',
].join('\r\n');

/**
 * The HTTP server around the app: headers capped at 16 KiB (431 beyond), slow clients cut off, silent sockets
 * closed and the number of connections bounded, so a local process can tie up neither the server nor its file
 * descriptors (docs/security-model.md#slow-clients).
 */
export function createHttpServer(app: RequestListener, { headersTimeoutMs = 10_000, firstRequestTimeoutMs = 10_000, maxConnections = 256 }: HttpServerOptions = {}): http.Server {
  // Node checks those timeouts only every connectionsCheckingInterval (30 s by default).
  const server = http.createServer({ maxHeaderSize: 16 * 1024, headersTimeout: headersTimeoutMs, requestTimeout: 60_000, connectionsCheckingInterval: 500 }, app);
  server.keepAliveTimeout = 5_000;
  guardConnections(server, { firstRequestTimeoutMs, maxConnections });
  return server;
}

/**
 * Node's headersTimeout never fires for a socket that sends nothing, and server.maxConnections drops the newest
 * socket without a word — which would lock the user's own browser out behind a flood of idle sockets. Here the
 * silent sockets are the ones that go: each has `firstRequestTimeoutMs` to send a request, and when the limit is
 * reached the oldest still-silent socket is closed to make room.
 */
function guardConnections(server: http.Server, { firstRequestTimeoutMs, maxConnections }: Required<Omit<HttpServerOptions, 'headersTimeoutMs'>>) {
  const open = new Set<Socket>();
  /** Sockets that have not sent a request yet, oldest first (Map keeps insertion order). */
  const silent = new Map<Socket, NodeJS.Timeout>();
  const markSpoken = (socket: Socket) => {
    const timer = silent.get(socket);
    if (timer) clearTimeout(timer);
    silent.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    if (open.size >= maxConnections) {
      const oldestSilent = silent.keys().next().value;
      if (!oldestSilent) {
        socket.end(BUSY_RESPONSE);
        socket.destroySoon();
        return;
      }
      markSpoken(oldestSilent);
      open.delete(oldestSilent);
      oldestSilent.destroy();
    }
    open.add(socket);
    silent.set(socket, setTimeout(() => socket.destroy(), firstRequestTimeoutMs).unref());
    socket.once('close', () => {
      markSpoken(socket);
      open.delete(socket);
    });
  });
  server.on('request', (request: http.IncomingMessage) => markSpoken(request.socket));
}
