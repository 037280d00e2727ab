import { UserFacingError } from '../errors/user-facing-error.ts';

/** No acceptance has this id: revoked meanwhile, edited in policy.json by hand, or never there. */
export class AcceptanceNotFoundError extends UserFacingError {
  constructor() {
    super('acceptance-not-found', 'That accepted risk is no longer in the policy. Reload the list and try again.');
    this.name = 'AcceptanceNotFoundError';
  }
}
