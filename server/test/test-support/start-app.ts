import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.ts';
import { createHttpServer } from '../../src/http/create-http-server.ts';
import { createSessionAuthority } from '../../src/http/session-authority.ts';
import { createAttemptLimiter } from '../../src/http/attempt-limiter.ts';
import { createLogger, type LogSink } from '../../src/logging/logger.ts';
import type { WorkspaceServices } from '../../src/workspace/workspace-services.ts';

export type RunningApp = Awaited<ReturnType<typeof startApp>>;

/** Starts createApp on an ephemeral loopback port, with a session ready to use. */
export async function startApp(workspace: WorkspaceServices, { logSink, now = () => Date.now(), staticDir = null }: { logSink?: LogSink; now?: () => number; staticDir?: string | null } = {}) {
  const sessions = createSessionAuthority({ now });
  const logger = createLogger('trace', logSink ?? (() => {}));
  const limiter = createAttemptLimiter({ now, logger });
  let port = 0;
  const app = createApp({
    getPort: () => port,
    workspace,
    sessions,
    limiter,
    logger,
    staticDir,
  });
  const server = createHttpServer(app, { headersTimeoutMs: 1_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const sessionToken = sessions.startSession(sessions.issueLaunchToken())!;

  /** fetch with our Origin and session, as the SPA sends them. */
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) =>
    fetch(origin + path, {
      ...init,
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
      headers: {
        authorization: `Bearer ${sessionToken}`,
        origin,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.headers as Record<string, string>),
      },
    });

  return {
    port,
    origin,
    server,
    sessions,
    limiter,
    sessionToken,
    api,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }),
  };
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request with headers fetch would refuse to set (Host, Sec-Fetch-*), for the boundary tests. */
export function rawRequest(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers, setHost: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
