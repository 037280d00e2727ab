// What the simulator sends for a key: Binance's field names and order, never its secret.
import type { BinanceSeedKey } from './binance-simulator-state.ts';

/** GET /sapi/v1/account/apiRestrictions, in the field order of the docs' example (docs/exchanges/binance.md#calling-key). */
export function restrictionsView(key: BinanceSeedKey) {
  const flag = (name: BinanceSeedKey['permissions'][number]) => key.permissions.includes(name);
  return {
    ipRestrict: key.ipList.length > 0, createTime: key.createdAtMs, enableReading: flag('enableReading'),
    enableWithdrawals: flag('enableWithdrawals'), enableInternalTransfer: flag('enableInternalTransfer'), enableMargin: flag('enableMargin'),
    enableFutures: flag('enableFutures'), permitsUniversalTransfer: flag('permitsUniversalTransfer'), enableVanillaOptions: flag('enableVanillaOptions'),
    enableFixApiTrade: flag('enableFixApiTrade'), enableFixReadOnly: flag('enableFixReadOnly'),
    enableSpotAndMarginTrading: flag('enableSpotAndMarginTrading'), enablePortfolioMarginTrading: flag('enablePortfolioMarginTrading'),
    ...(key.tradingAuthorityExpirationMs ? { tradingAuthorityExpirationTime: key.tradingAuthorityExpirationMs } : {}),
  };
}

/** One item of GET /sapi/v1/sub-account/subAccountApi, in the field order of the SDK fixture (docs/exchanges/binance.md#sub-account-keys). */
export function subAccountKeyView(email: string, key: BinanceSeedKey) {
  const flag = (name: BinanceSeedKey['permissions'][number]) => key.permissions.includes(name);
  return {
    email, apiName: key.apiName, apikey: key.apiKey, canTrade: flag('enableSpotAndMarginTrading'), canMarginLoanRepay: flag('enableMargin'),
    canFuturesTrade: flag('enableFutures'), canUniversalTransfer: flag('permitsUniversalTransfer'), canVanillaOptions: flag('enableVanillaOptions'),
    timestamp: key.createdAtMs,
  };
}

/**
 * GET /sapi/v1/sub-account/subAccountApi/ipRestriction, as the docs' example: `ipRestrict` as a string. A third-party key
 * (status 3) also names its app and lists no IPs; an explicit status is sent only where the seed sets one.
 */
export function ipRestrictionView(key: BinanceSeedKey) {
  const base = { ipRestrict: String(key.ipList.length > 0 || key.thirdPartyName !== undefined), ipList: key.ipList, updateTime: key.createdAtMs, apiKey: key.apiKey };
  if (key.thirdPartyName !== undefined) return { ...base, ipList: [], status: '3', thirdPartyName: key.thirdPartyName };
  return key.ipRestrictionStatus === undefined ? base : { ...base, status: String(key.ipRestrictionStatus) };
}
