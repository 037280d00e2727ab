/**
 * Signed requests may only go to an exchange's documented HTTPS host, another HTTPS host the
 * user named (a mirror), or a simulator on loopback. Plain HTTP elsewhere would put signed
 * requests (and KuCoin's DELETE passphrase, which travels in the query) on the network in clear.
 */
export function checkBaseUrl(baseUrl: string): { ok: true; url: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { ok: false, reason: 'The base URL is not a valid URL.' };
  }
  if (url.username || url.password) return { ok: false, reason: 'The base URL must not contain credentials.' };
  if (url.search || url.hash) return { ok: false, reason: 'The base URL must not contain a query or fragment.' };
  const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    return { ok: false, reason: 'The base URL must use https (plain http is allowed only on this machine, for simulators).' };
  }
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') };
}
