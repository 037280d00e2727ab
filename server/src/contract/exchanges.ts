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
  /** The form the value must have, one value of that form, and the sentence saying why a value is not (Coinbase's CDP key names). */
  format?: { pattern: RegExp; example: string; problem: string };
  /** The value spans lines (a PEM private key): a text area in forms. */
  isMultiline?: boolean;
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
  /**
   * 'calling-key-only': the key keyaudit calls with may delete itself, no other master key (Bybit).
   * 'other-keys': the master account's other keys, not the one keyaudit calls with (Deribit's remove_api_key).
   */
  revokeMasterKeys: 'none' | 'calling-key-only' | 'other-keys';
  /**
   * Switching a key off without deleting it, so that it stops working at once and can be switched on again later:
   * 'none' where the API cannot; 'other-keys': the keys of the calling key's own account other than the calling key
   * (Deribit's disable_api_key: a disabled key cannot authenticate, so keyaudit's own key would lock keyaudit out).
   * Where the caller needs more than read access, the adapter says so per key (ExchangeKey.disablability).
   */
  disableKeys: 'none' | 'other-keys';
  /** Narrowing a key's IP whitelist or permissions in place (docs/exchanges/<exchange>.md#key-update). */
  restrict: RestrictAbilities;
};

/** What one kind of key (sub-account or master) can have narrowed through the API. */
export type RestrictDimensions = { ips: boolean; permissions: boolean };

/**
 * What the exchange's key update endpoints let keyaudit narrow, and within which limits. The restriction planner
 * (restriction-plan.ts) reads only this; each adapter's restrictKey sends what the planner decided.
 */
export type RestrictAbilities = {
  subKeys: RestrictDimensions;
  masterKeys: RestrictDimensions;
  /** One sentence: why master keys cannot (all or partly) be narrowed from here; shown with manageKeysUrl. null where nothing is missing. */
  masterKeysWhy: string | null;
  /** Most whitelist entries the exchange accepts on one key. */
  maxIps: number;
  /** Whether an entry may be a network segment ("10.0.0.0/24"). */
  acceptsCidr: boolean;
  acceptsIpv6: boolean;
  /**
   * Permission words (as keyaudit lists them, compared without case) the update endpoint can take away. A word
   * granting something the user drops that is not listed here makes the planner refuse, naming the exchange's page.
   */
  droppableWords: readonly string[];
  /** Gate keeps a dropped group readable: the word it then reports is the word plus this suffix ("spot" → "spot:read_only"). */
  droppedWordSuffix?: string;
  /** Every update must carry the key's whole whitelist (Bybit unbinds, Gate and KuCoin replace): an unread one blocks any update. */
  resendsWhitelist: boolean;
  /** The update takes the changed key's own passphrase (KuCoin), as deletion does. */
  needsKeyPassphrase: boolean;
};

/** For an exchange whose API cannot change a key (or not yet in keyaudit): nothing may be restricted from here. */
export const CANNOT_RESTRICT: RestrictAbilities = {
  subKeys: { ips: false, permissions: false },
  masterKeys: { ips: false, permissions: false },
  masterKeysWhy: null,
  maxIps: 0,
  acceptsCidr: false,
  acceptsIpv6: false,
  droppableWords: [],
  resendsWhitelist: false,
  needsKeyPassphrase: false,
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
      disableKeys: 'none',
      // POST /api/v1/sub/api-key/update replaces both lists and takes the key's own passphrase (docs/exchanges/kucoin.md#key-update).
      restrict: {
        subKeys: { ips: true, permissions: true },
        masterKeys: { ips: false, permissions: false },
        masterKeysWhy: "KuCoin's API changes sub-account keys only; change a master key on KuCoin's API management page.",
        maxIps: 20,
        acceptsCidr: false,
        acceptsIpv6: false,
        // A word left out of the replaced list is gone, so Withdrawal and Transfer can be taken away though the endpoint cannot grant them.
        droppableWords: ['Spot', 'Margin', 'Futures', 'LeadtradeFutures', 'InnerTransfer', 'FlexTransfers', 'Earn', 'Unified', 'Trade', 'Withdrawal', 'Transfer'],
        resendsWhitelist: true,
        needsKeyPassphrase: true,
      },
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
      disableKeys: 'none',
      // Separate IP and permission endpoints, master key only, not for asset-management sub-accounts (docs/exchanges/binance.md#key-update).
      restrict: {
        subKeys: { ips: true, permissions: true },
        masterKeys: { ips: false, permissions: false },
        masterKeysWhy: "Binance's API changes sub-account keys only; change a master key on Binance's API management page.",
        // Binance documents no maximum; 20 is the smallest any exchange here documents (docs/exchanges/binance.md#key-update).
        maxIps: 20,
        acceptsCidr: false,
        acceptsIpv6: false,
        // The permission endpoint's flags; it has none for withdrawals, which Binance never reports for sub-account keys.
        droppableWords: ['canTrade', 'canMarginLoanRepay', 'canFuturesTrade', 'canUniversalTransfer', 'canVanillaOptions'],
        resendsWhitelist: false,
        needsKeyPassphrase: false,
      },
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
      disableKeys: 'none',
      // POST /api/v5/users/subaccount/modify-apikey resets each field passed (docs/exchanges/okx.md#key-update).
      restrict: {
        subKeys: { ips: true, permissions: true },
        masterKeys: { ips: false, permissions: false },
        masterKeysWhy: "OKX's API changes sub-account keys only; change a master key on OKX's API management page.",
        // "Each API key can bind up to 20 IP addresses, which support IPv4/IPv6 and network segment formats."
        maxIps: 20,
        acceptsCidr: true,
        acceptsIpv6: true,
        droppableWords: ['trade'],
        resendsWhitelist: false,
        needsKeyPassphrase: false,
      },
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
      disableKeys: 'none',
      // POST /v5/user/update-sub-api: an update without `ips` unbinds the key (docs/exchanges/bybit.md#key-update).
      restrict: {
        subKeys: { ips: true, permissions: true },
        masterKeys: { ips: false, permissions: false },
        masterKeysWhy: "Bybit's API no longer changes a master key's IP whitelist (since 2026-02-10), and keyaudit changes sub-account keys only; change a master key on Bybit's API management page.",
        // Bybit documents no maximum; 20 is the smallest any exchange here documents (docs/exchanges/bybit.md#key-update).
        maxIps: 20,
        acceptsCidr: false,
        acceptsIpv6: false,
        droppableWords: [
          'ContractTrade:Order', 'ContractTrade:Position', 'Spot:SpotTrade', 'Options:OptionsTrade', 'Derivatives:DerivativesTrade',
          'Wallet:AccountTransfer', 'Wallet:SubMemberTransfer', 'Wallet:SubMemberTransferList', 'Wallet:Withdraw', 'Exchange:ExchangeHistory', 'Earn:Earn',
        ],
        resendsWhitelist: true,
        needsKeyPassphrase: false,
      },
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
      disableKeys: 'none',
      // PUT /sub_accounts/{user_id}/keys/{key} replaces the whole key (docs/exchanges/gate.md#key-update).
      restrict: {
        subKeys: { ips: true, permissions: true },
        masterKeys: { ips: false, permissions: false },
        masterKeysWhy: "Gate's API changes sub-account keys only; change a main-account key on Gate's API management page.",
        // "at most 20 IPs formatted in IPv4 (not supporting IP range though)".
        maxIps: 20,
        acceptsCidr: false,
        acceptsIpv6: false,
        droppableWords: ['spot', 'margin', 'futures', 'delivery', 'options', 'earn', 'wallet', 'withdrawal', 'loan', 'unified', 'copy', 'pilot', 'alpha', 'crossx'],
        droppedWordSuffix: ':read_only',
        resendsWhitelist: true,
        needsKeyPassphrase: false,
      },
    },
    // Gate does not say which permission its sub-account and key listings check (docs/exchanges/gate.md#permissions).
    auditKeyNeeds: {
      permissions: ['account:read_only'],
      why: "Gate lists a main account's keys and sub-accounts to a main-account key without saying which permission it checks: give keyaudit's key Account as Read Only, and no read-write permission.",
      isReadOnly: true,
    },
  },
  deribit: {
    name: 'Deribit',
    credentials: {
      apiKey: { label: 'Client ID', hint: 'A Deribit-generated key; self-generated (asymmetric) keys are not supported.' },
      secret: { label: 'Client Secret' },
      passphrase: null,
    },
    // "Account > API tab" (docs/exchanges/deribit.md#base-urls).
    manageKeysUrl: 'https://www.deribit.com/account/BTC/api',
    apiBaseUrl: 'https://www.deribit.com',
    // The test environment, with its own accounts and keys: https://docs.deribit.com/articles/authentication
    otherApiBaseUrls: ['https://test.deribit.com'],
    api: {
      // private/list_api_keys lists every key of the account: https://docs.deribit.com/api-reference/account-management/private-list_api_keys
      canListOtherMasterKeys: true,
      // private/get_subaccounts names the sub-accounts, but no method lists their keys to the main account's key
      // (docs/exchanges/deribit.md#sub-account-keys): a coverage note names the sub-accounts left unaudited.
      canListSubAccounts: false,
      canListSubAccountKeys: false,
      revokeSubKeys: 'website-only',
      revokeSubKeysNeeds: [],
      // private/remove_api_key deletes a key of the account by id, scope account:read_write:
      // https://docs.deribit.com/api-reference/account-management/private-remove_api_key
      revokeMasterKeys: 'other-keys',
      // private/disable_api_key switches a key of the account off by id, scope account:read_write; it can be enabled again
      // (docs/exchanges/deribit.md#key-deletion): https://docs.deribit.com/api-reference/account-management/private-disable_api_key
      disableKeys: 'other-keys',
      restrict: { ...CANNOT_RESTRICT, masterKeysWhy: "Deribit's API has no endpoint that changes a key's IP whitelist or permissions: narrow keys on Deribit's website." },
    },
    // private/list_api_keys needs scope account:read (docs/exchanges/deribit.md#calling-key).
    auditKeyNeeds: {
      permissions: ['account:read'],
      why: "Deribit lists an account's API keys to a key with the account:read scope; give keyaudit's key account:read and none for trade, wallet and block_trade (deleting keys from keyaudit would need account:read_write).",
      isReadOnly: true,
    },
  },
  coinbase: {
    name: 'Coinbase',
    credentials: {
      apiKey: {
        label: 'API key name',
        hint: 'The CDP key\'s name, organizations/{org_id}/apiKeys/{key_id}, as the Coinbase Developer Platform shows it.',
        // CDP keys only: https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication
        format: {
          pattern: /^organizations\/[A-Za-z0-9-]{1,64}\/apiKeys\/[A-Za-z0-9-]{1,64}$/,
          example: 'organizations/5f0c2b51-6a1c-4a27-9e4c-2c1c2f7b9a10/apiKeys/8d3e7a40-1b2c-4d5e-8f90-a1b2c3d4e5f6',
          problem: 'Coinbase API key names read organizations/{org_id}/apiKeys/{key_id}: Coinbase retired its legacy API keys in February 2025, so create a CDP API key.',
        },
      },
      secret: {
        label: 'API private key',
        hint: 'The EC private key (-----BEGIN EC PRIVATE KEY----- …, or the key file\'s privateKey value on one line) or the Ed25519 private key (base64).',
        isMultiline: true,
      },
      passphrase: null,
    },
    // The CDP portal's API Keys tab: https://docs.cdp.coinbase.com/coinbase-business/introduction/get-started
    manageKeysUrl: 'https://portal.cdp.coinbase.com/access/api',
    apiBaseUrl: 'https://api.coinbase.com',
    otherApiBaseUrls: [],
    api: {
      // GET /api/v3/brokerage/key_permissions describes the calling key only (docs/exchanges/coinbase.md#calling-key).
      canListOtherMasterKeys: false,
      canListSubAccounts: false,
      canListSubAccountKeys: false,
      revokeSubKeys: 'website-only',
      revokeSubKeysNeeds: [],
      revokeMasterKeys: 'none',
      disableKeys: 'none',
      restrict: { ...CANNOT_RESTRICT, masterKeysWhy: "Coinbase's API has no endpoint that changes a key's IP whitelist or permissions: narrow keys on Coinbase's website." },
    },
    // key_permissions needs the View permission: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions
    auditKeyNeeds: {
      permissions: ['can_view'],
      why: "Coinbase's View permission is all a CDP key needs to read its own permissions; grant neither Trade nor Transfer.",
      isReadOnly: true,
    },
  },
  kraken: {
    name: 'Kraken',
    credentials: {
      apiKey: { label: 'API key', hint: 'A Spot API key; Kraken Futures keys do not work here.' },
      secret: { label: 'Private key' },
      passphrase: null,
    },
    // Settings → API: https://docs.kraken.com/exchange/guides/rest/api-keys
    manageKeysUrl: 'https://www.kraken.com/u/security/api',
    apiBaseUrl: 'https://api.kraken.com',
    otherApiBaseUrls: [],
    api: {
      // GetApiKeyInfo's lastUsed: null when never used (docs/exchanges/kraken.md#calling-key).
      reportsLastUse: true,
      // POST /0/private/GetApiKeyInfo shows the calling key only; nothing lists, deletes or edits keys (docs/exchanges/kraken.md#key-deletion).
      canListOtherMasterKeys: false,
      canListSubAccounts: false,
      canListSubAccountKeys: false,
      revokeSubKeys: 'website-only',
      revokeSubKeysNeeds: [],
      revokeMasterKeys: 'none',
      disableKeys: 'none',
      restrict: { ...CANNOT_RESTRICT, masterKeysWhy: "Kraken's API has no endpoint that changes a key's IP allowlist or permissions: narrow keys on Kraken's website." },
    },
    // "API Key Permissions Required: None" (docs/exchanges/kraken.md#calling-key).
    auditKeyNeeds: {
      permissions: [],
      why: 'Kraken lets any key read its own details, so keyaudit needs no permission at all: give its key none (Query Funds at most).',
      isReadOnly: true,
    },
  },
  bitget: {
    name: 'Bitget',
    credentials: {
      apiKey: { label: 'API key', hint: 'A system-generated (HMAC) key of a classic account; RSA keys and unified trading accounts are not supported.' },
      secret: { label: 'Secret key' },
      passphrase: { label: 'Passphrase', hint: NOT_LOGIN_PASSWORD },
    },
    manageKeysUrl: 'https://www.bitget.com/account/newapi',
    apiBaseUrl: 'https://api.bitget.com',
    otherApiBaseUrls: [],
    api: {
      // The calling key, and each virtual sub-account's keys through an IP-bound main key (docs/exchanges/bitget.md#sub-accounts);
      // no classic-account key is deleted by API (#key-deletion).
      canListOtherMasterKeys: false,
      canListSubAccounts: true,
      canListSubAccountKeys: true,
      revokeSubKeys: 'website-only',
      revokeSubKeysNeeds: [],
      revokeMasterKeys: 'none',
      disableKeys: 'none',
      restrict: { ...CANNOT_RESTRICT, masterKeysWhy: "keyaudit does not change Bitget keys: narrow them on Bitget's API management page." },
    },
    // No endpoint keyaudit reads needs a write permission; the sub-account lists want a main-account key bound to an IP
    // (docs/exchanges/bitget.md#calling-key, #sub-accounts).
    auditKeyNeeds: {
      permissions: ['readonly'],
      why: "Bitget's Read-only permission is all keyaudit needs; bind the main-account key to this machine's IP address so Bitget also lists its virtual sub-accounts' keys. Grant nothing else.",
      isReadOnly: true,
    },
  },
  htx: {
    name: 'HTX',
    credentials: {
      apiKey: { label: 'Access key' },
      secret: { label: 'Secret key' },
      passphrase: null,
    },
    manageKeysUrl: 'https://www.htx.com/en-us/apikey/',
    apiBaseUrl: 'https://api.huobi.pro',
    // "optimized for AWS client": https://huobiapi.github.io/docs/spot/v1/en/#frequently-asked-questions
    otherApiBaseUrls: ['https://api-aws.huobi.pro'],
    api: {
      // GET /v2/user/api-key without accessKey lists every key of the UID (docs/exchanges/htx.md#calling-key).
      canListOtherMasterKeys: true,
      canListSubAccounts: true,
      canListSubAccountKeys: true,
      revokeSubKeys: 'api',
      // POST /v2/sub-user/api-key-deletion: "API Key Permission：Trade" (docs/exchanges/htx.md#key-deletion).
      revokeSubKeysNeeds: ['trade'],
      revokeMasterKeys: 'none',
      disableKeys: 'none',
      restrict: { ...CANNOT_RESTRICT, masterKeysWhy: "keyaudit does not change HTX keys yet (HTX's sub-user key modification endpoint is not built in): narrow them on HTX's API management page." },
    },
    // Every endpoint keyaudit reads needs "API Key Permission: Read" (docs/exchanges/htx.md#sub-accounts).
    auditKeyNeeds: {
      permissions: ['readOnly'],
      why: "HTX's Read permission lets a parent user's key read its own keys, its sub users and their keys; grant nothing else (deleting sub users' keys from keyaudit would also need Trade).",
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
  // Only non-secret fields have a format to check here: a secret is never matched against, nor quoted in, a message.
  const malformed = fields.find(({ field, format, isSecret }) => format && !isSecret && !format.pattern.test((values[field] ?? '').trim()));
  if (malformed?.format) return malformed.format.problem;
  return null;
}
