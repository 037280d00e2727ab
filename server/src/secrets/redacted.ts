import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * Holds a secret so that printing, JSON-encoding, string interpolation or util.inspect
 * of it (or of any object holding it, such as an error) yields "[redacted]".
 * Only signers call reveal().
 */
export class Redacted {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export function redact(value: string): Redacted {
  return new Redacted(value);
}
