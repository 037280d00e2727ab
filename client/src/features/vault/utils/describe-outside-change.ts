import type { VaultOutsideChanges } from '@contract/api.ts';

type OutsideSave = NonNullable<VaultOutsideChanges['last']>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a save made in a terminal changed, in one sentence: "… (1 connection added, 2 removed): reloaded." */
export function describeOutsideChange(save: OutsideSave | null): string {
  const parts: string[] = [];
  if (save?.connectionsAdded) parts.push(`${count(save.connectionsAdded, 'connection', 'connections')} added`);
  if (save?.connectionsRemoved) parts.push(parts.length ? `${save.connectionsRemoved} removed` : `${count(save.connectionsRemoved, 'connection', 'connections')} removed`);
  if (save?.connectionsRenamed) parts.push(parts.length ? `${save.connectionsRenamed} renamed` : `${count(save.connectionsRenamed, 'connection', 'connections')} renamed`);
  if (save?.alertChannelsChanged) parts.push('alert channels changed');
  return `The vault was changed outside the dashboard${parts.length ? ` (${parts.join(', ')})` : ''}: reloaded.`;
}

/** Whether what was read from the exchanges is stale: a connection came, went or was renamed. */
export function changesConnections(save: OutsideSave | null): boolean {
  return save === null || save.connectionsAdded + save.connectionsRemoved + save.connectionsRenamed > 0;
}
