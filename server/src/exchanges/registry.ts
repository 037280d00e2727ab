import type { ExchangeId } from '@contract/exchange-id.ts';
import type { AdapterDeps, ExchangeAdapter } from './exchange-adapter.ts';
import { createKucoinAdapter } from './kucoin/kucoin-adapter.ts';
import { createOkxAdapter } from './okx/okx-adapter.ts';
import { createGateAdapter } from './gate/gate-adapter.ts';
import { createBinanceAdapter } from './binance/binance-adapter.ts';
import { createBybitAdapter } from './bybit/bybit-adapter.ts';

/** One line per exchange. `satisfies` makes the compiler flag a missing exchange or a factory of the wrong shape. */
const adapterFactories = {
  kucoin: createKucoinAdapter,
  okx: createOkxAdapter,
  gate: createGateAdapter,
  binance: createBinanceAdapter,
  bybit: createBybitAdapter,
} satisfies Record<ExchangeId, (deps: AdapterDeps) => ExchangeAdapter>;

/** The real API hosts, used unless a connection names its own base URL. */
export const DEFAULT_BASE_URLS: Record<ExchangeId, string> = {
  kucoin: 'https://api.kucoin.com',
  okx: 'https://www.okx.com',
  gate: 'https://api.gateio.ws',
  binance: 'https://api.binance.com',
  bybit: 'https://api.bybit.com',
};

export function createAdapter(exchange: ExchangeId, deps: AdapterDeps): ExchangeAdapter {
  return adapterFactories[exchange](deps);
}
