import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/http/create-http-server.ts';

/** Silent sockets from a local process must neither exhaust descriptors nor lock the real user out. */
describe(createHttpServer.name, () => {
  let server: http.Server | null = null;
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  const start = async (options: Parameters<typeof createHttpServer>[1]) => {
    server = createHttpServer((_req, res) => res.end('ok'), options);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const openSilent = async (port: number) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    return socket;
  };
  const closed = (socket: net.Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
  const get = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    return { status: response.status, body: await response.text() };
  };

  it('closes a socket that sends nothing', async () => {
    const port = await start({ firstRequestTimeoutMs: 200 });
    const socket = await openSilent(port);
    const startedMs = Date.now();
    await closed(socket);
    expect(Date.now() - startedMs).toBeLessThan(2_000);
  });

  it('still serves the user when silent sockets fill every slot: the oldest silent one makes room', async () => {
    const port = await start({ maxConnections: 20, firstRequestTimeoutMs: 60_000 });
    const silentSockets = [];
    for (let i = 0; i < 40; i++) silentSockets.push(await openSilent(port));
    await Promise.all(silentSockets.slice(0, 20).map(closed));
    expect(await get(port)).toEqual({ status: 200, body: 'ok' });
  });

  it('refuses with a plain 503 when every slot holds a connection that has spoken', async () => {
    const port = await start({ maxConnections: 2, firstRequestTimeoutMs: 60_000 });
    // Two keep-alive connections that have each sent a request hold both slots.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const hold = () =>
      new Promise<void>((resolve, reject) =>
        http.get({ host: '127.0.0.1', port, agent, headers: { connection: 'keep-alive' } }, (res) => res.resume().on('end', resolve)).on('error', reject),
      );
    await Promise.all([hold(), hold()]);
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      sockets.push(socket);
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    agent.destroy();
    expect(refused).toMatch(/^HTTP\/1\.1 503/);
    expect(refused).toContain('too many open connections');
  });
});
