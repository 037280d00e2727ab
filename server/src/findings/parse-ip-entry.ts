import { isIP } from 'node:net';

/**
 * One IP whitelist entry as keyaudit understands it.
 * network: a plain address (prefix /32 or /128) or CIDR block.
 * opaque: anything else, notably KuCoin's masked form `203.**.154` (docs/exchanges/kucoin.md#calling-key),
 * which hides digits rather than describing a range, so no rule may read a range into it.
 */
export type IpEntry =
  | { kind: 'network'; raw: string; family: 4 | 6; address: string; prefixLength: number; isSingleAddress: boolean }
  | { kind: 'opaque'; raw: string };

const PREFIX_DIGITS = /^\d{1,3}$/;

export function parseIpEntry(raw: string): IpEntry {
  const text = raw.trim();
  const parts = text.split('/');
  const address = parts[0] ?? '';
  const family = isIP(address);
  // A zone id ("fe80::1%eth0") only means something on the host itself, never to an exchange.
  if ((family !== 4 && family !== 6) || parts.length > 2 || address.includes('%')) return { kind: 'opaque', raw };
  const maxPrefix = family === 4 ? 32 : 128;
  if (parts.length === 1) {
    return { kind: 'network', raw, family, address, prefixLength: maxPrefix, isSingleAddress: true };
  }
  const prefixText = parts[1] ?? '';
  const prefixLength = Number(prefixText);
  if (!PREFIX_DIGITS.test(prefixText) || prefixLength > maxPrefix) return { kind: 'opaque', raw };
  return { kind: 'network', raw, family, address, prefixLength, isSingleAddress: prefixLength === maxPrefix };
}

/** "*" (Bybit's "no restriction") or a /0 block: an entry that lets every address in. */
export function isAnyAddressEntry(raw: string): boolean {
  if (raw.trim() === '*') return true;
  const entry = parseIpEntry(raw);
  return entry.kind === 'network' && entry.prefixLength === 0;
}
