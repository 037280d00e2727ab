import { z } from 'zod';

export const EXCHANGE_IDS = ['kucoin', 'binance', 'okx', 'bybit', 'gate'] as const;
export const exchangeIdSchema = z.enum(EXCHANGE_IDS);
export type ExchangeId = z.infer<typeof exchangeIdSchema>;

export const EXCHANGE_NAMES: Record<ExchangeId, string> = {
  kucoin: 'KuCoin',
  binance: 'Binance',
  okx: 'OKX',
  bybit: 'Bybit',
  gate: 'Gate',
};
