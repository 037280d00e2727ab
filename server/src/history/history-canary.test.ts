/**
 * docs/security-model.md#history: nothing that identifies a key or an account is readable in history.sqlite or its
 * WAL without the vault. Canaries planted in every such field are searched for in the raw bytes, in every encoding.
 */
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { grant } from '../findings/make-test-key.ts';
import { makeRun, runKey, testHistoryKey } from './history-test-support.ts';
import { openSqliteHistory } from './sqlite-history-store.ts';

const CANARIES = {
  apiKey: 'KACANARYAPIKEY7d3e91f0a2b4',
  label: 'KA_CANARY_LABEL_5c8e2a',
  account: 'ka-canary-sub-account-91b4',
  ip: '2001:db8:ca5a:7e57::91',
  permission: 'KA_CANARY_PERMISSION_WORD_3f1',
  acceptance: 'KA_CANARY_ACCEPTANCE_REASON_77',
  keyId: 'KA_CANARY_KEY_ID_0c4d2e',
  connectionId: 'c_ca5a7e57',
  connectionLabel: 'KA_CANARY_CONNECTION_LABEL_aa',
  failedAccount: 'ka-canary-failed-account-e6',
};

/** The forms a string can take in a file: raw, UTF-16 (SQLite's other text encoding), hex, base64, and inner slices of each. */
function encodings(value: string): Buffer[] {
  const forms = [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le')];
  const texts = [Buffer.from(value).toString('hex'), Buffer.from(value).toString('hex').toUpperCase(), Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url')];
  // base64 of a string inside a longer one is shifted: its middle still matches one of the inner slices.
  for (const text of texts) forms.push(Buffer.from(text.slice(4, -4)), Buffer.from(text.slice(4, -4), 'utf16le'));
  return forms;
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

it('keeps every identifying field out of the raw database and WAL bytes, in every encoding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyaudit-history-canary-'));
  dirs.push(dir);
  const location = join(dir, 'history.sqlite');
  const store = openSqliteHistory({ location, historyKey: testHistoryKey() });

  const planted = runKey(1, {
    id: CANARIES.keyId,
    connectionId: CANARIES.connectionId,
    apiKey: CANARIES.apiKey,
    label: CANARIES.label,
    account: { kind: 'sub', name: CANARIES.account },
    ipWhitelist: null,
    permissions: [CANARIES.permission],
    capabilities: [grant('withdraw', CANARIES.permission)],
  });
  const other = runKey(2, { connectionId: CANARIES.connectionId, ipWhitelist: [CANARIES.ip] });
  const first = makeRun([planted, other]);
  first.connections[0].label = CANARIES.connectionLabel;
  first.connections[0].accounts.push({ account: { kind: 'sub', name: CANARIES.failedAccount }, status: 'failed', error: { kind: 'exchange-error', message: `sub-account ${CANARIES.failedAccount} failed`, exchangeCode: '500000' }, keyCount: 0 });
  first.findings = first.findings.map((finding) => ({ ...finding, acceptance: { reason: CANARIES.acceptance, expiresAt: '2027-01-01T00:00:00.000Z' } }));
  expect(JSON.stringify(first.findings)).toContain(CANARIES.permission); // the finding text names the permission word too
  store.recordRun(first, 'dashboard');
  // A change and a disappearance: new versions and a tombstone are written as well.
  store.recordRun(makeRun([{ ...planted, label: `${CANARIES.label}2` }], { at: '2026-06-02T00:00:00.000Z' }), 'cli');
  expect(store.loadRun(1)!.run.keys[0].apiKey).toBe(CANARIES.apiKey); // the canaries are really in there

  const scan = () => {
    const files = ['', '-wal'].map((suffix) => location + suffix).filter((file) => existsSync(file));
    const bytes = files.map((file) => readFileSync(file));
    expect(bytes.reduce((total, file) => total + file.length, 0)).toBeGreaterThan(8192);
    // What may stay plain is found by the same scan, so the scan does see the text that is there.
    expect(bytes.some((file) => file.includes(Buffer.from('withdraw-without-ip-whitelist:critical')))).toBe(true);
    for (const [field, canary] of Object.entries(CANARIES)) {
      for (const encoded of encodings(canary)) {
        for (const [index, file] of bytes.entries()) expect(file.includes(encoded), `${field} found in ${files[index]} as ${encoded.toString('latin1')}`).toBe(false);
      }
    }
    return files.length;
  };
  expect(existsSync(`${location}-wal`)).toBe(true);
  expect(scan()).toBe(2); // while open: the recent writes are in the WAL
  store.close();
  scan(); // after the checkpoint on close: in the main file
});
