import type { ExchangeId } from '@contract/exchange-id.ts';
import { KUCOIN_DEMO_CONNECTION } from '../simulator/kucoin/kucoin-demo-seed.ts';
import { OKX_DEMO_CONNECTION } from '../simulator/okx/okx-demo-seed.ts';
import { GATE_DEMO_CONNECTION } from '../simulator/gate/gate-demo-seed.ts';
import { BINANCE_DEMO_CONNECTION } from '../simulator/binance/binance-demo-seed.ts';
import { BYBIT_DEMO_CONNECTION } from '../simulator/bybit/bybit-demo-seed.ts';
import { DERIBIT_DEMO_CONNECTION } from '../simulator/deribit/deribit-demo-seed.ts';
import { COINBASE_DEMO_CONNECTION } from '../simulator/coinbase/coinbase-demo-seed.ts';
import { KRAKEN_DEMO_CONNECTION } from '../simulator/kraken/kraken-demo-seed.ts';
import { BITGET_DEMO_CONNECTION } from '../simulator/bitget/bitget-demo-seed.ts';
import { HTX_DEMO_CONNECTION } from '../simulator/htx/htx-demo-seed.ts';
import { redact } from '../secrets/redacted.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';

type DemoCredentials = { apiKey: string; secret: string; passphrase?: string };

/** One master connection per simulated exchange: what a user with accounts everywhere would add. */
const DEMO_CONNECTIONS: { exchange: ExchangeId; label: string; credentials: DemoCredentials }[] = [
  { exchange: 'kucoin', label: 'KuCoin demo (master account)', credentials: KUCOIN_DEMO_CONNECTION },
  { exchange: 'binance', label: 'Binance demo (master account)', credentials: BINANCE_DEMO_CONNECTION },
  { exchange: 'okx', label: 'OKX demo (master account)', credentials: OKX_DEMO_CONNECTION },
  { exchange: 'bybit', label: 'Bybit demo (master account)', credentials: BYBIT_DEMO_CONNECTION },
  { exchange: 'gate', label: 'Gate demo (main account)', credentials: GATE_DEMO_CONNECTION },
  { exchange: 'deribit', label: 'Deribit demo (main account)', credentials: DERIBIT_DEMO_CONNECTION },
  { exchange: 'coinbase', label: 'Coinbase demo (CDP key)', credentials: COINBASE_DEMO_CONNECTION },
  { exchange: 'kraken', label: 'Kraken demo (trading bot key)', credentials: KRAKEN_DEMO_CONNECTION },
  { exchange: 'bitget', label: 'Bitget demo (trading bot key)', credentials: BITGET_DEMO_CONNECTION },
  { exchange: 'htx', label: 'HTX demo (parent user)', credentials: HTX_DEMO_CONNECTION },
];

export function createDemoConnections(baseUrls: Partial<Record<ExchangeId, string>>): StoredConnection[] {
  return DEMO_CONNECTIONS.filter(({ exchange }) => baseUrls[exchange]).map(({ exchange, label, credentials }) => ({
    id: `demo-${exchange}`,
    exchange,
    label,
    baseUrl: baseUrls[exchange]!,
    credentials: {
      apiKey: credentials.apiKey,
      secret: redact(credentials.secret),
      passphrase: credentials.passphrase === undefined ? undefined : redact(credentials.passphrase),
    },
  }));
}
