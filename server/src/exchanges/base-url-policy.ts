import type { ExchangeId } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { InvalidInputError } from '../errors/user-facing-error.ts';

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

const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The dashboard may name only the exchange's own API hosts (the exchange table) or a simulator on this machine as a
 * base URL: otherwise anyone holding a session could make the server call any host or local port. Other hosts (a
 * mirror) only from the CLI's --base-url, which the user types on their own machine (docs/security-model.md#base-urls).
 */
export function assertDashboardBaseUrl(exchange: ExchangeId, baseUrl: string | null | undefined): void {
  if (baseUrl === null || baseUrl === undefined) return;
  const info = exchangeInfo(exchange);
  const official = [info.apiBaseUrl, ...info.otherApiBaseUrls].map((candidate) => new URL(candidate).origin);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidInputError('The base URL is not a valid URL.');
  }
  if (official.includes(url.origin) || LOOPBACK_HOSTNAMES.includes(url.hostname)) return;
  throw new InvalidInputError(
    `From the dashboard, the base URL must be one of ${info.name}'s API hosts (${official.join(', ')}) or a simulator on this machine. ` +
      'For any other host, add the connection in a terminal: keyaudit add --base-url <url>.',
  );
}
