import { z } from 'zod';

/** Everything else about an exchange (its name, credentials, hosts, what its API can do) is in exchanges.ts. */
export const EXCHANGE_IDS = ['kucoin', 'binance', 'okx', 'bybit', 'gate', 'coinbase', 'kraken', 'deribit', 'bitget', 'htx'] as const;
export const exchangeIdSchema = z.enum(EXCHANGE_IDS);
export type ExchangeId = z.infer<typeof exchangeIdSchema>;
