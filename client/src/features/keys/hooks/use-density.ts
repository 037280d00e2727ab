import { useState } from 'react';

export type Density = 'compact' | 'comfortable';

/** Beyond this many keys the table starts compact: a fund's hundreds of keys need rows, not air. */
export const COMPACT_AFTER_KEYS = 50;
const STORAGE_KEY = 'keyaudit.density';

function readChosen(): Density | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'compact' || value === 'comfortable' ? value : null;
  } catch {
    return null;
  }
}

/** The table's row density: what the user chose last (kept in this browser), else compact for many keys. */
export function useDensity(keyCount: number): [Density, (density: Density) => void] {
  const [chosen, setChosen] = useState<Density | null>(readChosen);
  const choose = (density: Density) => {
    setChosen(density);
    try {
      localStorage.setItem(STORAGE_KEY, density);
    } catch {
      // Private mode without storage: the choice lasts as long as the page.
    }
  };
  return [chosen ?? (keyCount > COMPACT_AFTER_KEYS ? 'compact' : 'comfortable'), choose];
}
