import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { App } from '../app/app.tsx';
import { AppProviders } from '../app/providers.tsx';
import { buildAuditRun, buildStatus } from '../testing/fixtures.ts';
import { apiError, reply, streamOf, stubApi } from '../testing/fetch-stub.ts';
import { toAuditEvents } from '../testing/audit-events.ts';
import { isSessionRejected, listenForSessionChanges, startSession } from './session.ts';
import { answerSessionRequests, requestSessionFromOtherTabs } from './session-handoff.ts';
import { ApiRequestError } from './api-client.ts';
import { getSessionState } from './session-store.ts';

const STORAGE_KEY = 'keyaudit.session';

function renderApp() {
  return render(
    <AppProviders>
      <App />
    </AppProviders>,
  );
}

describe(startSession.name, () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('strips #t= from the address bar before trading the launch token for a session token', async () => {
    window.history.replaceState(null, '', '/?view=activity#t=launch-abc');
    let hashWhenCalled: string | null = null;
    const api = stubApi({
      'POST /api/session': () => {
        hashWhenCalled = window.location.hash;
        return { body: { sessionToken: 'session-xyz' } };
      },
    });

    await startSession();

    expect(hashWhenCalled).toBe('');
    expect(window.location.href).toBe('http://localhost:3000/?view=activity');
    expect(api.callsTo('POST', '/api/session')[0]!.body).toEqual({ launchToken: 'launch-abc' });
    expect(sessionStorage.getItem(STORAGE_KEY)).toBe('session-xyz');
    expect(getSessionState()).toEqual({ status: 'active' });
  });

  it('sends the session token as a bearer token on later calls', async () => {
    window.history.replaceState(null, '', '/#t=launch-abc');
    const api = stubApi({
      'POST /api/session': reply({ sessionToken: 'session-xyz' }),
      'GET /api/status': reply(buildStatus()),
      'GET /api/audit/events': streamOf(toAuditEvents(buildAuditRun())),
    });
    await startSession();
    renderApp();

    expect(await screen.findByText(/Demo data — these keys live in built-in exchange simulators/)).toBeTruthy();
    expect(api.callsTo('GET', '/api/status')[0]!.headers.authorization).toBe('Bearer session-xyz');
    expect(api.callsTo('POST', '/api/session')[0]!.headers.authorization).toBeUndefined();
  });

  it('asks for the terminal link when there is neither a launch token nor a stored session', async () => {
    const api = stubApi({});
    await startSession();
    renderApp();
    expect(screen.getByRole('heading', { name: 'Open the link printed in your terminal' })).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });

  it('says the link was already used when the server rejects the launch token', async () => {
    window.history.replaceState(null, '', '/#t=used-token');
    stubApi({ 'POST /api/session': apiError(401, 'unauthorized', 'This link was already used.') });
    await startSession();
    renderApp();
    expect(screen.getByRole('heading', { name: 'Open the link printed in your terminal' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/already used or has expired/);
    expect(window.location.hash).toBe('');
  });

  it('keeps a stored session when an already-used link is opened again in the same tab', async () => {
    sessionStorage.setItem(STORAGE_KEY, 'session-old');
    window.history.replaceState(null, '', '/#t=used-token');
    stubApi({ 'POST /api/session': apiError(401, 'unauthorized', 'This link was already used.') });
    await startSession();
    expect(getSessionState()).toEqual({ status: 'active' });
    expect(sessionStorage.getItem(STORAGE_KEY)).toBe('session-old');
  });

  it('forgets the session and asks for a new link when any call answers 401', async () => {
    sessionStorage.setItem(STORAGE_KEY, 'session-expired');
    stubApi({ 'GET /api/status': apiError(401, 'unauthorized', 'Session token missing or invalid.') });
    await startSession();
    renderApp();

    expect(await screen.findByRole('heading', { name: 'Open the link printed in your terminal' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/session ended/);
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});

describe(listenForSessionChanges.name, () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('signs in a signed-out tab when a fresh link is pasted into it (hashchange), and strips the token', async () => {
    const api = stubApi({ 'POST /api/session': reply({ sessionToken: 'session-pasted' }) });
    await startSession();
    expect(getSessionState()).toEqual({ status: 'signed-out', reason: 'no-link' });
    const stop = listenForSessionChanges();
    try {
      window.history.replaceState(null, '', '/#t=pasted-link');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await vi.waitFor(() => expect(getSessionState()).toEqual({ status: 'active' }));
      expect(api.callsTo('POST', '/api/session')[0]!.body).toEqual({ launchToken: 'pasted-link' });
      expect(window.location.hash).toBe('');
      expect(sessionStorage.getItem(STORAGE_KEY)).toBe('session-pasted');
    } finally {
      stop();
    }
  });

  it('gives a new tab of this origin the session of a signed-in tab, without any link', async () => {
    const stop = answerSessionRequests();
    try {
      sessionStorage.setItem(STORAGE_KEY, 'session-of-first-tab');
      // The new tab's own storage is empty; the answering tab reads its own, which this one stub stands for.
      const asked = requestSessionFromOtherTabs(1_000);
      expect(await asked).toBe('session-of-first-tab');
      sessionStorage.clear();
      expect(await requestSessionFromOtherTabs(50)).toBeNull();
    } finally {
      stop();
    }
  });
});

describe(isSessionRejected.name, () => {
  it.each([
    [401, 'unauthorized', true],
    [401, 'unlock-failed', false],
    [401, 'key-passphrase-wrong', false],
    [403, 'forbidden-origin', false],
  ] as const)('treats HTTP %i %s as a lost session: %s', (status, code, expected) => {
    expect(isSessionRejected(new ApiRequestError(status, code, 'message', null))).toBe(expected);
  });
});
