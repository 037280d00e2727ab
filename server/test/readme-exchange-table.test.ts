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
