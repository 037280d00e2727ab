/**
 * Every runtime dependency is attack surface in a tool that holds exchange secrets
 * (docs/security-model.md#dependencies): the list is pinned here, so adding one is a reviewed decision, and no
 * dependency may run an install script.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const RUNTIME_ALLOWLIST = {
  '@tanstack/react-query': 'client data fetching',
  '@tanstack/react-virtual': 'the 5,000-key table',
  express: 'the local server',
  helmet: 'security headers',
  react: 'the UI',
  'react-dom': 'the UI',
  tsx: 'runs the TypeScript server without a build step',
  zod: 'the contract shared by server and client',
};

describe('dependencies', () => {
  it('match the reviewed runtime allowlist exactly, each pinned to an exact version', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(Object.keys(RUNTIME_ALLOWLIST).sort());
    for (const version of Object.values<string>({ ...pkg.dependencies, ...pkg.devDependencies })) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('may not run install scripts', () => {
    expect(Object.values(pkg.allowScripts ?? {}).every((allowed) => allowed === false)).toBe(true);
  });
});
