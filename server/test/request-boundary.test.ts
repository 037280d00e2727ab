/**
 * Proves the HTTP boundary of docs/security-model.md (#the-request-boundary, #sessions, #error-bodies, #security-headers, #body-limits) over real sockets:
 * every hostile request is refused before it reaches a handler, and a correct twin succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeWorkspace } from './test-support/fake-workspace.ts';
import { rawRequest, startApp, type RunningApp } from './test-support/start-app.ts';

let app: RunningApp;
let fake: ReturnType<typeof createFakeWorkspace>;
const auth = () => ({ authorization: `Bearer ${app.sessionToken}` });

beforeAll(async () => {
  fake = createFakeWorkspace();
  app = await startApp(fake.workspace);
});
afterAll(() => app.close());

describe('Host allowlist', () => {
  it('answers our own Host, by IP and by localhost', async () => {
    for (const host of [`127.0.0.1:${app.port}`, `localhost:${app.port}`]) {
      const response = await rawRequest(app.port, { path: '/api/status', headers: { host, ...auth() } });
      expect(response.status).toBe(200);
    }
  });

  it.each([
    ['a rebinding name', (p: number) => `evil.test:${p}`],
    ['no port', () => '127.0.0.1'],
    ['another port', (p: number) => `127.0.0.1:${p + 1}`],
    ['a suffix trick', (p: number) => `localhost.evil.test:${p}`],
    ['a localhost subdomain', (p: number) => `a.localhost:${p}`],
    ['0.0.0.0', (p: number) => `0.0.0.0:${p}`],
    ['a decimal IP', (p: number) => `2130706433:${p}`],
    ['a mapped IPv6', (p: number) => `[::ffff:127.0.0.1]:${p}`],
    ['empty', () => ''],
  ])('refuses %s with 403 before any handler runs', async (_name, host) => {
    const before = fake.auditCalls();
    const response = await rawRequest(app.port, { path: '/api/audit', headers: { host: host(app.port), ...auth() } });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'forbidden-host' });
    expect(fake.auditCalls()).toBe(before);
  });

  it('refuses two Host headers and absolute-form targets', async () => {
    const duplicate = await rawSocket(app.port, `GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nHost: evil.test\r\nConnection: close\r\n\r\n`);
    expect(duplicate).toMatch(/^HTTP\/1\.1 40[03]/);
    const absolute = await rawSocket(app.port, `GET http://evil.test/api/status HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nConnection: close\r\n\r\n`);
    expect(absolute).toMatch(/^HTTP\/1\.1 400/);
    const noHost = await rawSocket(app.port, `GET /api/status HTTP/1.0\r\n\r\n`);
    expect(noHost).toMatch(/^HTTP\/1\.[01] 400/);
  });
});

describe('Origin and Fetch Metadata', () => {
  const host = () => `127.0.0.1:${app.port}`;
  it.each(['null', 'http://127.0.0.1:1', 'https://127.0.0.1:PORT', 'http://localhost:PORT', 'http://127.0.0.1:PORT.evil.test', 'file://', '%%%'])(
    'refuses Origin %s',
    async (origin) => {
      const response = await rawRequest(app.port, { path: '/api/status', headers: { host: host(), origin: origin.replace('PORT', String(app.port)), ...auth() } });
      expect(response.status).toBe(403);
    },
  );

  it('refuses a POST without Origin, and accepts it with ours', async () => {
    const body = JSON.stringify({});
    const without = await rawRequest(app.port, { method: 'POST', path: '/api/vault/lock', headers: { host: host(), 'content-type': 'application/json', ...auth() }, body });
    expect(without.status).toBe(403);
    const withOrigin = await app.api('/api/vault/lock', { method: 'POST', json: {} });
    expect(withOrigin.status).toBe(200);
  });

  it.each(['cross-site', 'same-site'])('refuses Sec-Fetch-Site: %s, even for the page itself', async (site) => {
    const response = await rawRequest(app.port, { path: '/', headers: { host: host(), 'sec-fetch-site': site } });
    expect(response.status).toBe(403);
  });

  it('refuses no-cors API reads and script destinations (XSSI)', async () => {
    for (const headers of [{ 'sec-fetch-mode': 'no-cors' }, { 'sec-fetch-dest': 'script' }] as Record<string, string>[]) {
      const response = await rawRequest(app.port, { path: '/api/status', headers: { host: host(), ...auth(), ...headers } });
      expect(response.status).toBe(403);
    }
  });

  it('answers preflights with 405 and never sends CORS headers', async () => {
    const response = await rawRequest(app.port, {
      method: 'OPTIONS',
      path: '/api/keys/x/revoke',
      headers: { host: host(), origin: 'http://evil.test', 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
    });
    expect(response.status).toBe(405);
    expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it.each(['/API/status', '/Api/status', '/aPi/vault/lock'])('gives the API checks to %s too, then refuses the spelling', async (path) => {
    const noCors = await rawRequest(app.port, { path, headers: { host: host(), ...auth(), 'sec-fetch-mode': 'no-cors' } });
    expect(noCors.status).toBe(403);
    const plain = await rawRequest(app.port, { path, headers: { host: host(), ...auth() } });
    expect(plain.status).toBe(404);
    expect(plain.headers['cache-control']).toBe('no-store');
    const textBody = await app.api(path, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(textBody.status).toBe(415);
  });

  it('refuses a non-JSON mutation with 415', async () => {
    const response = await app.api('/api/vault/lock', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
  });
});

describe('Session token', () => {
  it('gives a byte-identical 401 whatever is wrong with the token, and never sets cookies', async () => {
    const bodies = new Set<string>();
    for (const authorization of [undefined, 'Basic abc', 'Bearer short', `Bearer ${'x'.repeat(app.sessionToken.length)}`]) {
      const response = await rawRequest(app.port, { path: '/api/status', headers: { host: `127.0.0.1:${app.port}`, ...(authorization ? { authorization } : {}) } });
      expect(response.status).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
      bodies.add(response.body.replace(/"requestId":"[^"]+"/, ''));
    }
    expect(bodies.size).toBe(1);
  });

  it('ignores cookies entirely', async () => {
    const response = await rawRequest(app.port, { path: '/api/status', headers: { host: `127.0.0.1:${app.port}`, cookie: `session=${app.sessionToken}` } });
    expect(response.status).toBe(401);
  });

  it('trades a launch token once, and refuses its reuse', async () => {
    const launchToken = app.sessions.issueLaunchToken();
    const first = await app.api('/api/session', { method: 'POST', json: { launchToken }, headers: { authorization: '' } });
    expect(first.status).toBe(201);
    const { sessionToken } = await first.json();
    const status = await app.api('/api/status', { headers: { authorization: `Bearer ${sessionToken}` } });
    expect(status.status).toBe(200);
    const again = await app.api('/api/session', { method: 'POST', json: { launchToken }, headers: { authorization: '' } });
    expect(again.status).toBe(401);
  });
});

describe('Bodies, errors and headers', () => {
  it('gives 413 over 16 KiB and 400 for malformed or hostile JSON, then keeps serving', async () => {
    const big = await app.api('/api/vault/lock', { method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(17 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    for (const body of ['{"a":', '"str"', '[]', '{"__proto__":{"x":1}}', '['.repeat(50) + ']'.repeat(50), JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { h: { i: {} } } } } } } } } })]) {
      const response = await app.api('/api/vault/lock', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect(response.status, body.slice(0, 20)).toBe(400);
      const json = await response.json();
      expect(Object.keys(json).sort()).toEqual(['error', 'message', 'requestId']);
      expect(JSON.stringify(json)).not.toMatch(/at .*\.ts|node_modules|SyntaxError/);
    }
    expect((await app.api('/api/status')).status).toBe(200);
  });

  it('sends the security headers on every response, errors included', async () => {
    for (const path of ['/api/status', '/api/nope', '/nope.map']) {
      const response = await app.api(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });
});

async function rawSocket(port: number, payload: string): Promise<string> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(payload));
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
  });
}

describe('Slow and oversized clients', () => {
  it('answers 431 to headers over 16 KiB, and keeps serving', async () => {
    const response = await rawSocket(app.port, `GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nX-Pad: ${'a'.repeat(20 * 1024)}\r\nConnection: close\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 431/);
    expect((await app.api('/api/status')).status).toBe(200);
  });

  it('drops a client that sends its headers too slowly, while others are served', async () => {
    const net = await import('node:net');
    const socket = net.connect(app.port, '127.0.0.1');
    socket.write(`GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\n`);
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
    expect((await app.api('/api/status')).status).toBe(200);
    await closed; // headersTimeout is 1 s in tests, 10 s in production
    clearInterval(drip);
  }, 8_000);
});
