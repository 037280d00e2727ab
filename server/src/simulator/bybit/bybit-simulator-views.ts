// How the simulator shows its keys and sub-accounts: the field order and quirks of the docs' examples
// (docs/v5/user/apikey-info.mdx, list-sub-apikeys.mdx, page-subuid.mdx).
import type { BybitKeyOwner, BybitSeedKey, BybitSeedSubAccount, BybitSimulatorState } from './bybit-simulator-state.ts';

const DAY_MS = 86_400_000;
const MASTER_GROUPS = ['ContractTrade', 'Spot', 'Wallet', 'Options', 'Derivatives', 'CopyTrading', 'BlockTrade', 'Exchange', 'NFT',
  'Affiliate', 'Earn', 'FiatP2P', 'FiatConvertBroker', 'FiatGlobalPay', 'FiatBitPay', 'BitCard', 'ByXPost'];
const SUB_GROUPS = ['ContractTrade', 'Spot', 'Wallet', 'Options', 'Derivatives', 'CopyTrading', 'BlockTrade', 'Exchange', 'NFT', 'Affiliate', 'Earn'];

/** Seconds-precision ISO, as Bybit writes it: "2023-08-25T06:42:39Z". */
const bybitDate = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Every group of the docs' example, empty unless the key has words in it. */
function permissionsView(key: BybitSeedKey, groups: readonly string[]) {
  const view: Record<string, string[]> = Object.fromEntries(groups.map((group) => [group, []]));
  for (const [group, words] of Object.entries(key.permissions)) view[group] = [...words];
  return view;
}

function expiryView(key: BybitSeedKey, state: BybitSimulatorState) {
  const expiresAtMs = state.expiresAtMs(key);
  if (expiresAtMs === null) return { status: 1, expiredAt: '1970-01-01T00:00:00Z', deadlineDay: -2 };
  const remainingMs = expiresAtMs - state.nowMs();
  const status = remainingMs <= 0 ? 2 : remainingMs < 7 * DAY_MS ? 4 : 3;
  return { status, expiredAt: bybitDate(expiresAtMs), deadlineDay: Math.max(0, Math.floor(remainingMs / DAY_MS)) };
}

/** GET /v5/user/query-api: readOnly as 0/1. */
export function callingKeyView(owner: BybitKeyOwner, state: BybitSimulatorState) {
  const { key } = owner;
  const isMaster = owner.account.kind === 'master';
  const { expiredAt, deadlineDay } = expiryView(key, state);
  return {
    id: idOf(key), note: key.note, apiKey: key.apiKey, readOnly: key.readOnly ? 1 : 0, secret: '',
    permissions: permissionsView(key, isMaster ? MASTER_GROUPS : SUB_GROUPS), ips: [...key.ips], type: key.type ?? 1, deadlineDay, expiredAt,
    createdAt: bybitDate(key.createdAtMs), unified: 0, uta: 1, userID: Number(owner.uid), inviterID: 0, vipLevel: 'No VIP', mktMakerLevel: '0',
    affiliateID: 0, rsaPublicKey: '', isMaster, parentUid: isMaster ? '0' : state.masterUid(), kycLevel: 'LEVEL_1', kycRegion: 'SGP',
  };
}

/** One item of GET /v5/user/sub-apikeys: readOnly as a boolean (true = read only here, by the field's name). */
export function subApiKeyView(key: BybitSeedKey, state: BybitSimulatorState) {
  const { status, expiredAt, deadlineDay } = expiryView(key, state);
  return {
    id: idOf(key), ips: [...key.ips], apiKey: key.apiKey, note: key.note, status, expiredAt, createdAt: bybitDate(key.createdAtMs),
    type: key.type ?? 1, permissions: permissionsView(key, SUB_GROUPS), secret: '******', readOnly: key.readOnly, deadlineDay, flag: 'hmac',
  };
}

/** One item of GET /v5/user/submembers. */
export function subMemberView(sub: BybitSeedSubAccount) {
  return { uid: sub.uid, username: sub.username, memberType: sub.memberType ?? 1, status: 1, remark: sub.remark, accountMode: 5 };
}

/** A stable, numeric-looking internal id. */
function idOf(key: BybitSeedKey): string {
  let hash = 0;
  for (const char of key.apiKey) hash = (hash * 31 + char.charCodeAt(0)) % 90_000_000;
  return String(10_000_000 + hash);
}
