import { BlockList } from 'node:net';
import type { IpEntry } from './parse-ip-entry.ts';

type NamedRange = { cidr: string; kind: string; list: BlockList };

function namedRange(cidr: string, kind: string): NamedRange {
  const [network = '', prefix = ''] = cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), network.includes(':') ? 'ipv6' : 'ipv4');
  return { cidr, kind, list };
}

/**
 * Addresses an exchange can never see a request come from (IANA special-purpose registries,
 * RFC 6890 and successors). IPv4 rules also match IPv4-mapped IPv6 addresses (::ffff:10.0.0.1).
 */
const NON_PUBLIC_RANGES: readonly NamedRange[] = [
  namedRange('0.0.0.0/8', '"this network" (reserved)'),
  namedRange('10.0.0.0/8', 'private network'),
  namedRange('100.64.0.0/10', 'carrier-grade NAT (shared) space'),
  namedRange('127.0.0.0/8', 'loopback'),
  namedRange('169.254.0.0/16', 'link-local'),
  namedRange('172.16.0.0/12', 'private network'),
  namedRange('192.0.0.0/24', 'IETF protocol assignments (reserved)'),
  namedRange('192.0.2.0/24', 'documentation example'),
  namedRange('192.168.0.0/16', 'private network'),
  namedRange('198.18.0.0/15', 'benchmarking (reserved)'),
  namedRange('198.51.100.0/24', 'documentation example'),
  namedRange('203.0.113.0/24', 'documentation example'),
  namedRange('224.0.0.0/4', 'multicast'),
  namedRange('240.0.0.0/4', 'reserved (incl. broadcast)'),
  namedRange('::/128', 'unspecified address'),
  namedRange('::1/128', 'loopback'),
  namedRange('100::/64', 'discard-only (reserved)'),
  namedRange('2001:db8::/32', 'documentation example'),
  namedRange('3fff::/20', 'documentation example'),
  namedRange('fc00::/7', 'private network (unique local)'),
  namedRange('fe80::/10', 'link-local'),
  namedRange('ff00::/8', 'multicast'),
];

/**
 * The special-purpose range an entry lies entirely inside, or null for public and opaque entries.
 * A block wider than the special range (0.0.0.0/0) is not "inside" it; broad-ip-range covers that.
 */
export function findNonPublicRange(entry: IpEntry): { cidr: string; kind: string } | null {
  if (entry.kind !== 'network') return null;
  const type = entry.family === 4 ? 'ipv4' : 'ipv6';
  for (const range of NON_PUBLIC_RANGES) {
    const rangePrefix = Number(range.cidr.split('/')[1]);
    const rangeIsV4 = !range.cidr.includes(':');
    // An IPv4 prefix inside an IPv4-mapped IPv6 block counts from bit 96.
    const comparablePrefix = rangeIsV4 && entry.family === 6 ? rangePrefix + 96 : rangePrefix;
    if (entry.prefixLength >= comparablePrefix && range.list.check(entry.address, type)) {
      return { cidr: range.cidr, kind: range.kind };
    }
  }
  return null;
}
