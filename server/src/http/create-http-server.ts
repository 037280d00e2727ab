import http from 'node:http';
import type { RequestListener } from 'node:http';

/**
 * The HTTP server around the app: headers capped at 16 KiB (431 beyond), and slow clients cut off,
 * so a local process cannot tie the server up (docs/security-model.md#slow-clients).
 */
export function createHttpServer(app: RequestListener, { headersTimeoutMs = 10_000 } = {}): http.Server {
  // Node checks those timeouts only every connectionsCheckingInterval (30 s by default).
  const server = http.createServer({ maxHeaderSize: 16 * 1024, headersTimeout: headersTimeoutMs, requestTimeout: 60_000, connectionsCheckingInterval: 500 }, app);
  server.keepAliveTimeout = 5_000;
  return server;
}
