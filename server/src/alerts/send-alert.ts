import type { AlertWebhook } from '@contract/alert-webhook.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import type { AlertChannel } from './alert-channel.ts';
import { buildAlertRequest } from './alert-request.ts';

export type AlertDelivery =
  | { channelId: string; ok: true; attempts: number; status: number }
  /** `reason` is safe to show and log: a status or a kind of failure, never the URL (it holds the secret). */
  | { channelId: string; ok: false; attempts: number; reason: string };

export type SendOptions = {
  transport: HttpTransport;
  sleep?: (ms: number) => Promise<void>;
  /** Tries per message, the first included. */
  maxAttempts?: number;
  /** First wait between tries; doubled each time. A Retry-After the service sends wins, capped at maxWaitMs. */
  baseDelayMs?: number;
  maxWaitMs?: number;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as RFC 9110 allows; Telegram puts it in parameters.retry_after instead. */
function retryAfterMs(headers: Record<string, string>, body: string, nowMs: number): number | null {
  const header = headers['retry-after'];
  if (header !== undefined) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  try {
    const seconds = JSON.parse(body)?.parameters?.retry_after;
    return typeof seconds === 'number' ? seconds * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Delivers one message to one channel: retried with backoff on a network failure, a 5xx or a 429, a bounded
 * number of times; any other answer is final. Never throws: an alert that cannot be sent is recorded and shown,
 * and never fails the audit that raised it.
 */
export async function sendAlert(channel: AlertChannel, alert: AlertWebhook, { transport, sleep = realSleep, maxAttempts = 4, baseDelayMs = 2_000, maxWaitMs = 60_000 }: SendOptions): Promise<AlertDelivery> {
  const request = buildAlertRequest(channel.config, alert);
  let reason = 'not sent';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let wait = baseDelayMs * 2 ** (attempt - 1);
    try {
      const response = await transport(request);
      if (response.status >= 200 && response.status < 300) return { channelId: channel.id, ok: true, attempts: attempt, status: response.status };
      reason = `the service answered HTTP ${response.status}`;
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable) return { channelId: channel.id, ok: false, attempts: attempt, reason };
      wait = retryAfterMs(response.headers, response.body, Date.now()) ?? wait;
    } catch (error) {
      // fetch's errors can quote the URL, which holds the channel's secret: keep only the kind.
      reason = error instanceof DOMException && error.name === 'TimeoutError' ? 'the service did not answer in time' : 'the service could not be reached';
    }
    if (attempt < maxAttempts) await sleep(Math.min(wait, maxWaitMs));
  }
  return { channelId: channel.id, ok: false, attempts: maxAttempts, reason: `${reason} (tried ${maxAttempts} times)` };
}
