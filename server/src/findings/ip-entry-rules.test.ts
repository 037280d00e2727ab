import { describe, expect, it } from 'vitest';
import { broadIpRange, nonPublicIpInWhitelist } from './ip-entry-rules.ts';
import { makeKey, testContext } from './make-test-key.ts';
import { parseIpEntry } from './parse-ip-entry.ts';

describe(parseIpEntry.name, () => {
  it.each([
    { raw: '8.8.8.8', expected: { kind: 'network', family: 4, prefixLength: 32, isSingleAddress: true } },
    { raw: ' 8.8.8.0/24 ', expected: { kind: 'network', family: 4, prefixLength: 24, isSingleAddress: false } },
    { raw: '2001:4860::/32', expected: { kind: 'network', family: 6, prefixLength: 32, isSingleAddress: false } },
    { raw: '2001:4860::8888', expected: { kind: 'network', family: 6, prefixLength: 128, isSingleAddress: true } },
    { raw: '203.**.154', expected: { kind: 'opaque' } },
    { raw: '10.*.*.*', expected: { kind: 'opaque' } },
    { raw: '1.2.3.4/33', expected: { kind: 'opaque' } },
    { raw: '1.2.3.4/', expected: { kind: 'opaque' } },
    { raw: '1.2.3.4/-1', expected: { kind: 'opaque' } },
    { raw: '1.2.3.4/8/8', expected: { kind: 'opaque' } },
    { raw: 'fe80::1%eth0', expected: { kind: 'opaque' } },
    { raw: 'example.com', expected: { kind: 'opaque' } },
  ])('reads "$raw" as $expected.kind', ({ raw, expected }) => {
    expect(parseIpEntry(raw)).toMatchObject(expected);
  });
});

const broadRows = [
  { list: ['8.8.0.0/16'], fires: true },
  { list: ['8.8.8.8', '8.8.8.0/23'], fires: true },
  { list: ['0.0.0.0/0'], fires: true },
  { list: ['2001:4860::/32'], fires: true },
  { list: ['8.8.8.0/24'], fires: false },
  { list: ['8.8.8.8/32', '8.8.8.8'], fires: false },
  { list: ['2001:4860:4860::/48'], fires: false },
  { list: ['203.**.154', '103.**.34'], fires: false },
  { list: ['10.*.*.*'], fires: false },
  { list: null, fires: false },
  { list: 'unknown' as const, fires: false },
];

describe(broadIpRange.id, () => {
  it.each(broadRows)('whitelist $list → fires: $fires', ({ list, fires }) => {
    expect(broadIpRange.evaluate(makeKey({ ipWhitelist: list }), testContext) !== null).toBe(fires);
  });

  it('follows maxIpv4PrefixWidth and maxIpv6PrefixWidth', () => {
    const loose = { ...testContext, thresholds: { ...testContext.thresholds, maxIpv4PrefixWidth: 16, maxIpv6PrefixWidth: 32 } };
    expect(broadIpRange.evaluate(makeKey({ ipWhitelist: ['8.8.0.0/16', '2001:4860::/32'] }), loose)).toBeNull();
    expect(broadIpRange.evaluate(makeKey({ ipWhitelist: ['8.8.0.0/15'] }), loose)).not.toBeNull();
  });

  it('names each wide entry with its size', () => {
    const why = broadIpRange.evaluate(makeKey({ ipWhitelist: ['8.8.8.8', '8.8.0.0/16', '2001:4860::/32'] }), testContext)?.why ?? '';
    expect(why).toContain('"8.8.0.0/16" (65,536 addresses)');
    expect(why).toContain('"2001:4860::/32" (2^96 addresses)');
    expect(why).not.toContain('"8.8.8.8"');
  });
});

const nonPublicRows = [
  { list: ['10.1.2.3'], kind: 'private network' },
  { list: ['172.16.0.1'], kind: 'private network' },
  { list: ['172.31.255.255'], kind: 'private network' },
  { list: ['192.168.1.10/32'], kind: 'private network' },
  { list: ['192.168.0.0/16'], kind: 'private network' },
  { list: ['127.0.0.1'], kind: 'loopback' },
  { list: ['169.254.10.10'], kind: 'link-local' },
  { list: ['100.64.0.1'], kind: 'carrier-grade NAT' },
  { list: ['100.127.255.254'], kind: 'carrier-grade NAT' },
  { list: ['192.0.2.7'], kind: 'documentation' },
  { list: ['198.51.100.7'], kind: 'documentation' },
  { list: ['203.0.113.7'], kind: 'documentation' },
  { list: ['224.0.0.1'], kind: 'multicast' },
  { list: ['255.255.255.255'], kind: 'reserved' },
  { list: ['0.0.0.0'], kind: 'this network' },
  { list: ['::1'], kind: 'loopback' },
  { list: ['fd12:3456::1'], kind: 'unique local' },
  { list: ['fe80::1'], kind: 'link-local' },
  { list: ['ff02::1'], kind: 'multicast' },
  { list: ['2001:db8::1'], kind: 'documentation' },
  { list: ['::ffff:10.0.0.1'], kind: 'private network' },
  { list: ['8.8.8.8', '10.0.0.5'], kind: 'private network' },
  { list: ['8.8.8.8'], kind: null },
  { list: ['172.32.0.1'], kind: null },
  { list: ['100.128.0.1'], kind: null },
  { list: ['203.0.114.7'], kind: null },
  { list: ['2001:4860:4860::8888'], kind: null },
  { list: ['::ffff:8.8.8.8'], kind: null },
  { list: ['0.0.0.0/0'], kind: null },
  { list: ['8.0.0.0/6'], kind: null },
  { list: ['203.**.154', '10.**.1'], kind: null },
  { list: null, kind: null },
  { list: 'unknown' as const, kind: null },
];

describe(nonPublicIpInWhitelist.id, () => {
  it.each(nonPublicRows)('whitelist $list → $kind', ({ list, kind }) => {
    const hit = nonPublicIpInWhitelist.evaluate(makeKey({ ipWhitelist: list }), testContext);
    if (kind === null) expect(hit).toBeNull();
    else expect(hit?.why).toContain(kind);
  });

  it('names only the offending entries', () => {
    const why = nonPublicIpInWhitelist.evaluate(makeKey({ ipWhitelist: ['8.8.8.8', '192.168.1.10'] }), testContext)?.why ?? '';
    expect(why).toContain('"192.168.1.10" (private network, 192.168.0.0/16)');
    expect(why).not.toContain('8.8.8.8');
  });
});
