import { z } from 'zod';
import type { Capability } from './capability.ts';
import { ipWhitelistSchema, type ExchangeKey, type IpWhitelist } from './audited-key.ts';
import type { ExchangeInfo } from './exchanges.ts';
import { isRangeWithin, isSegment, parseIpRange, type IpRange } from './ip-range.ts';

/** What a user may take away, in keyaudit's words; the preview shows the exchange's own words for each. */
export const RESTRICT_DROPS = ['withdraw', 'transfer', 'trade'] as const;
export type RestrictDrop = (typeof RESTRICT_DROPS)[number];

const DROPPED_CAPABILITIES: Readonly<Record<RestrictDrop, readonly Capability[]>> = {
  withdraw: ['withdraw'],
  transfer: ['transfer-internal', 'transfer-external'],
  trade: ['trade-spot', 'trade-margin', 'trade-futures', 'trade-options'],
};

export const restrictRequestSchema = z.object({
  /** The whole whitelist the key is to have; left out: the whitelist stays as it is. */
  ips: z.array(z.string().max(64)).max(100).optional(),
  drop: z.array(z.enum(RESTRICT_DROPS)).max(RESTRICT_DROPS.length).optional(),
});
export type RestrictRequest = z.infer<typeof restrictRequestSchema>;

/** A key's permissions and whitelist in the exchange's words; null whitelist: any IP; 'unknown': not read. */
export const restrictKeyStateSchema = z.object({ permissions: z.array(z.string()), ipWhitelist: ipWhitelistSchema });
export type RestrictKeyState = z.infer<typeof restrictKeyStateSchema>;

export const restrictionPlanSchema = z.object({
  before: restrictKeyStateSchema,
  after: restrictKeyStateSchema,
  /** Which of the two the exchange is asked to change. */
  changes: z.object({ ips: z.boolean(), permissions: z.boolean() }),
  /** The exchange's words taken away (or made read-only, on Gate). */
  droppedWords: z.array(z.string()),
  /** What the exchange takes away along with what was asked, in plain sentences. */
  forcedAlong: z.array(z.string()),
});
export type RestrictionPlan = z.infer<typeof restrictionPlanSchema>;

export type PlanOutcome = { ok: true; plan: RestrictionPlan } | { ok: false; reason: string };

/** What the planner reads of a key: what an audited key holds. */
export type PlannedKey = Pick<
  ExchangeKey,
  'account' | 'permissions' | 'capabilities' | 'ipWhitelist' | 'isCallingKey' | 'isApiKeyMasked' | 'unreported' | 'unread'
>;

const refuse = (reason: string): PlanOutcome => ({ ok: false, reason });
const sameWord = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Turns "bind to these IPs" and "drop these kinds of permission" into the key's state before and after, in the
 * exchange's words, or refuses with one sentence. Pure: nothing is sent. Restrict never widens a key: every entry of
 * the new whitelist must lie inside the old one (any entry, when the key had none), the whitelist is never emptied,
 * and permissions are only ever taken away (property-tested in restriction-plan.test.ts).
 */
export function planRestriction(key: PlannedKey, request: RestrictRequest, info: ExchangeInfo): PlanOutcome {
  const { name, api } = info;
  const { restrict } = api;
  const drops = [...new Set(request.drop ?? [])];
  if (request.ips === undefined && drops.length === 0) return refuse('Name the IPs to bind the key to, or the permissions to drop.');
  if (key.isCallingKey) {
    return refuse(`This is the key keyaudit signs with: a wrong whitelist would lock keyaudit out. Change it on ${name}'s API management page.`);
  }
  if (key.isApiKeyMasked) return refuse(`${name} lists this key without its full API key, so it cannot be addressed; change it on ${name}'s API management page.`);
  const dimensions = key.account.kind === 'sub' ? restrict.subKeys : restrict.masterKeys;
  const cannot = (what: string) =>
    refuse(key.account.kind === 'master' && restrict.masterKeysWhy ? restrict.masterKeysWhy : `${name}'s API cannot change this key's ${what}; change it on ${name}'s API management page.`);
  if (request.ips !== undefined && !dimensions.ips) return cannot('IP whitelist');
  if (drops.length > 0 && !dimensions.permissions) return cannot('permissions');

  const before: RestrictKeyState = {
    permissions: [...key.permissions],
    // An empty list binds to nothing: exchanges report it for a key usable from any IP.
    ipWhitelist: key.unread?.includes('ip-whitelist') ? 'unknown' : Array.isArray(key.ipWhitelist) && key.ipWhitelist.length > 0 ? [...key.ipWhitelist] : key.ipWhitelist === 'unknown' ? 'unknown' : null,
  };
  let afterIps = before.ipWhitelist;
  let ipsChange = false;
  if (request.ips !== undefined) {
    const planned = planWhitelist(key, request.ips, info);
    if ('reason' in planned) return refuse(planned.reason);
    afterIps = planned.ips;
    ipsChange = !sameSet(before.ipWhitelist, afterIps);
  } else if (restrict.resendsWhitelist && before.ipWhitelist === 'unknown') {
    // Where every update must carry the whitelist (resendsWhitelist), an unknown one could not be resent.
    return refuse(`keyaudit could not read this key's IP whitelist from ${name}, and an update must resend it; audit again, then retry.`);
  }

  const asked = new Set(drops.flatMap((drop) => DROPPED_CAPABILITIES[drop]));
  if (drops.includes('withdraw') && key.unreported?.includes('withdraw')) {
    return refuse(`${name} does not report whether this key can withdraw, and its API cannot take withdrawals away; change it on ${name}'s API management page.`);
  }
  const droppedWords = key.permissions.filter((word) =>
    key.capabilities.some((granted) => granted.from === word && asked.has(granted.capability)),
  );
  const stuck = droppedWords.find((word) => !restrict.droppableWords.some((droppable) => sameWord(droppable, word)));
  if (stuck) return refuse(`${name}'s API cannot take "${stuck}" away from a key; change it on ${name}'s API management page.`);
  const suffix = restrict.droppedWordSuffix;
  const afterPermissions = key.permissions.flatMap((word) => {
    if (!droppedWords.includes(word)) return [word];
    return suffix && !key.permissions.includes(`${word}${suffix}`) ? [`${word}${suffix}`] : [];
  });
  const forcedAlong = droppedWords.flatMap((word) => {
    const along = [
      ...new Set(key.capabilities.filter((granted) => granted.from === word && !asked.has(granted.capability) && granted.capability !== 'read').map((granted) => granted.capability)),
    ];
    return along.length > 0 ? [`Taking "${word}" away also takes ${along.join(', ')}: ${name} grants them together.`] : [];
  });
  if (suffix && droppedWords.length > 0) forcedAlong.push(`${name} keeps a group readable when it loses write access: "${droppedWords[0]}" becomes "${droppedWords[0]}${suffix}".`);

  const permissionsChange = droppedWords.length > 0;
  if (!ipsChange && !permissionsChange) return refuse('The key already is that narrow: nothing to change.');
  return {
    ok: true,
    plan: {
      before,
      after: { permissions: afterPermissions, ipWhitelist: afterIps },
      changes: { ips: ipsChange, permissions: permissionsChange },
      droppedWords,
      forcedAlong,
    },
  };
}

/** The new whitelist checked against the exchange's limits and the key's current one; or why not. */
function planWhitelist(key: PlannedKey, entries: readonly string[], { name, api: { restrict } }: ExchangeInfo): { ips: string[] } | { reason: string } {
  const ranges: IpRange[] = [];
  for (const entry of entries) {
    const range = parseIpRange(entry);
    if (!range) return { reason: `"${entry.trim().slice(0, 64)}" is not an IP address.` };
    if (range.version === 6 && !restrict.acceptsIpv6) return { reason: `${name} accepts IPv4 addresses only: "${range.text}" is IPv6.` };
    if (isSegment(range) && !restrict.acceptsCidr) return { reason: `${name} accepts single addresses only, not network segments like "${range.text}".` };
    if (!ranges.some((known) => known.text === range.text)) ranges.push(range);
  }
  if (ranges.length === 0) return { reason: 'An empty whitelist would let the key be used from any IP: name at least one address.' };
  if (ranges.length > restrict.maxIps) return { reason: `${name} binds a key to at most ${restrict.maxIps} addresses; ${ranges.length} were given.` };
  if (key.ipWhitelist === 'unknown' || key.unread?.includes('ip-whitelist')) {
    return { reason: `keyaudit could not read this key's current IP whitelist from ${name}, so it cannot tell whether the new one is narrower; audit again, then retry.` };
  }
  if (key.ipWhitelist !== null && key.ipWhitelist.length > 0) {
    const current = key.ipWhitelist.map((text) => ({ text, range: parseIpRange(text) }));
    const wider = ranges.find((range) => !current.some((old) => old.text === range.text || (old.range !== null && isRangeWithin(range, old.range))));
    if (wider) return { reason: `"${wider.text}" is not inside the key's current whitelist (${key.ipWhitelist.join(', ')}): restrict only narrows a key.` };
  }
  return { ips: ranges.map((range) => range.text) };
}

function sameSet(a: IpWhitelist, b: IpWhitelist): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
  return a.length === b.length && a.every((entry) => b.includes(entry));
}

/**
 * Whether `after` is no wider than `before`: no permission word added (a Gate group may become its read-only form),
 * and, where before had a whitelist, after has one whose entries all lie inside it. Used by the property test and
 * by the service to check the re-read, so "narrower" has one definition.
 */
export function isNoWider(before: RestrictKeyState, after: RestrictKeyState, suffix?: string): boolean {
  const addsWord = after.permissions.some(
    (word) => !before.permissions.includes(word) && !(suffix && word.endsWith(suffix) && before.permissions.includes(word.slice(0, -suffix.length))),
  );
  if (addsWord) return false;
  if (before.ipWhitelist === null || before.ipWhitelist.length === 0) return true;
  if (before.ipWhitelist === 'unknown') return after.ipWhitelist === 'unknown';
  if (after.ipWhitelist === null || after.ipWhitelist === 'unknown' || after.ipWhitelist.length === 0) return false;
  const old = before.ipWhitelist.map((text) => ({ text, range: parseIpRange(text) }));
  return after.ipWhitelist.every((text) => {
    const range = parseIpRange(text);
    return old.some((entry) => entry.text === text || (range !== null && entry.range !== null && isRangeWithin(range, entry.range)));
  });
}

/** Whether the state read back is the state asked for: same words, same whitelist entries, order aside. */
export function isSameKeyState(asked: RestrictKeyState, read: RestrictKeyState): boolean {
  const words = (state: RestrictKeyState) => state.permissions.map((word) => word.toLowerCase()).sort();
  return JSON.stringify(words(asked)) === JSON.stringify(words(read)) && sameSet(asked.ipWhitelist, read.ipWhitelist);
}
