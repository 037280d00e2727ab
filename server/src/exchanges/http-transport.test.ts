import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeError, toFailure } from './exchange-error.ts';
import { createFetchTransport } from './http-transport.ts';
import { sendRequest } from './send-request.ts';

/** What a hostile or broken exchange can do to the one network door: endless bodies, dripping bodies, lies about length. */
describe(createFetchTransport.name, () => {
  let server: http.Server | null = null;
  let bytesSent = 0;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
    bytesSent = 0;
  });

  const serve = async (handler: http.RequestListener) => {
    server = http.createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  };
  const endlessChunked: http.RequestListener = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) bytesSent += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  };

  it('reads a normal answer whole', async () => {
    const url = await serve((_req, res) => res.end('{"ok":true}'));
    const response = await createFetchTransport()({ method: 'GET', url, headers: {} });
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
  });

  it('stops reading an endless chunked answer past the cap, as a bad-response that is not retried', async () => {
    const url = await serve(endlessChunked);
    const transport = createFetchTransport({ maxBodyBytes: 1024 * 1024, timeoutMs: 10_000 });
    const error = await sendRequest(transport, { method: 'GET', url, headers: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).kind).toBe('bad-response');
    // The server may have pushed a few socket buffers ahead, but nowhere near an unbounded download.
    expect(bytesSent).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a declared length over the cap without reading the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x');
    });
    const error = await createFetchTransport({ maxBodyBytes: 1024 })({ method: 'GET', url, headers: {} }).catch((caught: unknown) => caught);
    expect(toFailure(error).kind).toBe('bad-response');
  });

  it('times out a body that drips one byte at a time, counting from the request, not from the headers', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 50);
      res.on('close', () => clearInterval(drip));
    });
    // Collect garbage while the body drips: a timeout whose timer nothing references dies here.
    v8.setFlagsFromString('--expose-gc');
    const collectGarbage = vm.runInNewContext('gc') as () => void;
    const collector = setInterval(collectGarbage, 20);
    const startedMs = Date.now();
    const error = await createFetchTransport({ timeoutMs: 400 })({ method: 'GET', url, headers: {} }).catch((caught: unknown) => caught);
    clearInterval(collector);
    expect(toFailure(error).kind).toBe('timeout');
    expect(Date.now() - startedMs).toBeLessThan(3_000);
  });
});
