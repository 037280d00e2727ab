// Lint enforces the architecture (README.md, "How it is built"): who may import whom. TypeScript's own
// checks (`npm run typecheck`) cover the rest.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/** Every exchange folder, so a new exchange is fenced in the moment its folder exists (no list to forget). */
const EXCHANGES = readdirSync(new URL('./server/src/exchanges/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['node_modules/**', 'client/dist/**', 'reports/**', 'test-results/**', 'playwright-report/**'] },
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
  // The client reaches the server only through the contract.
  restrict(['client/**/*.{ts,tsx}'], [{ group: ['**/server/**', '!**/server/src/contract/**'], message: 'The client may import only the contract (@contract/…).' }]),
  // The contract is platform-free: zod only.
  restrict(['server/src/contract/**/*.ts'], [
    { group: ['node:*', 'express', 'react', 'react-dom'], message: 'The contract runs in the browser and on the server: zod only.' },
    { group: ['../*', '!./*'], message: 'The contract imports nothing else from the server.' },
  ]),
  // An exchange's vocabulary stays in its folder: no exchange imports another.
  // Adapters, signers and normalizers do not know the HTTP layer, and never the fake exchanges.
  ...EXCHANGES.map((exchange) =>
    restrict(
      [`server/src/exchanges/${exchange}/**/*.ts`],
      [
        { group: EXCHANGES.filter((other) => other !== exchange).map((other) => `../${other}/*`), message: 'No cross-exchange imports.' },
        { group: ['express', '../../http/*', '../../app.ts', '../../workspace/*'], message: 'Adapters do not know the HTTP layer.' },
        { group: ['**/simulator/**'], message: 'Production code never imports a simulator or a demo seed.' },
      ],
      ['**/*.test.ts'],
    ),
  ),
  restrict(['server/src/exchanges/*.ts'], [{ group: ['**/simulator/**'], message: 'Production code never imports a simulator or a demo seed.' }], ['**/*.test.ts']),
  // A simulator verifies with its own code: it may import the contract and the shared simulator
  // helpers, never a signer, client or adapter (a wrong signer and a wrong verifier would agree).
  // Its tests are held to the same rule, so they sign requests independently too.
  ...EXCHANGES.map((exchange) =>
    restrict(
      [`server/src/simulator/${exchange}/**/*.ts`],
      [
        { group: ['**/exchanges/**'], message: 'A simulator never imports exchange code (signer, client, adapter).' },
        { group: EXCHANGES.filter((other) => other !== exchange).map((other) => `../${other}/*`), message: 'No cross-simulator imports.' },
      ],
    ),
  ),
  restrict(['server/src/simulator/*.ts'], [{ group: ['**/exchanges/**'], message: 'A simulator never imports exchange code (signer, client, adapter).' }]),
  restrict(['server/src/audit/**/*.ts', 'server/src/findings/**/*.ts', 'server/src/vault/**/*.ts'], [
    { group: ['express', '../http/*', '../app.ts'], message: 'The domain does not know the HTTP layer.' },
  ]),
);
