import type { AuditedKey } from '@contract/audited-key.ts';
import type { ExchangeId } from '@contract/exchange-id.ts';
import type { KeyAnnotation } from '@contract/key-annotation.ts';
import type { KeyAnnotationRecord } from '../vault/vault-content.ts';
import { toKeyAnnotationScope } from './key-annotation-scope.ts';

/** A few demo keys with an owner and tags, so the demo shows the feature; matched by exchange and label. */
const DEMO_ANNOTATIONS: { exchange: ExchangeId; label: string; annotation: KeyAnnotation }[] = [
  { exchange: 'bybit', label: '3commas-dca', annotation: { owner: 'ana', purpose: '3Commas DCA bot', tags: ['bot', 'prod'] } },
  { exchange: 'binance', label: 'hummingbot-mm', annotation: { owner: 'market-making desk', purpose: 'Hummingbot market maker on the Tokyo VPS', tags: ['bot', 'prod'] } },
  { exchange: 'okx', label: 'koinly-sync', annotation: { owner: 'ana', purpose: 'Koinly tax import', tags: ['tax'] } },
  { exchange: 'kucoin', label: 'treasury-sweeper', annotation: { owner: 'ops', purpose: 'Sweeps sub-account balances to the treasury', tags: ['ops', 'prod'] } },
];

/** The demo's starting annotations, for the keys of its first run. */
export function demoKeyAnnotations(keys: readonly AuditedKey[], at: string): KeyAnnotationRecord[] {
  return DEMO_ANNOTATIONS.flatMap(({ exchange, label, annotation }) => {
    const key = keys.find((candidate) => candidate.exchange === exchange && candidate.label === label);
    return key ? [{ ...toKeyAnnotationScope(key), ...annotation, updatedAt: at }] : [];
  });
}
