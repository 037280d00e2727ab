// Lint enforces the architecture (conventions.md B1): who may import whom. TypeScript's own
// checks (`npm run typecheck`) cover the rest.
import tseslint from 'typescript-eslint';

const EXCHANGES = ['kucoin', 'binance', 'okx', 'bybit', 'gate'];

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
  // Adapters, signers and normalizers do not know the HTTP layer; only the simulators are Express routers.
  ...EXCHANGES.map((exchange) =>
    restrict(
      [`server/src/exchanges/${exchange}/**/*.ts`],
      [
        { group: EXCHANGES.filter((other) => other !== exchange).map((other) => `../${other}/*`), message: 'No cross-exchange imports.' },
        { group: ['express', '../../http/*', '../../app.ts', '../../workspace/*'], message: 'Adapters do not know the HTTP layer.' },
      ],
      [`server/src/exchanges/${exchange}/*-simulator*.ts`, '**/*.test.ts'],
    ),
  ),
  restrict(['server/src/audit/**/*.ts', 'server/src/findings/**/*.ts', 'server/src/vault/**/*.ts'], [
    { group: ['express', '../http/*', '../app.ts'], message: 'The domain does not know the HTTP layer.' },
  ]),
);
