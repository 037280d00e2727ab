/**
 * The README's table of what each audit key needs and what each API cannot show is written by hand; this keeps it
 * true to the exchange table (server/src/contract/exchanges.ts) it describes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('| exchange | the audit key needs'));
const rowOf = (name: string) => table.split('\n').find((line) => line.startsWith(`| ${name} |`));

describe('README: what the audit key needs and what the API cannot show', () => {
  it.each(EXCHANGE_IDS)('%s has a row naming every permission word its audit key needs', (exchange) => {
    const row = rowOf(exchangeInfo(exchange).name);
    expect(row).toBeDefined();
    for (const word of exchangeInfo(exchange).auditKeyNeeds.permissions) expect(row).toContain(`\`${word}\``);
    expect(row!.includes('read-only') || row!.includes('Read Only') || row!.includes('Read-Only') || row!.includes('**Read**')).toBe(true);
  });

  it.each(EXCHANGE_IDS)("%s's row says the master account's other keys cannot be listed exactly where the API cannot list them", (exchange) => {
    const { name, api } = exchangeInfo(exchange);
    expect(rowOf(name)!.includes("the master account's other API keys")).toBe(!api.canListOtherMasterKeys);
  });
});

describe('README: what restrict can do on each exchange', () => {
  const restrictTable = readme.slice(readme.indexOf('| exchange | the key you give keyaudit'));
  const restrictRowOf = (name: string) => restrictTable.split('\n').find((line) => line.startsWith(`| ${name} |`));

  it.each(EXCHANGE_IDS)("%s's row says what restrict can change, its IP limit, and master keys only where the table allows them", (exchange) => {
    const { name, api } = exchangeInfo(exchange);
    const cell = restrictRowOf(name)!.split('|').at(-2)!;
    const { subKeys, masterKeys, maxIps, acceptsIpv6, acceptsCidr, needsKeyPassphrase } = api.restrict;
    expect(cell.includes('sub-account keys')).toBe(subKeys.ips || subKeys.permissions);
    expect(cell.includes('IPs')).toBe(subKeys.ips || masterKeys.ips);
    expect(cell.includes('permissions')).toBe(subKeys.permissions || masterKeys.permissions);
    if (maxIps > 0) expect(cell).toContain(`up to ${maxIps}`);
    expect(cell.includes('IPv6')).toBe(acceptsIpv6);
    expect(cell.includes('network segments')).toBe(acceptsCidr);
    expect(cell.includes('own API passphrase')).toBe(needsKeyPassphrase);
    // A master key restrictable from keyaudit would be named as "and master keys"; none is today.
    expect(cell.includes('and master keys')).toBe(masterKeys.ips || masterKeys.permissions);
  });
});
