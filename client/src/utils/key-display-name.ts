import { maskApiKey } from '@contract/mask-api-key.ts';

/** The key's label, or its masked id when the exchange has no label for it. */
export function keyDisplayName(key: { label: string; apiKey: string }): string {
  return key.label.trim() || maskApiKey(key.apiKey);
}
