import { readFileSync } from 'node:fs';
import { CAPABILITIES, type Capability } from '@contract/capability.ts';

/** One row of a permission table in docs/exchanges/<exchange>.md: the exchange's words and what keyaudit maps them to. */
export type DocumentedMapping = { words: string[]; capabilities: Capability[]; isUncertain: boolean };

/**
 * Reads the permission table of docs/exchanges/<exchange>.md whose header row starts with `header`: words in backticks in
 * the first column, capabilities comma-separated in the second, "yes…" in the third when the mapping is certain. The docs
 * are the list the normalizer must follow, so a malformed or missing table fails the test rather than shrinking it.
 */
export function readDocumentedPermissions(exchange: string, header: string): DocumentedMapping[] {
  const lines = readFileSync(new URL(`../../../docs/exchanges/${exchange}.md`, import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  if (start < 0) throw new Error(`docs/exchanges/${exchange}.md has no table headed "${header}"`);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [first = '', second = '', third = ''] = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const words = [...first.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    const capabilities = second.split(',').map((word) => word.trim());
    const unknown = capabilities.filter((capability) => !(CAPABILITIES as readonly string[]).includes(capability));
    if (words.length === 0 || unknown.length > 0) throw new Error(`Unreadable row in docs/exchanges/${exchange}.md: ${line}`);
    rows.push({ words, capabilities: capabilities as Capability[], isUncertain: !/^yes\b/i.test(third) });
  }
  if (rows.length === 0) throw new Error(`The table "${header}" in docs/exchanges/${exchange}.md is empty`);
  return rows;
}
