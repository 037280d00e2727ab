import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { ApiErrorCode } from '@contract/api-error-code.ts';
import { ApiRequestError, callApi } from './api-client.ts';
import {
  endSession,
  getSessionState,
  readSessionToken,
  saveSessionToken,
  setSessionState,
  subscribeToSession,
  type SessionState,
} from './session-store.ts';
import { answerSessionRequests, requestSessionFromOtherTabs } from './session-handoff.ts';
import { lastSessionRequestAt } from './session-activity.ts';
import { watchSessionIdle } from './watch-session-idle.ts';

/**
 * Session bootstrap: the terminal prints `http://127.0.0.1:<port>/#t=<launchToken>`; the page trades that
 * single-use launch token for a session token (docs/security-model.md#launch-token). Call once per page load;
 * a link pasted later into the same tab (a hashchange) is traded the same way, and a tab without either asks
 * the signed-in tabs of this origin for their session (session-handoff.ts).
 */
export async function startSession(win: Window = window): Promise<void> {
  const launchToken = takeLaunchToken(win);
  if (!launchToken) {
    if (readSessionToken()) setSessionState({ status: 'active' });
    else {
      const handedOver = await requestSessionFromOtherTabs();
      if (handedOver && !readSessionToken()) saveSessionToken(handedOver);
      else if (!readSessionToken()) endSession('no-link');
    }
    return;
  }
  setSessionState({ status: 'starting' });
  try {
    const { sessionToken } = await callApi(apiRoutes.createSession, { body: { launchToken } });
    saveSessionToken(sessionToken);
  } catch (error) {
    // An already-used link opened again in a tab that still holds a session: keep that session.
    if (readSessionToken()) {
      setSessionState({ status: 'active' });
      return;
    }
    const isUnreachable = error instanceof ApiRequestError && error.status === 0;
    endSession(isUnreachable ? 'unreachable' : 'link-rejected');
  }
}

/** Trades a link pasted into this tab later, and answers other tabs asking for the session. Call once per page. */
export function listenForSessionChanges(win: Window = window): () => void {
  const onHashChange = () => {
    if (new URLSearchParams(win.location.hash.replace(/^#/, '')).has('t')) void startSession(win);
  };
  win.addEventListener('hashchange', onHashChange);
  const stopAnswering = answerSessionRequests();
  return () => {
    win.removeEventListener('hashchange', onHashChange);
    stopAnswering();
  };
}

/**
 * Reads `#t=<token>` and removes it from the address bar before anything else happens, so the token
 * never lingers in history, bookmarks or a screenshot.
 */
function takeLaunchToken(win: Window): string | null {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const token = fragment.get('t');
  if (token === null) return null;
  win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  return token || null;
}

/** 401 answers that are about something else than the session (a wrong passphrase, for instance). */
const NON_SESSION_401_CODES: ReadonlySet<ApiErrorCode> = new Set(['unlock-failed', 'key-passphrase-wrong']);

/** True when the server no longer accepts this page's session token. */
export function isSessionRejected(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401 && !NON_SESSION_401_CODES.has(error.code);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeToSession, getSessionState);
}

/** Whether the server still accepts this page's session: false only on its 401. A request like any other. */
export async function probeSession(): Promise<boolean> {
  try {
    await callApi(apiRoutes.getStatus);
    return true;
  } catch (error) {
    if (isSessionRejected(error)) return false;
    throw error;
  }
}

/**
 * Ends the session on the page when the server's idle timeout ends it (`idleMs`, from the status answer), so the
 * page says so then, not at the next click. The cache goes too: no key data stays in a signed-out page.
 */
export function useSessionIdleSignOut(idleMs: number | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!idleMs) return;
    return watchSessionIdle({
      idleMs,
      now: Date.now,
      lastRequestAt: lastSessionRequestAt,
      probe: probeSession,
      onExpired: () => {
        queryClient.clear();
        endSession('idle');
      },
    });
  }, [idleMs, queryClient]);
}
