import type { Change } from './history.ts';
import { toPrintableText } from './printable-text.ts';

/**
 * A change's before → after in words, the same in the CLI, the Markdown report and the Changes view:
 * permission words as the exchange reports them, IP lists ("any IP" for none), a finding's title, a
 * connection's status and error. null on a side that did not exist (a key before it appeared).
 */
export function describeChangeSides(change: Change): { before: string | null; after: string | null } {
  return { before: describeSide(change, change.before), after: describeSide(change, change.after) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => toPrintableText(String(value), 200);

/** null = any IP; 'unknown' = the exchange does not say. */
export function describeIpWhitelist(value: unknown): string {
  if (value === null) return 'any IP';
  if (value === 'unknown') return 'not reported';
  if (Array.isArray(value)) return value.length === 0 ? 'no IP' : value.map(text).join(', ');
  return text(value);
}

const describeWords = (value: unknown) => (Array.isArray(value) ? (value.length === 0 ? '(none)' : value.map(text).join(', ')) : text(value));

function describeSide(change: Change, side: unknown): string | null {
  if (side === null || side === undefined) return change.kind === 'ip-whitelist-changed' && side === null ? 'any IP' : null;
  switch (change.kind) {
    case 'permissions-changed':
      return describeWords(side);
    case 'ip-whitelist-changed':
      return describeIpWhitelist(side);
    case 'key-added':
    case 'key-removed':
      return isRecord(side) ? `${describeWords(side.permissions)}; ${describeIpWhitelist(side.ipWhitelist)}` : text(side);
    case 'finding-opened':
    case 'finding-resolved':
    case 'finding-accepted': {
      if (!isRecord(side)) return text(side);
      const acceptance = isRecord(side.acceptance) ? ` (accepted until ${text(side.acceptance.expiresAt)})` : '';
      return `${text(side.severity)}: ${text(side.title)}${acceptance}`;
    }
    case 'connection-failing':
    case 'connection-recovered': {
      if (!isRecord(side)) return text(side);
      const error = isRecord(side.error) ? `, ${text(side.error.kind)}` : '';
      return `${text(side.status)}${error}`;
    }
    case 'account-added':
    case 'account-removed':
      return isRecord(side) ? `${text(side.name)} (${text(side.keys)} keys)` : text(side);
  }
}
