import { UserFacingError } from '../errors/user-facing-error.ts';

/** Revoking keys and changing connections need the vault passphrase entered recently (docs/security-model.md#recent-passphrase). */
export class ReauthRequiredError extends UserFacingError {
  constructor(action: string) {
    super('reauth-required', `Enter the vault passphrase again to ${action}.`);
    this.name = 'ReauthRequiredError';
  }
}

/** The demo has simulated connections only: there is nothing of the user's to add, rename or remove. */
export class DemoModeError extends UserFacingError {
  constructor() {
    super('demo-mode', 'Demo mode has no connections to manage. Create a vault to add your own.');
    this.name = 'DemoModeError';
  }
}
