import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export type LoopbackServers = ReturnType<typeof createLoopbackServers>;

/** Express apps on ephemeral 127.0.0.1 ports, for tests that talk to a simulator over real HTTP. */
export function createLoopbackServers() {
  const servers: Server[] = [];
  return {
    /** Starts `app` on 127.0.0.1 at a free port; resolves to its base URL, e.g. "http://127.0.0.1:41234". */
    async listen(app: Express): Promise<string> {
      const server = await new Promise<Server>((resolve) => {
        const started = app.listen(0, '127.0.0.1', () => resolve(started));
      });
      servers.push(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    /** Stops every server started so far; their URLs then refuse connections. */
    async closeAll(): Promise<void> {
      await Promise.all(servers.splice(0).map((server) => {
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
        return new Promise((resolve) => server.close(resolve));
      }));
    },
  };
}
