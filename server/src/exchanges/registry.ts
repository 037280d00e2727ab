import type { ExchangeId } from '@contract/exchange-id.ts';
import type { AdapterDeps, ExchangeAdapter } from './exchange-adapter.ts';
import { withPrintableStrings } from './printable-exchange-strings.ts';
import { createKucoinAdapter } from './kucoin/kucoin-adapter.ts';
import { createOkxAdapter } from './okx/okx-adapter.ts';
import { createGateAdapter } from './gate/gate-adapter.ts';
import { createBinanceAdapter } from './binance/binance-adapter.ts';
import { createBybitAdapter } from './bybit/bybit-adapter.ts';
import { createDeribitAdapter } from './deribit/deribit-adapter.ts';
import { createCoinbaseAdapter } from './coinbase/coinbase-adapter.ts';
import { createKrakenAdapter } from './kraken/kraken-adapter.ts';
import { createBitgetAdapter } from './bitget/bitget-adapter.ts';
import { createHtxAdapter } from './htx/htx-adapter.ts';

/**
 * Exchange id → adapter factory, one line per exchange; `satisfies` makes the compiler flag a missing exchange or a
 * factory of the wrong shape. Everything else about an exchange, its real API host included, is its row in
 * @contract/exchanges.ts.
 */
const adapterFactories = {
  kucoin: createKucoinAdapter,
  okx: createOkxAdapter,
  gate: createGateAdapter,
  binance: createBinanceAdapter,
  bybit: createBybitAdapter,
  deribit: createDeribitAdapter,
  coinbase: createCoinbaseAdapter,
  kraken: createKrakenAdapter,
  bitget: createBitgetAdapter,
  htx: createHtxAdapter,
} satisfies Record<ExchangeId, (deps: AdapterDeps) => ExchangeAdapter>;

/** Every adapter's answers pass the one shared normalizing step for exchange text (printable-exchange-strings.ts). */
export function createAdapter(exchange: ExchangeId, deps: AdapterDeps): ExchangeAdapter {
  return withPrintableStrings(adapterFactories[exchange](deps));
}
