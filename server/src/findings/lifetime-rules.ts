import { defineRule } from './finding-rule.ts';
import { DAY_MS, formatDay } from './key-facts.ts';

/** Milliseconds since epoch, or null when the exchange gave no date (or an unreadable one). */
function toMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export const keyOlderThanThreshold = defineRule({
  id: 'key-older-than-threshold',
  severity: 'medium',
  title: 'Older than the policy allows',
  description: 'The key was created longer ago than thresholds.maxKeyAgeDays (default 180 days).',
  evaluate(key, { nowMs, thresholds }) {
    const createdMs = toMs(key.createdAt);
    if (createdMs === null || nowMs - createdMs <= thresholds.maxKeyAgeDays * DAY_MS) return null;
    const ageDays = Math.floor((nowMs - createdMs) / DAY_MS);
    return {
      why: `This key was created on ${formatDay(createdMs)}, ${ageDays} days ago; the policy allows ${thresholds.maxKeyAgeDays} days. The longer a key lives, the more places it has been copied to: old laptops, CI logs, scripts, former colleagues.`,
      fix: 'Rotate it: create a new key with only the permissions needed, move the tool that uses it to the new key, then revoke this one.',
    };
  },
});

export const expiresSoon = defineRule({
  id: 'expires-soon',
  severity: 'low',
  title: 'Expires soon',
  description: 'The key expires within thresholds.expiresSoonDays (default 14 days).',
  evaluate(key, { nowMs, thresholds }) {
    const expiresMs = toMs(key.expiresAt);
    if (expiresMs === null || expiresMs <= nowMs || expiresMs - nowMs > thresholds.expiresSoonDays * DAY_MS) return null;
    const daysLeft = Math.ceil((expiresMs - nowMs) / DAY_MS);
    return {
      why: `This key expires on ${formatDay(expiresMs)}, in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}. Whatever uses it will stop working then.`,
      fix: 'If the key is still needed, create a replacement now and switch the tool over; otherwise revoke it.',
    };
  },
});

export const expiredButListed = defineRule({
  id: 'expired-but-listed',
  severity: 'low',
  title: 'Expired but still listed',
  description: 'The key’s expiry date has passed, yet the exchange still lists it.',
  evaluate(key, { nowMs }) {
    const expiresMs = toMs(key.expiresAt);
    if (expiresMs === null || expiresMs > nowMs) return null;
    return {
      why: `This key expired on ${formatDay(expiresMs)}, but the exchange still lists it. It clutters the list and makes the keys that matter harder to see.`,
      fix: 'Revoke (delete) it so the list only shows keys that can still be used.',
    };
  },
});

export const LIFETIME_RULES = [keyOlderThanThreshold, expiresSoon, expiredButListed] as const;
