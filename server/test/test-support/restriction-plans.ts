import type { ExchangeKey } from '@contract/audited-key.ts';
import type { ExchangeId } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { planRestriction, type RestrictionPlan, type RestrictRequest } from '@contract/restriction-plan.ts';

/** The plan the planner makes for a key as an adapter listed it; throws when the planner refuses, naming why. */
export function planFor(exchange: ExchangeId, key: ExchangeKey, request: RestrictRequest): RestrictionPlan {
  const outcome = planRestriction(key, request, exchangeInfo(exchange));
  if (!outcome.ok) throw new Error(`planner refused: ${outcome.reason}`);
  return outcome.plan;
}
