import type { ExchangeId } from '@contract/exchange-id.ts';
import type { AdapterDeps, ExchangeAdapter } from './exchange-adapter.ts';
import { createKucoinAdapter } from './kucoin/kucoin-adapter.ts';
import { createOkxAdapter } from './okx/okx-adapter.ts';
import { createGateAdapter } from './gate/gate-adapter.ts';

/** One line per exchange. `satisfies` makes the compiler flag a factory of the wrong shape. */
const adapterFactories = {
  kucoin: createKucoinAdapter,
  okx: createOkxAdapter,
  gate: createGateAdapter,
} satisfies Partial<Record<ExchangeId, (deps: AdapterDeps) => ExchangeAdapter>>;

/** The real API hosts, used unless a connection names its own base URL. */
export const DEFAULT_BASE_URLS: Partial<Record<ExchangeId, string>> = {
  kucoin: 'https://api.kucoin.com',
  okx: 'https://www.okx.com',
  gate: 'https://api.gateio.ws',
};

export type SupportedExchangeId = keyof typeof adapterFactories;

export function isSupportedExchange(exchange: ExchangeId): exchange is SupportedExchangeId {
  return exchange in adapterFactories;
}

export function createAdapter(exchange: ExchangeId, deps: AdapterDeps): ExchangeAdapter {
  if (!isSupportedExchange(exchange)) throw new Error(`keyaudit has no adapter for ${exchange} yet`);
  return adapterFactories[exchange](deps);
}
