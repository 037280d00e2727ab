import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CAPABILITIES } from '@contract/capability.ts';
import type { GrantedCapability } from '@contract/capability.ts';
import type { ExchangeId } from '@contract/exchange-id.ts';

/** Test support: the permission table of docs/exchanges/<exchange>.md#permissions, which the normalizers are held to. */

export type DocumentedPermission = {
  /** The words of one row, as the exchange writes them (backticked in the first column). */
  words: string[];
  /** What they grant, "capability" or "capability?" for an inference, in the table's order. */
  capabilities: string[];
};

const CAPABILITY_CELL = new RegExp(`^(${CAPABILITIES.join('|')})\\??$`);

/** The rows of the first table under "## Permissions"; throws when the table is missing or a cell is malformed. */
export function readDocumentedPermissions(exchange: ExchangeId): DocumentedPermission[] {
  const path = fileURLToPath(new URL(`../../../docs/exchanges/${exchange}.md`, import.meta.url));
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.indexOf('## Permissions');
  const tableStart = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  if (start < 0 || tableStart < 0 || lines.slice(start + 1, tableStart).some((line) => line.startsWith('#'))) {
    throw new Error(`${path} has no table under "## Permissions"`);
  }
  const rows: string[] = [];
  // The header row and its |---| line first, then one row per line until the table ends.
  for (let index = tableStart + 2; lines[index]?.startsWith('|'); index += 1) rows.push(lines[index]!);
  return rows.map((row) => {
    const [wordCell = '', capabilityCell = ''] = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const words = [...wordCell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    const capabilities = capabilityCell.split(',').map((cell) => cell.trim()).filter((cell) => cell !== '');
    if (words.length === 0 || capabilities.length === 0 || !capabilities.every((cell) => CAPABILITY_CELL.test(cell))) {
      throw new Error(`${path}: a permission row needs backticked words and known capabilities: ${row}`);
    }
    return { words, capabilities };
  });
}

/** Grants in the table's notation: "trade-margin?" for an uncertain one. */
export function asDocumented(grants: readonly GrantedCapability[]): string[] {
  return grants.map((grant) => `${grant.capability}${grant.isUncertain ? '?' : ''}`);
}

/** Words no exchange uses, with what an unknown word must count as: moving funds where its name says so, never nothing. */
export const UNKNOWN_WORDS: readonly [word: string, documented: string][] = [
  ['QuantumLeap', 'other?'],
  ['InstantWithdraw', 'transfer-external?'],
  ['PayoutOrder', 'transfer-external?'],
  ['P2PRelease', 'transfer-external?'],
];
