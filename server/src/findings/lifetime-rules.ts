import { defineRule } from './finding-rule.ts';
import type { KeyDeadline } from '@contract/key-deadline.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { keyDeadlines } from './exchange-key-rules.ts';
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

const EFFECT_WORDS: Record<KeyDeadline['effect'], { future: string; title: string }> = {
  deleted: { future: 'will be deleted by the exchange', title: 'deleted' },
  'deleted-or-loses-trading': { future: 'will be deleted by the exchange or lose its trade permissions', title: 'deleted or loses trading' },
  'loses-trading': { future: 'will lose its trade permission', title: 'loses trading' },
  expires: { future: 'will stop working', title: 'expires' },
};

const daysWord = (days: number) => `${days} ${days === 1 ? 'day' : 'days'}`;

/**
 * The key's expiry date, or an exchange rule's deadline computed from a date the exchange reported
 * (creation, last use): whichever comes first. Deadlines the exchange reported are already its expiresAt.
 */
function nextDeadline(key: Parameters<typeof keyDeadlines>[0], keyauditLastUsedAt: string | null): { ms: number; deadline: KeyDeadline | null } | null {
  const candidates: { ms: number; deadline: KeyDeadline | null }[] = [];
  const expiresMs = toMs(key.expiresAt);
  if (expiresMs !== null) candidates.push({ ms: expiresMs, deadline: null });
  for (const deadline of keyDeadlines(key, keyauditLastUsedAt)) {
    const dueMs = toMs(deadline.dueAt);
    if (dueMs !== null && deadline.basis !== 'reported') candidates.push({ ms: dueMs, deadline });
  }
  return candidates.sort((a, b) => a.ms - b.ms)[0] ?? null;
}

export const expiresSoon = defineRule({
  id: 'expires-soon',
  severity: 'low',
  title: 'Expires soon',
  description: 'The key expires, or an exchange rule deletes or cripples it, within thresholds.expiresSoonDays (default 14 days).',
  evaluate(key, { nowMs, thresholds, keyauditLastUsedAt }) {
    const next = nextDeadline(key, keyauditLastUsedAt?.(key) ?? null);
    if (next === null || next.ms <= nowMs || next.ms - nowMs > thresholds.expiresSoonDays * DAY_MS) return null;
    const daysLeft = Math.ceil((next.ms - nowMs) / DAY_MS);
    if (next.deadline === null) {
      return {
        why: `This key expires on ${formatDay(next.ms)}, in ${daysWord(daysLeft)}. Whatever uses it will stop working then.`,
        fix: 'If the key is still needed, create a replacement now and switch the tool over; otherwise revoke it.',
      };
    }
    return {
      why: `By the exchange's own rule, this key ${EFFECT_WORDS[next.deadline.effect].future} on ${formatDay(next.ms)}, in ${daysWord(daysLeft)}: ${next.deadline.rule}`,
      fix: 'If the key is still needed, bind it to the IP addresses of the tool that uses it (the rule only applies to keys without an IP whitelist), or create a replacement; otherwise revoke it.',
      deadline: next.deadline,
    };
  },
});

export const exchangeMayDelete = defineRule({
  id: 'exchange-may-delete',
  severity: 'medium',
  title: 'The exchange may delete or cripple it',
  description: 'An expiry or inactivity rule of the exchange applies to this key (no IP whitelist and trade, withdraw or other permissions the rule names).',
  evaluate(key, { nowMs, keyauditLastUsedAt }) {
    const deadline = keyDeadlines(key, keyauditLastUsedAt?.(key) ?? null)[0];
    if (deadline === undefined) return null;
    const dueMs = toMs(deadline.dueAt);
    const exchange = exchangeInfo(key.exchange).name;
    const when =
      dueMs === null
        ? ` ${exchange} does not report when this key was last used, so keyaudit cannot say when; a tool that stops using it for that long loses it.`
        : dueMs <= nowMs
          ? ` By the dates ${exchange} reported, that point (${formatDay(dueMs)}) has passed while the key is still listed: it may go at any time.`
          : ` By the dates ${exchange} reported, that is on ${formatDay(dueMs)} unless the key is used or changed.`;
    return {
      why: `${deadline.rule}${when} A bot whose key disappears stops managing its positions without warning.`,
      fix: 'Bind the key to the IP addresses of the tool that uses it: the rule then no longer applies, and a leaked copy is useless elsewhere. If nothing uses it, revoke it.',
      deadline,
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

export const LIFETIME_RULES = [keyOlderThanThreshold, exchangeMayDelete, expiresSoon, expiredButListed] as const;
