import type { AuditedKey } from '@contract/audited-key.ts';
import { defineRule } from './finding-rule.ts';
import { findNonPublicRange } from './non-public-range.ts';
import { parseIpEntry, type IpEntry } from './parse-ip-entry.ts';

function entriesOf(key: AuditedKey): IpEntry[] {
  return Array.isArray(key.ipWhitelist) ? key.ipWhitelist.map(parseIpEntry) : [];
}

/** "65,536 addresses" for IPv4; powers of two for IPv6, where exact counts stop meaning anything. */
function describeSize(entry: Extract<IpEntry, { kind: 'network' }>): string {
  const hostBits = (entry.family === 4 ? 32 : 128) - entry.prefixLength;
  return hostBits <= 32 ? `${(2 ** hostBits).toLocaleString('en-US')} addresses` : `2^${hostBits} addresses`;
}

export const broadIpRange = defineRule({
  id: 'broad-ip-range',
  severity: 'medium',
  title: 'IP whitelist allows a wide address range',
  description:
    'An IP whitelist entry is a CIDR block wider than /24 (IPv4) or /48 (IPv6), per thresholds.maxIpv4PrefixWidth / maxIpv6PrefixWidth. Masked entries such as 203.**.154 are not ranges and never match.',
  evaluate(key, { thresholds }) {
    const broad = entriesOf(key).flatMap((entry) => {
      if (entry.kind !== 'network') return [];
      const limit = entry.family === 4 ? thresholds.maxIpv4PrefixWidth : thresholds.maxIpv6PrefixWidth;
      return entry.prefixLength < limit ? [`"${entry.raw}" (${describeSize(entry)})`] : [];
    });
    if (broad.length === 0) return null;
    return {
      why: `The IP whitelist allows ${broad.join(', ')}, wider than the policy's /${thresholds.maxIpv4PrefixWidth} (IPv4) and /${thresholds.maxIpv6PrefixWidth} (IPv6) limits. A range this wide also lets in machines you do not control, such as other customers of the same cloud provider or ISP.`,
      fix: `Replace each wide range with the exact public IP addresses of the machines that use this key (or a /${thresholds.maxIpv4PrefixWidth} at most).`,
    };
  },
});

export const nonPublicIpInWhitelist = defineRule({
  id: 'non-public-ip-in-whitelist',
  severity: 'medium',
  title: 'IP whitelist contains a non-public address',
  description:
    'An IP whitelist entry is a private, loopback, link-local, carrier-grade NAT, documentation, multicast or otherwise reserved address.',
  evaluate(key) {
    const nonPublic = entriesOf(key).flatMap((entry) => {
      const range = findNonPublicRange(entry);
      return range ? [`"${entry.raw}" (${range.kind}, ${range.cidr})`] : [];
    });
    if (nonPublic.length === 0) return null;
    return {
      why: `The IP whitelist contains ${nonPublic.join(', ')}. An exchange only ever sees a public address, so such an entry never matches: it is a mistake or a leftover, and the whitelist may not describe where the key is really used from.`,
      fix: 'Replace it with the public IP address of the machine that uses the key (the address an IP-lookup service shows for that machine), and remove entries you do not recognize.',
    };
  },
});

export const IP_ENTRY_RULES = [broadIpRange, nonPublicIpInWhitelist] as const;
