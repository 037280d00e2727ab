import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { joinWords } from '../../../utils/join-words.ts';

const [FIRST_EXCHANGE, ...OTHER_EXCHANGES] = EXCHANGE_IDS;

/** Shown on every page in demo mode, so nobody mistakes simulated keys for real ones. */
export function DemoBanner() {
  return (
    <section className="demo-banner" aria-labelledby="demo-banner-title">
      <p id="demo-banner-title" className="demo-banner-title">
        Demo data — these keys live in built-in exchange simulators, not on a real exchange
      </p>
      <p className="demo-banner-help">
        {joinWords(EXCHANGE_IDS.map((id) => EXCHANGE_NAMES[id]))} accounts, simulated. Revoking here changes only the simulators. To
        audit your own accounts, stop keyaudit, run{' '}
        <code>
          npm run keyaudit -- add {FIRST_EXCHANGE} --label "My {EXCHANGE_NAMES[FIRST_EXCHANGE]}"
        </code>{' '}
        (or{' '}
        {OTHER_EXCHANGES.map((id, index) => (
          <span key={id}>
            {index > 0 && ', '}
            <code>{id}</code>
          </span>
        ))}
        ; it asks for the key, the secret and, where the exchange has one, the passphrase, and stores them in an encrypted
        vault), then <code>npm start</code> again.
      </p>
    </section>
  );
}
