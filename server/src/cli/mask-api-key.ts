/** "abcd…wxyz": enough to recognise a key, too little to use it. Short keys are fully masked. */
export function maskApiKey(apiKey: string): string {
  return apiKey.length >= 12 ? `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}` : '****';
}
