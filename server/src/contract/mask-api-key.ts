export const API_KEY_MASK = '…';

/**
 * How an API key is shown wherever it must not be shown whole (the connection's own key, the CLI,
 * logs): "abcd…wxyz", enough to recognise a key, too little to use it. Keys under 12 characters
 * show nothing but the mask; keys that are already masked pass through unchanged.
 */
export function maskApiKey(apiKey: string): string {
  if (apiKey.includes(API_KEY_MASK)) return apiKey;
  return apiKey.length < 12 ? API_KEY_MASK : `${apiKey.slice(0, 4)}${API_KEY_MASK}${apiKey.slice(-4)}`;
}
