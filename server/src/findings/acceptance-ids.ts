import { createHash } from 'node:crypto';
import type { Acceptance } from './policy.ts';

/** JSON with every object's keys sorted: the same entry gives the same text however the file orders its fields. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The id of each acceptance, in order. An entry keyaudit wrote carries its own id. An entry without one (written by
 * hand, or by a keyaudit from before ids) gets "a_" and a hash of its content: stable while nobody edits it, and an
 * edit from the dashboard writes that id into the entry, so the handle the page holds keeps working afterwards.
 * Two identical entries are told apart by their order ("-2" for the second).
 */
export function acceptanceIds(acceptances: readonly Acceptance[]): string[] {
  const seen = new Map<string, number>();
  return acceptances.map((acceptance) => {
    if (acceptance.id !== undefined) return acceptance.id;
    const derived = `a_${createHash('sha256').update(canonicalJson(acceptance)).digest('hex').slice(0, 16)}`;
    const count = (seen.get(derived) ?? 0) + 1;
    seen.set(derived, count);
    return count === 1 ? derived : `${derived}-${count}`;
  });
}
