/** Shown on every page in demo mode, so nobody mistakes simulated keys for real ones. */
export function DemoBanner() {
  return (
    <section className="demo-banner" aria-labelledby="demo-banner-title">
      <p id="demo-banner-title" className="demo-banner-title">
        Demo data — these keys live in built-in exchange simulators, not on a real exchange
      </p>
      <p className="demo-banner-help">
        KuCoin, Binance, OKX, Bybit and Gate accounts, simulated. Revoking here changes only the simulators. To audit
        your own accounts, stop keyaudit, run <code>npm run keyaudit -- add kucoin --label "My KuCoin"</code> (or{' '}
        <code>binance</code>, <code>okx</code>, <code>bybit</code>, <code>gate</code>; it asks for the key, the secret and, where the exchange has one, the passphrase, and
        stores them in an encrypted vault), then <code>npm start</code> again.
      </p>
    </section>
  );
}
