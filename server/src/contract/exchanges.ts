import { EXCHANGE_IDS, type ExchangeId } from './exchange-id.ts';
import type { Revocability } from './audited-key.ts';

/**
 * Everything keyaudit knows about an exchange that is not its wire protocol, in one row per exchange:
 * what to ask the user for, where the exchange's pages and API live, and what its API lets keyaudit do.
 * Server, CLI and client read it from here; no other file names these facts. Adding an exchange is one
 * row here plus its adapter and simulator folders (server/src/exchanges/README.md).
 */

export const CREDENTIAL_FIELDS = ['apiKey', 'secret', 'passphrase'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

/** Whether a field is secret (never echoed, stored only in the vault) is a property of the field, not of the exchange. */
const IS_SECRET: Readonly<Record<CredentialField, boolean>> = { apiKey: false, secret: true, passphrase: true };

/** How one credential is asked for, in the words of the exchange's API management page. */
export type CredentialFieldText = {
  label: string;
  /** A short note where the exchange's wording misleads, e.g. KuCoin's "API passphrase" is not the login password. */
  hint?: string;
};

/** Something the calling master key must itself have before the exchange lets it delete sub-account keys. */
export type MasterKeyNeed = 'trade' | 'ip-whitelist' | 'transfer-or-withdraw' | 'write-access';

/** What the exchange's API lets keyaudit do. Each adapter implements exactly this (server/test/adapter-contract.test.ts checks it). */
export type ExchangeApiAbilities = {
  /** The master account's keys other than the one keyaudit calls with. Where false, the API cannot see them at all. */
  canListOtherMasterKeys: boolean;
  /** The key listing says when each key was last used (a key never used has none); absent: it does not say. */
  reportsLastUse?: boolean;
  /** The sub-accounts of a master account. */
  canListSubAccounts: boolean;
  /** Each sub-account's keys, through the master key. */
  canListSubAccountKeys: boolean;
  /**
   * How the master key deletes a sub-account key: 'api', 'api-needs-key-passphrase' (the deleted key's own
   * passphrase, KuCoin) or 'website-only'. Conditions on the master key itself are in revokeSubKeysNeeds.
   */
  revokeSubKeys: Revocability['how'];
  /**
   * What the master key needs for revokeSubKeys to work (OKX: Trade and an IP whitelist). The exchange's normalizer
   * checks them against the calling key at every audit; the Connections form tells the user before the key is added.
   */
  revokeSubKeysNeeds: readonly MasterKeyNeed[];
  /** 'calling-key-only': the key keyaudit calls with may delete itself, no other master key (Bybit). */
  revokeMasterKeys: 'none' | 'calling-key-only';
  /**
   * Editing a key's IP whitelist or permissions. Not built yet: false everywhere until a later issue
   * implements it, even where the exchange's API could (OKX and Gate can change a sub-account key's IP whitelist).
   */
  canRestrictSubKeys: boolean;
  canRestrictMasterKeys: boolean;
};

/**
 * What the key keyaudit signs with must hold for a full audit (docs/exchanges/<exchange>.md#sub-accounts names each
 * exchange's requirement). Failure messages quote it, and audit-key-too-powerful never counts these words against the key.
 */
export type AuditKeyNeeds = {
  /** Permission words exactly as keyaudit lists them from the exchange's answers (its API words, e.g. Bybit's "Wallet:AccountTransfer"). */
  permissions: readonly string[];
  /** One sentence for the user: what to grant on the exchange's API page, in the page's own labels, and why. */
  why: string;
  /** Whether those permissions only read: false where the exchange wants more for an audit (Bybit's Account Transfer). */
  isReadOnly: boolean;
};

export type ExchangeInfo = {
  /** How the exchange is named in every sentence keyaudit prints. */
  name: string;
  /** null: the exchange's keys have no passphrase, and keyaudit refuses one. */
  credentials: { apiKey: CredentialFieldText; secret: CredentialFieldText; passphrase: CredentialFieldText | null };
  /** The exchange's API management page, where keys are deleted that the API cannot delete. */
  manageKeysUrl: string;
  /** The real API host, used unless a connection names its own base URL. */
  apiBaseUrl: string;
  /** Other official hosts (regional, or the exchange's alternatives) a user may name as a connection's base URL. */
  otherApiBaseUrls: readonly string[];
  api: ExchangeApiAbilities;
  auditKeyNeeds: AuditKeyNeeds;
};

const NOT_LOGIN_PASSWORD = 'The passphrase you chose when creating this API key, not your login or trading password.';
const HMAC_KEYS_ONLY = 'A system-generated (HMAC) key; keys made from your own RSA or Ed25519 key pair are not supported.';
const NOT_YET_RESTRICTING = { canRestrictSubKeys: false, canRestrictMasterKeys: false } as const;

const EXCHANGES = {
  kucoin: {
    name: 'KuCoin',
    credentials: {
      apiKey: { label: 'API key' },
      secret: { label: 'API secret' },
      passphrase: { label: 'API passphrase', hint: NOT_LOGIN_PASSWORD },
    },
    manageKeysUrl: 'https://www.kucoin.com/account/api',
    apiBaseUrl: 'https://api.kucoin.com',
    otherApiBaseUrls: [],
    api: {
      canListOtherMasterKeys: false,
      canListSubAccounts: true,
      canListSubAccountKeys: true,
      // DELETE /api/v1/sub/api-key takes the deleted key's own passphrase: https://www.kucoin.com/docs-new/api-3470137
      revokeSubKeys: 'api-needs-key-passphrase',
      revokeSubKeysNeeds: [],
      revokeMasterKeys: 'none',
      ...NOT_YET_RESTRICTING,
    },
    // Every key endpoint keyaudit calls needs General (docs/exchanges/kucoin.md#sub-account-keys).
    auditKeyNeeds: {
      permissions: ['General'],
      why: "KuCoin's General permission is read-only and lets a master key read itself, its sub-accounts and their keys; grant nothing else.",
      isReadOnly: true,
    },
  },
  binance: {
    name: 'Binance',
    credentials: {
      apiKey: { label: 'API key', hint: HMAC_KEYS_ONLY },
      secret: { label: 'Secret key' },
      passphrase: null,
    },
    manageKeysUrl: 'https://www.binance.com/en/my/settings/api-management',
    apiBaseUrl: 'https://api.binance.com',
    // "General API Information": https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
    otherApiBaseUrls: ['https://api-gcp.binance.com', 'https://api1.binance.com', 'https://api2.binance.com', 'https://api3.binance.com', 'https://api4.binance.com'],
    api: {
      canListOtherMasterKeys: false,
      canListSubAccounts: true,
      canListSubAccountKeys: true,
      revokeSubKeys: 'api',
      revokeSubKeysNeeds: [],
      revokeMasterKeys: 'none',
      ...NOT_YET_RESTRICTING,
    },
    // The sub-account listings are USER_DATA reads (docs/exchanges/binance.md#sub-account-keys).
    auditKeyNeeds: {
      permissions: ['enableReading'],
      why: "Binance's Enable Reading is all a master key needs to read itself, its sub-accounts and their keys; grant nothing else.",
      isReadOnly: true,
    },
  },
  okx: {
    name: 'OKX',
    credentials: {
      apiKey: { label: 'API key' },
      secret: { label: 'Secret key', hint: 'Not the passphrase: OKX shows the secret key once, when the API key is created.' },
      passphrase: { label: 'Passphrase', hint: NOT_LOGIN_PASSWORD },
    },
    manageKeysUrl: 'https://www.okx.com/account/my-api',
    apiBaseUrl: 'https://www.okx.com',
    // Accounts registered with OKX US or OKX EEA answer only on their own host: https://www.okx.com/docs-v5/en/#overview
    otherApiBaseUrls: ['https://us.okx.com', 'https://eea.okx.com'],
    api: {
      canListOtherMasterKeys: false,
      canListSubAccounts: true,
      canListSubAccountKeys: true,
      revokeSubKeys: 'api',
      // Delete sub-account API key: permission Trade, "master accounts API Key must be linked to IP addresses".
      // https://www.okx.com/docs-v5/en/#sub-account-rest-api
      revokeSubKeysNeeds: ['trade', 'ip-whitelist'],
      revokeMasterKeys: 'none',
      ...NOT_YET_RESTRICTING,
    },
    // Sub-account list and sub-account keys: permission Read (docs/exchanges/okx.md#sub-account-keys).
    auditKeyNeeds: {
      permissions: ['read_only'],
      why: "OKX's Read permission lets a master key read its sub-accounts and their keys; grant nothing else (deleting sub-account keys from keyaudit would also need Trade and an IP whitelist).",
      isReadOnly: true,
    },
  },
  bybit: {
    name: 'Bybit',
    credentials: {
      apiKey: { label: 'API key', hint: HMAC_KEYS_ONLY },
      secret: { label: 'API secret' },
      passphrase: null,
    },
    manageKeysUrl: 'https://www.bybit.com/app/user/api-management',
    apiBaseUrl: 'https://api.bybit.com',
    // https://bybit-exchange.github.io/docs/v5/guide
    otherApiBaseUrls: ['https://api.bytick.com'],
    api: {
      canListOtherMasterKeys: false,
      canListSubAccounts: true,
      canListSubAccountKeys: true,
      revokeSubKeys: 'api',
      // Account Transfer, Subaccount Transfer or Withdrawal, on a key that is not read-only:
      // https://bybit-exchange.github.io/docs/v5/user/rm-sub-apikey
      revokeSubKeysNeeds: ['transfer-or-withdraw', 'write-access'],
      revokeMasterKeys: 'calling-key-only',
      ...NOT_YET_RESTRICTING,
    },
    // GET /v5/user/submembers: master key with Account Transfer, Subaccount Transfer or Withdrawal (docs/exchanges/bybit.md#sub-accounts).
    auditKeyNeeds: {
      permissions: ['Wallet:AccountTransfer'],
      why: "Bybit lists sub-accounts only to a master key with Account Transfer, Subaccount Transfer or Withdrawal permission: give keyaudit's key Account Transfer, the least of them (it moves funds only between your own accounts), and keep the key Read-Only.",
      isReadOnly: false,
    },
  },
  gate: {
    name: 'Gate',
    credentials: {
      apiKey: { label: 'API key', hint: 'An APIv4 key: APIv2 keys do not work.' },
      secret: { label: 'API secret' },
      passphrase: null,
    },
    // "[account management] -> [APIv4 keys]" (Gate docs, "Generate API key").
    manageKeysUrl: 'https://www.gate.com/myaccount/apiv4keys',
    apiBaseUrl: 'https://api.gateio.ws',
    otherApiBaseUrls: [],
    api: {
      // GET /account/main_keys lists the main account's keys, with their last access: https://www.gate.com/docs/developers/apiv4/en
      canListOtherMasterKeys: true,
      // last_access, the key's last use: docs/exchanges/gate.md (reported by Gate alone among these exchanges).
      reportsLastUse: true,
      canListSubAccounts: true,
      canListSubAccountKeys: true,
      revokeSubKeys: 'api',
      revokeSubKeysNeeds: [],
      revokeMasterKeys: 'none',
      ...NOT_YET_RESTRICTING,
    },
    // Gate does not say which permission its sub-account and key listings check (docs/exchanges/gate.md#permissions).
    auditKeyNeeds: {
      permissions: ['account:read_only'],
      why: "Gate lists a main account's keys and sub-accounts to a main-account key without saying which permission it checks: give keyaudit's key Account as Read Only, and no read-write permission.",
      isReadOnly: true,
    },
  },
} satisfies Record<ExchangeId, ExchangeInfo>;

/** The row of one exchange. Typed as the general ExchangeInfo, so code reading it handles every value a row may hold. */
export function exchangeInfo(exchange: ExchangeId): ExchangeInfo {
  return EXCHANGES[exchange];
}

/** "KuCoin", "OKX", … by exchange id. */
export const EXCHANGE_NAMES: Readonly<Record<ExchangeId, string>> = Object.fromEntries(
  EXCHANGE_IDS.map((id) => [id, EXCHANGES[id].name]),
) as Record<ExchangeId, string>;

export type CredentialFieldInfo = CredentialFieldText & { field: CredentialField; isSecret: boolean };

/** The credentials an exchange's keys consist of, in the order to ask for them. */
export function credentialFieldsOf(exchange: ExchangeId): CredentialFieldInfo[] {
  const { credentials } = EXCHANGES[exchange] as ExchangeInfo;
  return CREDENTIAL_FIELDS.flatMap((field) => {
    const text = credentials[field];
    return text ? [{ field, ...text, isSecret: IS_SECRET[field] }] : [];
  });
}

/**
 * Why `values` do not hold exactly the exchange's credentials, in one sentence naming the field; null when they
 * do. A needed field must be non-blank; a field the exchange does not have must be absent. Used wherever
 * credentials come in: the CLI's prompts and stdin JSON, its import, and the HTTP API.
 */
export function credentialFieldsProblem(exchange: ExchangeId, values: Partial<Record<CredentialField, string>>): string | null {
  const fields = credentialFieldsOf(exchange);
  const name = EXCHANGES[exchange].name;
  const missing = fields.find(({ field }) => (values[field] ?? '').trim() === '');
  if (missing) return `${name} API keys need "${missing.field}" (${missing.label}).`;
  const extra = CREDENTIAL_FIELDS.find((field) => values[field] !== undefined && !fields.some((info) => info.field === field));
  if (extra) return `${name} API keys have no ${extra}: leave "${extra}" out.`;
  return null;
}
