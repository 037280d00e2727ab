import { readSessionToken } from './session-store.ts';

const CHANNEL = 'keyaudit.session';
/** How long a new tab waits for a signed-in tab to answer before asking for a link. */
export const HANDOFF_WAIT_MS = 400;

type HandoffMessage = { type: 'request'; nonce: string } | { type: 'offer'; nonce: string; sessionToken: string };

/**
 * A tab opened from a signed-in one (Ctrl/Cmd-click, a bookmark, a new window) starts with empty sessionStorage. It
 * asks the signed-in tabs of this origin over a BroadcastChannel, which never leaves the browser and reaches only
 * pages of this exact origin (this keyaudit's port): no token ever travels in a URL, a log or the history.
 */
export function answerSessionRequests(): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<HandoffMessage>) => {
    const token = readSessionToken();
    if (event.data?.type === 'request' && typeof event.data.nonce === 'string' && token) {
      channel.postMessage({ type: 'offer', nonce: event.data.nonce, sessionToken: token } satisfies HandoffMessage);
    }
  };
  return () => channel.close();
}

/** The session of another signed-in tab of this origin, or null when none answers within `waitMs`. */
export function requestSessionFromOtherTabs(waitMs = HANDOFF_WAIT_MS): Promise<string | null> {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve(null);
  const channel = new BroadcastChannel(CHANNEL);
  const nonce = crypto.randomUUID();
  return new Promise((resolve) => {
    const finish = (token: string | null) => {
      clearTimeout(timer);
      channel.close();
      resolve(token);
    };
    const timer = setTimeout(() => finish(null), waitMs);
    channel.onmessage = (event: MessageEvent<HandoffMessage>) => {
      const message = event.data;
      if (message?.type === 'offer' && message.nonce === nonce && typeof message.sessionToken === 'string') finish(message.sessionToken);
    };
    channel.postMessage({ type: 'request', nonce } satisfies HandoffMessage);
  });
}
