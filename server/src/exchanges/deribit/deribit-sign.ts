import type { Credentials } from '../exchange-adapter.ts';
import type { HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';

/** Ordered pairs: the URL and the signed URI use this order. */
export type DeribitQuery = readonly (readonly [name: string, value: string])[];

export type DeribitRequest = {
  /** Host of the API, e.g. "https://www.deribit.com"; a simulator may add its mount path. */
  baseUrl: string;
  /** JSON-RPC method as a path, e.g. "/api/v2/private/list_api_keys". */
  path: string;
  query?: DeribitQuery;
};

/**
 * Signs a private Deribit JSON-RPC call made over HTTP GET. Pure: clock, nonce and credentials come in as arguments.
 * Deribit's "deri-hmac-sha256" scheme (docs/exchanges/deribit.md#signing, https://docs.deribit.com/articles/authentication):
 * RequestData = METHOD \n URI \n Body \n, StringToSign = Timestamp \n Nonce \n RequestData,
 * Signature = hex(HMAC-SHA256(ClientSecret, StringToSign)), sent as
 * "Authorization: deri-hmac-sha256 id=ClientId,ts=Timestamp,sig=Signature,nonce=Nonce".
 * Every call is signed on its own, so no access token is ever held (the alternative, public/auth, hands out one).
 */
export function signDeribitRequest(request: DeribitRequest, credentials: Credentials, timestampMs: number, nonce: string): HttpRequest {
  const query = (request.query ?? []).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  // The URI is signed exactly as sent: path and query, never the host (ccxt's deribit sign() does the same).
  const uri = request.path + (query ? `?${query}` : '');
  const timestamp = String(Math.floor(timestampMs));
  // GET requests have no body; the empty body still takes its line.
  const stringToSign = `${timestamp}\n${nonce}\nGET\n${uri}\n\n`;
  const signature = credentials.secret.withBytes((key) => hmac('sha256', 'hex', key, stringToSign));
  return {
    method: 'GET',
    url: request.baseUrl.replace(/\/+$/, '') + uri,
    headers: {
      Accept: 'application/json',
      Authorization: `deri-hmac-sha256 id=${credentials.apiKey},ts=${timestamp},sig=${signature},nonce=${nonce}`,
    },
  };
}
