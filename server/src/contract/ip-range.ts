/**
 * IP whitelist entries as numbers, to tell whether one entry lies inside another. Pure and browser-safe (no node:net):
 * the client checks entries as they are typed with the same code the server plans with.
 */

/** One entry: an address or a network segment, as a first address and a prefix length. */
export type IpRange = { version: 4 | 6; first: bigint; prefix: number; text: string };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function ipv4ToBigInt(text: string): bigint {
  return text.split('.').reduce((sum, part) => (sum << 8n) + BigInt(Number(part)), 0n);
}

/** "2001:db8::1" → 128-bit number; null when not an IPv6 address (an embedded IPv4 tail is accepted). */
function ipv6ToBigInt(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return null;
  let groups: string[];
  const tail = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  let body = text;
  const extra: string[] = [];
  if (tail) {
    if (!IPV4.test(tail[1]!)) return null;
    const v4 = ipv4ToBigInt(tail[1]!);
    extra.push((v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    body = text.slice(0, -tail[1]!.length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  if (rest === undefined) {
    groups = [...split(head), ...extra];
    if (groups.length !== 8) return null;
  } else {
    const left = split(head);
    const right = [...split(rest), ...extra];
    const missing = 8 - left.length - right.length;
    if (missing < 1) return null;
    groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  }
  if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return null;
  return groups.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n);
}

/** "1.2.3.4", "10.0.0.0/24", "2001:db8::/32" → a range; null when it is none of these. The host bits of a segment are cleared. */
export function parseIpRange(raw: string): IpRange | null {
  const text = raw.trim();
  const [address = '', prefixText, ...more] = text.split('/');
  if (more.length > 0) return null;
  const version = IPV4.test(address) ? 4 : address.includes(':') ? 6 : null;
  if (version === null) return null;
  const value = version === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  if (value === null) return null;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  return { version, first: (value >> hostBits) << hostBits, prefix, text };
}

/** Whether every address of `inner` is also in `outer`. */
export function isRangeWithin(inner: IpRange, outer: IpRange): boolean {
  if (inner.version !== outer.version || inner.prefix < outer.prefix) return false;
  const bits = inner.version === 4 ? 32 : 128;
  const hostBits = BigInt(bits - outer.prefix);
  return inner.first >> hostBits === outer.first >> hostBits;
}

/** Whether the entry is a network segment rather than one address. */
export function isSegment(range: IpRange): boolean {
  return range.prefix < (range.version === 4 ? 32 : 128);
}
