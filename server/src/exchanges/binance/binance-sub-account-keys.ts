import type { Credentials } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { BinanceClient } from './binance-client.ts';
import {
  binanceIpRestrictionSchema,
  binanceSubAccountApiKeyPageSchema,
  parseBinanceData,
  type BinanceIpRestriction,
  type BinanceSubAccountApiKey,
} from './binance-responses.ts';

/** A listed sub-account key and its IP restriction (null: it could not be read). */
export type BinanceListedKey = { raw: BinanceSubAccountApiKey; ipRestriction: BinanceIpRestriction | null };

export type BinanceSubAccountKeyReaderOptions = {
  now: () => number;
  /** `size` of GET /sapi/v1/sub-account/subAccountApi: "default 30, maximum 100" (docs/exchanges/binance.md#sub-account-keys). */
  pageSize: number;
  /** How long a complete listing is served from memory; 0 turns the cache off. */
  cacheMs: number;
};

/** Weight(UID) of every sub-account API-key endpoint (docs/exchanges/binance.md#rate-limits): 60 calls a minute per endpoint at most. */
export const BINANCE_SUB_KEY_WEIGHT = 3_000;
const MAX_PAGES = 100;

/**
 * Reads the keys of one sub-account: GET /sapi/v1/sub-account/subAccountApi (every page), then
 * GET …/subAccountApi/ipRestriction per key, because the listing carries no IPs. At 3 000 UID weight a call
 * this is Binance's most expensive read, so a complete listing is kept per sub-account for `cacheMs` (docs/exchanges/binance.md#sub-account-keys).
 */
export function createBinanceSubAccountKeyReader(client: BinanceClient, { now, pageSize, cacheMs }: BinanceSubAccountKeyReaderOptions) {
  const cache = new Map<string, { keys: BinanceListedKey[]; fetchedAtMs: number }>();
  const cacheKey = (credentials: Credentials, email: string) => `${credentials.apiKey}\n${email}`;

  async function listKeys(credentials: Credentials, email: string, apiKey?: string): Promise<BinanceSubAccountApiKey[]> {
    const keys: BinanceSubAccountApiKey[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const params: [string, string][] = [['email', email], ...(apiKey ? [['subAccountApiKey', apiKey] as [string, string]] : [])];
      params.push(['page', String(page)], ['size', String(pageSize)]);
      const data = await client.fetchSigned(credentials, {
        method: 'GET', path: '/sapi/v1/sub-account/subAccountApi', params, limit: 'uid', weight: BINANCE_SUB_KEY_WEIGHT,
      });
      const result = parseBinanceData(binanceSubAccountApiKeyPageSchema, data);
      keys.push(...result.keys);
      if (result.keys.length < pageSize || keys.length >= result.total) break;
    }
    return keys;
  }

  /** One key's restriction. After the first failure the rest are left unknown: a failure that survived retries repeats. */
  async function readIpRestrictions(credentials: Credentials, email: string, keys: BinanceSubAccountApiKey[]) {
    const listed: BinanceListedKey[] = [];
    let isComplete = true;
    for (const raw of keys) {
      if (!isComplete) {
        listed.push({ raw, ipRestriction: null });
        continue;
      }
      try {
        const data = await client.fetchSigned(credentials, {
          method: 'GET', path: '/sapi/v1/sub-account/subAccountApi/ipRestriction',
          params: [['email', email], ['subAccountApiKey', raw.apikey]], limit: 'uid', weight: BINANCE_SUB_KEY_WEIGHT,
        });
        listed.push({ raw, ipRestriction: parseBinanceData(binanceIpRestrictionSchema, data) });
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        isComplete = false;
        listed.push({ raw, ipRestriction: null });
      }
    }
    return { listed, isComplete };
  }

  return {
    listKeys,
    /** The keys of one sub-account; observedAtMs is set when they came from the cache. */
    async fetchKeys(credentials: Credentials, email: string): Promise<{ keys: BinanceListedKey[]; observedAtMs?: number }> {
      const cached = cache.get(cacheKey(credentials, email));
      if (cached && now() - cached.fetchedAtMs < cacheMs) return { keys: cached.keys, observedAtMs: cached.fetchedAtMs };
      const fetchedAtMs = now();
      const { listed, isComplete } = await readIpRestrictions(credentials, email, await listKeys(credentials, email));
      if (isComplete && cacheMs > 0) cache.set(cacheKey(credentials, email), { keys: listed, fetchedAtMs });
      else cache.delete(cacheKey(credentials, email));
      return { keys: listed };
    },
    /** After a revoke: the next read must ask Binance again. */
    forget(credentials: Credentials, email: string) {
      cache.delete(cacheKey(credentials, email));
    },
  };
}

export type BinanceSubAccountKeyReader = ReturnType<typeof createBinanceSubAccountKeyReader>;
