import type { GrantedCapability } from '@contract/capability.ts';
import { dangerOf } from './capability-danger.ts';

type PermissionChipsProps = {
  /** Permission words exactly as the exchange reported them. */
  permissions: readonly string[];
  capabilities: readonly GrantedCapability[];
};

type Chip = { word: string; granted: GrantedCapability[] };

/**
 * One chip per raw permission word, coloured by the worst capability it grants; the normalized
 * capabilities are in the tooltip. Capabilities derived from something other than a listed word get a chip too.
 */
export function PermissionChips({ permissions, capabilities }: PermissionChipsProps) {
  const chips = toChips(permissions, capabilities);
  if (chips.length === 0) return <span className="muted">None reported</span>;
  return (
    <ul className="chips" aria-label="Permissions">
      {chips.map((chip) => {
        const isUncertain = chip.granted.some((granted) => granted.isUncertain);
        const danger = dangerOf(chip.granted.map((granted) => granted.capability));
        return (
          <li key={chip.word} className={`chip chip-${danger}`} title={describeChip(chip)}>
            {chip.word}
            {isUncertain && (
              <>
                <span className="chip-uncertain" aria-hidden="true">?</span>
                <span className="visually-hidden"> (mapping uncertain)</span>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function toChips(permissions: readonly string[], capabilities: readonly GrantedCapability[]): Chip[] {
  const chips: Chip[] = permissions.map((word) => ({
    word,
    granted: capabilities.filter((granted) => granted.from === word),
  }));
  for (const granted of capabilities) {
    if (!permissions.includes(granted.from) && !chips.some((chip) => chip.word === granted.capability)) {
      chips.push({ word: granted.capability, granted: capabilities.filter((c) => c.capability === granted.capability) });
    }
  }
  return chips;
}

function describeChip(chip: Chip): string {
  if (chip.granted.length === 0) return `${chip.word}: not mapped to a known capability`;
  const names = chip.granted.map((granted) => granted.capability).join(', ');
  const uncertain = chip.granted.some((granted) => granted.isUncertain)
    ? ' (uncertain: the exchange does not document this mapping)'
    : '';
  return `${chip.word} → ${names}${uncertain}`;
}
