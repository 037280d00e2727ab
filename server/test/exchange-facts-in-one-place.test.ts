/**
 * Per-exchange facts (names, credential fields, API pages and hosts, what each API can do) live in one table,
 * server/src/contract/exchanges.ts. This test fails when source elsewhere starts keeping its own copy again:
 * a list of exchange ids ("['kucoin', 'okx']" for "has a passphrase"), a comparison with one exchange's id,
 * an id → name map, one of the table's URLs, or the adapter members and constants the table replaced.
 * Tests and their fixtures are exempt: pinning a fact independently is what they are for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ROOTS = ['server/src', 'client/src', 'e2e', 'bench'];
const TABLE = 'server/src/contract/exchanges.ts';
/** The one list of ids everything else is keyed by. */
const ID_LIST = { path: 'server/src/contract/exchange-id.ts', text: /^export const EXCHANGE_IDS = \[/ };
const isTestCode = (path: string) => /\.(test|spec)\.tsx?$|\/testing\/|test-support|\/make-test-/.test(path);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !isTestCode(path) && path !== TABLE ? [path] : [];
  });
}

/** Code lines only: a comment may name exchanges and cite their pages. */
function codeLines(path: string): { line: number; text: string }[] {
  return readFileSync(join(REPO, path), 'utf8')
    .split('\n')
    .map((text, index) => ({ line: index + 1, text }))
    .filter(({ text }) => !/^\s*(\/\/|\/\*|\*)/.test(text) && !(path === ID_LIST.path && ID_LIST.text.test(text)));
}

const ID = `(?:${EXCHANGE_IDS.join('|')})`;
const quoted = (text: string) => `['"\`]${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"\`]`;
const urls = EXCHANGE_IDS.flatMap((id) => {
  const info = exchangeInfo(id);
  return [info.manageKeysUrl, info.apiBaseUrl, ...info.otherApiBaseUrls];
});

/** What a copy of the table looks like, each with the reason it is refused. */
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: new RegExp(`\\[\\s*(['"])${ID}\\1\\s*,\\s*(['"])${ID}\\2`), why: 'a list of exchange ids' },
  { pattern: new RegExp(`[!=]==?\\s*(['"])${ID}\\1|(['"])${ID}\\2\\s*[!=]==?`), why: "a comparison with one exchange's id" },
  ...EXCHANGE_IDS.map((id) => ({ pattern: new RegExp(`\\b${id}\\s*:\\s*${quoted(exchangeInfo(id).name)}`), why: 'an id → name map' })),
  ...urls.map((url) => ({ pattern: new RegExp(quoted(url)), why: `the table's URL ${url}` })),
  { pattern: /\b(requiredCredentials|DEFAULT_BASE_URLS|EXCHANGES_WITH_\w+|\w+_MANAGE_KEYS_URL)\b/, why: 'a member or constant the table replaced' },
];

function findCopies(paths: readonly string[], read: (path: string) => { line: number; text: string }[] = codeLines): string[] {
  return paths.flatMap((path) =>
    read(path).flatMap(({ line, text }) =>
      FORBIDDEN.filter(({ pattern }) => pattern.test(text)).map(({ why }) => `${path}:${line}: ${why}: ${text.trim()}`)),
  );
}

describe('exchange facts in one place', () => {
  const files = ROOTS.flatMap(sourceFiles);

  it('scans the source of server, client, e2e and bench', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('client/src/features/connections/components/add-connection-form.tsx');
    expect(files).toContain('server/src/cli/read-credentials.ts');
    expect(files.map((path) => relative(REPO, join(REPO, path)))).not.toContain('server/src/contract/exchanges.ts');
  });

  it('finds no copy of the exchange table outside it', () => {
    expect(findCopies(files)).toEqual([]);
  });

  it('lets a line that uses the table through', () => {
    expect(findCopies(['example.ts'], () => [{ line: 1, text: "const { manageKeysUrl, api } = exchangeInfo('okx');" }])).toEqual([]);
  });

  it.each([
    ["const EXCHANGES_WITH_PASSPHRASE: readonly ExchangeId[] = ['kucoin', 'okx'];", 'a list of exchange ids'],
    ['const needsPassphrase = ["okx", "kucoin"].includes(exchange);', 'a list of exchange ids'],
    ["if (connection.exchange === 'gate') showMainKeys();", "a comparison with one exchange's id"],
    ["const names = { kucoin: 'KuCoin', okx: 'OKX' };", 'an id → name map'],
    ["const manageUrl = 'https://www.kucoin.com/account/api';", "the table's URL https://www.kucoin.com/account/api"],
    ["  requiredCredentials: ['apiKey', 'secret'],", 'a member or constant the table replaced'],
  ])('refuses %s', (text, why) => {
    expect(findCopies(['example.ts'], () => [{ line: 1, text }])).toContain(`example.ts:1: ${why}: ${text.trim()}`);
  });
});
