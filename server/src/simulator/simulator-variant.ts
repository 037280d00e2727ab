/**
 * A simulator's answer variants: documented ways its exchange may answer that keyaudit must handle, such as OKX listing
 * sub-account keys with masked ids. Each simulator names its own variants and their defaults; tests switch them at run
 * time (server/test/adapter-contract.test.ts runs every adapter against each variant of its simulator).
 */
export function createSimulatorVariant<Variant extends object>(defaults: Variant, initial: Partial<Variant> = {}) {
  let current: Variant = { ...defaults, ...initial };
  return {
    get current(): Readonly<Variant> {
      return current;
    },
    /** Merges the given choices into the current ones. */
    set(changes: Partial<Variant>) {
      current = { ...current, ...changes };
    },
    reset() {
      current = { ...defaults };
    },
  };
}

export type SimulatorVariant<Variant extends object> = ReturnType<typeof createSimulatorVariant<Variant>>;
