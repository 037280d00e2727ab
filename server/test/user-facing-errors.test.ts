/**
 * Every Error subclass in server/src, found by scanning the source, has a mapping: a code from the
 * contract's closed set, a status (4xx for what the user can cause or fix, 502 for an exchange that
 * is down, 500 only for bugs) and a plain sentence that the CLI prints too. No mapping leaks a
 * path, a secret, a stack or an exchange's own text. A new error class without an example here
 * fails the first test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ERROR_CODES } from '@contract/api-error-code.ts';
import { EXCHANGE_ERROR_KINDS } from '@contract/exchange-error-kind.ts';
import { ActionLogDamagedError } from '../src/action-log/action-log-file.ts';
import { InvalidActionLogEntryError } from '../src/action-log/action-log.ts';
import { ConnectionStillReadingError, KeyNotFoundError, KeyPassphraseRequiredError, NotDisablableError, NotRevocableError, RestrictRefusedError } from '../src/audit/audit-errors.ts';
import { CliError, UsageError } from '../src/cli/cli-errors.ts';
import { describeError, exitCodeFor } from '../src/cli/report-error.ts';
import { InvalidInputError, UserFacingError } from '../src/errors/user-facing-error.ts';
import { ExchangeError } from '../src/exchanges/exchange-error.ts';
import { SubAccountsNotListedError } from '../src/exchanges/sub-accounts-not-listed-error.ts';
import { PolicyError } from '../src/findings/load-policy.ts';
import { AcceptanceNotFoundError } from '../src/findings/acceptance-errors.ts';
import { TooManyAttemptsError, unauthorized } from '../src/http/api-error.ts';
import { INTERNAL_ERROR_MESSAGE, toErrorAnswer } from '../src/http/error-handler.ts';
import { HTTP_STATUS } from '../src/http/http-status.ts';
import * as vaultErrors from '../src/vault/vault-errors.ts';
import { DataDirBusyError } from '../src/vault/data-dir-lock.ts';
import { HistoryUnavailableError, RunNotFoundError } from '../src/history/history-errors.ts';
import { UnsafeReportPathError } from '../src/report/write-report-file.ts';
import { SecretWipedError } from '../src/secrets/redacted.ts';
import { AlertChannelNotFoundError, InvalidAlertChannelError } from '../src/alerts/alert-errors.ts';
import { alertChannelConfigSchema } from '../src/alerts/alert-channel.ts';
import { DemoModeError, ReauthRequiredError } from '../src/workspace/workspace-errors.ts';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const CANARY = 'KA_CANARY_e1f2';
const CANARY_PATH = `/tmp/${CANARY}/keyaudit/vault.kav`;

/** Exchange kinds that mean the exchange could not be reached or answered nonsense: nobody's input to fix. */
const UPSTREAM_KINDS = ['unreachable', 'timeout', 'bad-response', 'exchange-error'];

/** One or more instances per user-facing class, built with canaries wherever a constructor takes outside text. */
const EXAMPLES: Record<string, () => Error[]> = {
  UserFacingError: () => [unauthorized(), new UserFacingError('forbidden-host', 'This server only answers requests addressed to itself.')],
  InvalidInputError: () => [new InvalidInputError('Check these fields: label.')],
  HistoryUnavailableError: () => [new HistoryUnavailableError('the database file is damaged (integrity check failed).', { localDetail: CANARY_PATH })],
  RunNotFoundError: () => [new RunNotFoundError(42)],
  AlertChannelNotFoundError: () => [new AlertChannelNotFoundError(CANARY), new AlertChannelNotFoundError('ch_0123abcd')],
  InvalidAlertChannelError: () => [InvalidAlertChannelError.fromZod(alertChannelConfigSchema.safeParse({ kind: 'slack', url: `https://example.com/${CANARY}` }).error!), InvalidAlertChannelError.fromZod(alertChannelConfigSchema.safeParse({ kind: 'telegram', botToken: CANARY, chatId: CANARY }).error!)],
  UnlockFailedError: () => [new vaultErrors.UnlockFailedError()],
  InsecureFileError: () => [new vaultErrors.InsecureFileError(CANARY_PATH, 'is accessible by other users (mode 0644).')],
  WeakKdfRefusedError: () => [new vaultErrors.WeakKdfRefusedError()],
  VaultExistsError: () => [new vaultErrors.VaultExistsError(CANARY_PATH)],
  NoVaultError: () => [new vaultErrors.NoVaultError(CANARY_PATH), new vaultErrors.NoVaultError()],
  ConnectionNotFoundError: () => [new vaultErrors.ConnectionNotFoundError(CANARY), new vaultErrors.ConnectionNotFoundError('c_0123abcd')],
  DuplicateConnectionError: () => [new vaultErrors.DuplicateConnectionError('c_0123abcd')],
  VaultLockedError: () => [new vaultErrors.VaultLockedError()],
  InvalidConnectionError: () => [new vaultErrors.InvalidConnectionError('Label must be 1 to 80 characters, without control characters.')],
  WeakPassphraseError: () => [new vaultErrors.WeakPassphraseError(8)],
  VaultChangedError: () => [new vaultErrors.VaultChangedError(CANARY_PATH), new vaultErrors.VaultChangedError(CANARY_PATH, 'rekeyed')],
  VaultReopenRequiredError: () => [new vaultErrors.VaultReopenRequiredError('rekeyed'), new vaultErrors.VaultReopenRequiredError('unreadable')],
  ActionLogDamagedError: () => [new ActionLogDamagedError(CANARY_PATH)],
  PolicyError: () => [new PolicyError(CANARY_PATH, [`(top level): not valid JSON: Unexpected token '${CANARY}'`])],
  ExchangeError: () => EXCHANGE_ERROR_KINDS.map((kind) => new ExchangeError(kind, 'The exchange refused the request.', { exchangeCode: CANARY, retryAfterMs: 1000 })),
  SubAccountsNotListedError: () => [new SubAccountsNotListedError('permission-denied', 'The exchange lists sub-accounts only to a key bound to an IP address.', { exchangeCode: CANARY })],
  KeyNotFoundError: () => [new KeyNotFoundError()],
  AcceptanceNotFoundError: () => [new AcceptanceNotFoundError()],
  ConnectionStillReadingError: () => [new ConnectionStillReadingError()],
  NotRevocableError: () => [new NotRevocableError("KuCoin's API cannot delete master-account keys; delete it on KuCoin's API management page.")],
  NotDisablableError: () => [new NotDisablableError('This key is disabled on Deribit already.')],
  KeyPassphraseRequiredError: () => [new KeyPassphraseRequiredError(), new KeyPassphraseRequiredError('restrict')],
  RestrictRefusedError: () => [new RestrictRefusedError('"300.1.1.1" is not an IP address.')],
  ReauthRequiredError: () => [new ReauthRequiredError('revoke keys')],
  DemoModeError: () => [new DemoModeError()],
  TooManyAttemptsError: () => [new TooManyAttemptsError(29_500)],
  UsageError: () => [new UsageError('Unknown option --frobnicate.')],
  CliError: () => [new CliError('No terminal to ask on.'), new CliError('Cancelled.', 130)],
  DataDirBusyError: () => [new DataDirBusyError(CANARY_PATH)],
  UnsafeReportPathError: () => [new UnsafeReportPathError('the path is a symbolic link (name the file itself).', CANARY_PATH)],
  SecretWipedError: () => [new SecretWipedError()],
};

/** Bugs: the user cannot cause them, so they answer 500 "internal" and the CLI names only the class. */
const BUGS: Record<string, () => Error> = {
  InvalidActionLogEntryError: () => new InvalidActionLogEntryError(),
};

/** `class X extends Y` in every non-test source file, kept where Y leads back to Error. */
function scanErrorClasses(): string[] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const parents = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(path.join(SRC, file), 'utf8').matchAll(/\bclass\s+(\w+)\s+extends\s+(\w+)/g)) parents.set(match[1], match[2]);
  }
  const isError = (name: string, seen = new Set<string>()): boolean =>
    /^(Error|TypeError|RangeError|SyntaxError)$/.test(name) || (!seen.has(name) && parents.has(name) && isError(parents.get(name)!, seen.add(name)));
  return [...parents.keys()].filter((name) => isError(name)).sort();
}

function expectNoLeak(text: string) {
  expect(text).not.toContain(CANARY);
  expect(text).not.toMatch(/\/(tmp|home|etc|usr|var)\b|[A-Za-z]:\\/); // no path
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack
  expect(text).not.toMatch(/^\w*Error:/); // not a raw error string
}

describe('user-facing errors', () => {
  it('covers every Error subclass in server/src (a new class needs a mapping and an example here)', () => {
    const scanned = scanErrorClasses();
    expect(scanned.length).toBeGreaterThan(20);
    expect(scanned).toEqual([...Object.keys(EXAMPLES), ...Object.keys(BUGS)].sort());
    for (const [name, build] of Object.entries(EXAMPLES)) for (const error of build()) expect(error.constructor.name, name).toBe(name);
    for (const [name, build] of Object.entries(BUGS)) expect(build().constructor.name).toBe(name);
  });

  it.each(Object.entries(EXAMPLES))('%s answers with a contract code, a 4xx (502 when an exchange is down) and its own plain sentence', (_name, build) => {
    for (const error of build()) {
      const answer = toErrorAnswer(error);
      expect(API_ERROR_CODES).toContain(answer.code);
      expect(answer.code).not.toBe('internal');
      if (UPSTREAM_KINDS.includes(answer.code)) expect(answer.status).toBe(502);
      else expect(answer.status >= 400 && answer.status < 500, `${answer.code} → ${answer.status}`).toBe(true);
      expect(answer.message).toBe(error.message);
      expect(answer.message).toMatch(/^\S.*[.)]$/s);
      expectNoLeak(answer.message);
    }
  });

  it.each(Object.entries(EXAMPLES))('%s is printed by the CLI with the same sentence and an error exit code', (_name, build) => {
    for (const error of build()) {
      const line = describeError(error);
      expect(line.startsWith(error.message)).toBe(true);
      expect(exitCodeFor(error)).toBeGreaterThan(0);
    }
  });

  it('keeps the local file a user must fix for the terminal only', () => {
    const error = new vaultErrors.InsecureFileError(CANARY_PATH, 'is accessible by other users (mode 0644).');
    expect(describeError(error)).toContain(`${CANARY_PATH} is accessible by other users (mode 0644).`);
    expect(JSON.stringify(toErrorAnswer(error))).not.toContain(CANARY);
  });

  it.each(Object.entries(BUGS))('%s, a bug, answers 500 internal without its own words', (name, build) => {
    const error = build();
    expect(toErrorAnswer(error)).toEqual({ status: 500, code: 'internal', message: INTERNAL_ERROR_MESSAGE, headers: {} });
    expect(describeError(error)).toBe(`Unexpected internal error (${name}). Nothing secret was printed; please report this.`);
    expect(exitCodeFor(error)).toBe(1);
  });

  it('answers anything else thrown as 500 internal, never with its message', () => {
    for (const error of [new Error(`boom at ${CANARY_PATH}:12`), new TypeError(CANARY), 'a string', null]) {
      const answer = toErrorAnswer(error);
      expect(answer).toMatchObject({ status: 500, code: 'internal', message: INTERNAL_ERROR_MESSAGE });
      expectNoLeak(JSON.stringify(answer));
      expectNoLeak(describeError(error));
    }
  });

  it('answers input that fails its schema with 400 invalid-input, naming fields and never values', () => {
    const parsed = z.object({ label: z.string().max(3) }).safeParse({ label: CANARY });
    const answer = toErrorAnswer(parsed.error);
    expect(answer).toEqual({ status: 400, code: 'invalid-input', message: 'Check these fields: label.', headers: {} });
    expect(describeError(parsed.error)).toBe('Check these fields: label.');
  });

  it('sends Retry-After with too-many-attempts', () => {
    expect(toErrorAnswer(new TooManyAttemptsError(29_500))).toMatchObject({ status: 429, headers: { 'Retry-After': '30' } });
  });

  it('gives every contract code a status: 500 only for internal, 5xx otherwise only for an exchange that is down', () => {
    for (const code of API_ERROR_CODES) {
      const status = HTTP_STATUS[code];
      if (code === 'internal') expect(status).toBe(500);
      else if (UPSTREAM_KINDS.includes(code)) expect(status).toBe(502);
      else expect(status >= 400 && status < 500, `${code} → ${status}`).toBe(true);
    }
    // 401 is the session's answer; only unlock-failed shares it, and the client knows that code.
    expect(API_ERROR_CODES.filter((code) => HTTP_STATUS[code] === 401)).toEqual(['unauthorized', 'unlock-failed']);
  });

  it('uses kebab-case codes only', () => {
    for (const code of API_ERROR_CODES) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
