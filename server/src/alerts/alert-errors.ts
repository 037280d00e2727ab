import type { z } from 'zod';
import { UserFacingError } from '../errors/user-facing-error.ts';

const CHANNEL_ID = /^ch_[0-9a-f]{8}$/;

/** No alert channel with that id (`keyaudit notify remove|test`, the dashboard's Alert channels). */
export class AlertChannelNotFoundError extends UserFacingError {
  constructor(id: string) {
    super('alert-channel-not-found', CHANNEL_ID.test(id) ? `No alert channel with id ${JSON.stringify(id)} (keyaudit notify list shows them).` : 'No alert channel with that id (keyaudit notify list shows them).');
    this.name = 'AlertChannelNotFoundError';
  }
}

/**
 * Alert channel settings that do not validate. The message names each field and what it must be, never the value
 * given: it is a webhook URL or a token, a secret even when mistyped.
 */
export class InvalidAlertChannelError extends UserFacingError {
  constructor(problems: string[]) {
    super('invalid-input', `The channel settings are not valid: ${problems.join('; ')}.`);
    this.name = 'InvalidAlertChannelError';
  }

  /** zod's own messages for these schemas quote patterns and types, never the input; unknown keys are counted, not named. */
  static fromZod(error: z.ZodError): InvalidAlertChannelError {
    return new InvalidAlertChannelError(
      error.issues.map((issue) => {
        const path = issue.path.map(String).join('.') || 'settings';
        if (issue.code === 'unrecognized_keys') return `${path}: ${issue.keys.length} unknown field(s)`;
        if (issue.code === 'invalid_union') return `${path}: kind must be one of webhook, slack, discord, telegram, ntfy`;
        return `${path}: ${issue.message.slice(0, 200)}`;
      }),
    );
  }
}
