const MASK = '…';

/** "abcd…wxyz": enough to recognise a key, not enough to copy it. Already-masked keys pass through. */
export function maskApiKey(apiKey: string): string {
  if (apiKey.includes(MASK)) return apiKey;
  if (apiKey.length <= 8) return MASK + apiKey.slice(-2);
  return apiKey.slice(0, 4) + MASK + apiKey.slice(-4);
}
