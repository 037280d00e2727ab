import type { ExchangeId } from '../server/src/contract/exchange-id.ts';
import { BINANCE_DOCUMENTED_RATE_LIMIT } from '../server/src/simulator/binance/binance-simulator-state.ts';
import { BYBIT_DOCUMENTED_RATE_LIMITS } from '../server/src/simulator/bybit/bybit-simulator-state.ts';
import { GATE_DOCUMENTED_RATE_LIMIT } from '../server/src/simulator/gate/gate-simulator-state.ts';
import { KUCOIN_DOCUMENTED_RATE_LIMIT } from '../server/src/simulator/kucoin/kucoin-simulator-state.ts';
import { OKX_DOCUMENTED_RATE_LIMITS } from '../server/src/simulator/okx/okx-simulator-state.ts';
import type { AuditPlan } from './audit-floor.ts';

export type AccountShape = { subAccounts: number; keysPerSub: number; concurrency: number };

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
/** Listings that stop at the first short page need one more when the last page is full. */
const pagesUntilShort = (items: number, pageSize: number) => Math.floor(items / pageSize) + 1;
const okxLimit = (path: string) => {
  const { requests, windowMs } = OKX_DOCUMENTED_RATE_LIMITS[path]!;
  return { quota: requests, windowMs };
};

/**
 * What a master-key audit asks of each exchange's simulator, call by call, as the adapters make their calls (time,
 * calling key, sub-account pages, then every sub-account's keys) and as the simulators document their limits and weights.
 * The bench compares `requests` with what the simulator counted, so a plan that no longer matches its adapter shows.
 */
export const EXCHANGE_AUDIT_PLANS: Record<ExchangeId, (shape: AccountShape) => AuditPlan> = {
  // One Management pool per UID, 20 weight a call (kucoin-simulator.ts); sub-accounts 100 a page.
  kucoin: ({ subAccounts, concurrency }) => {
    const subPages = pages(subAccounts, 100);
    const pool = { calls: 1 + subPages + subAccounts, weight: 20, ...KUCOIN_DOCUMENTED_RATE_LIMIT };
    return { requests: 2 + subPages + subAccounts, phases: [{ rounds: 1 }, { rounds: 1 + subPages + Math.ceil(subAccounts / concurrency), budgets: [pool] }] };
  },
  // Per-endpoint sliding windows; sub-accounts 100 a page, every key of a sub-account in one answer.
  okx: ({ subAccounts, concurrency }) => {
    const subPages = pagesUntilShort(subAccounts, 100);
    return {
      requests: 2 + subPages + subAccounts,
      phases: [
        { rounds: 1 },
        { rounds: 1 },
        { rounds: subPages, budgets: [{ calls: subPages, ...okxLimit('/api/v5/users/subaccount/list') }] },
        { rounds: Math.ceil(subAccounts / concurrency), budgets: [{ calls: subAccounts, ...okxLimit('/api/v5/users/subaccount/apikey') }] },
      ],
    };
  },
  // Per-endpoint windows per UID; the calling key reads account/detail and main_keys, main_keys is read again for the
  // other main-account keys, and the sub-account list is one unpaginated answer.
  gate: ({ subAccounts, concurrency }) => {
    const keys = { calls: subAccounts, quota: GATE_DOCUMENTED_RATE_LIMIT.subAccountLimit, windowMs: GATE_DOCUMENTED_RATE_LIMIT.windowMs };
    return { requests: 5 + subAccounts, phases: [{ rounds: 4 }, { rounds: 1 }, { rounds: Math.ceil(subAccounts / concurrency), budgets: [keys] }] };
  },
  // Each /sapi endpoint its own UID budget a minute, 3 000 weight per sub-account key call (binance-simulator.ts):
  // a key listing (100 a page) then one ipRestriction call per key, in turn. The calling key also reads page 1 of the
  // sub-account list (200 a page) to learn whether it is a master key.
  binance: ({ subAccounts, keysPerSub, concurrency }) => {
    const subPages = pagesUntilShort(subAccounts, 200);
    const keyPages = pages(keysPerSub, 100);
    const budget = { weight: 3_000, quota: BINANCE_DOCUMENTED_RATE_LIMIT.uidWeightPerMinute, windowMs: 60_000, isAlignedToClock: true };
    return {
      requests: 3 + subPages + subAccounts * (keyPages + keysPerSub),
      phases: [
        { rounds: 3 },
        { rounds: subPages },
        {
          rounds: Math.ceil(subAccounts / concurrency) * (keyPages + keysPerSub),
          budgets: [{ ...budget, calls: subAccounts * keyPages }, { ...budget, calls: subAccounts * keysPerSub, firstCallRound: keyPages + 1 }],
        },
      ],
    };
  },
  // Rolling one-second windows per UID and path; sub-accounts 100 a page, keys 20 a page.
  bybit: ({ subAccounts, keysPerSub, concurrency }) => {
    const subPages = pages(subAccounts, 100);
    const keyPages = pages(keysPerSub, 20);
    const perSecond = (path: string, calls: number) => ({ calls, quota: BYBIT_DOCUMENTED_RATE_LIMITS[path]!, windowMs: 1_000 });
    return {
      requests: 2 + subPages + subAccounts * keyPages,
      phases: [
        { rounds: 2 },
        { rounds: subPages, budgets: [perSecond('/v5/user/submembers', subPages)] },
        { rounds: Math.ceil(subAccounts / concurrency) * keyPages, budgets: [perSecond('/v5/user/sub-apikeys', subAccounts * keyPages)] },
      ],
    };
  },
  // public/get_time, then one private/list_api_keys for the calling key and the other keys, then private/get_subaccounts
  // for the coverage note; sub-accounts' keys are never listed (docs/exchanges/deribit.md#sub-account-keys). Three calls
  // never come near the credit pool, whatever the shape.
  deribit: () => ({ requests: 3, phases: [{ rounds: 3 }] }),
  // GET /api/v3/brokerage/time, then key_permissions: the calling key is all Coinbase's API describes.
  coinbase: () => ({ requests: 2, phases: [{ rounds: 2 }] }),
  // Only the calling key exists for Kraken's API: one GetApiKeyInfo, whatever the account's shape.
  kraken: () => ({ requests: 1, phases: [{ rounds: 1 }] }),
  // The server time, then the calling key (GET /api/v2/spot/account/info); nothing else.
  bitget: () => ({ requests: 2, phases: [{ rounds: 2 }] }),
  // Time, uid, the calling key, the UID's other keys, the sub-user pages (100 each), then one key listing per sub user.
  htx: ({ subAccounts, concurrency }) => {
    const subPages = pages(subAccounts, 100);
    return { requests: 4 + subPages + subAccounts, phases: [{ rounds: 3 }, { rounds: 1 }, { rounds: subPages }, { rounds: Math.ceil(subAccounts / concurrency) }] };
  },
};
