/** Shown on every page in demo mode, so nobody mistakes simulated keys for real ones. */
export function DemoBanner() {
  return (
    <section className="demo-banner" aria-labelledby="demo-banner-title">
      <p id="demo-banner-title" className="demo-banner-title">
        Demo data — these keys live in a built-in KuCoin simulator, not on a real exchange
      </p>
      <p className="demo-banner-help">
        Revoking here changes only the simulator. To audit your own accounts, stop keyaudit, run{' '}
        <code>npm run keyaudit -- add kucoin --label "My KuCoin"</code> (it asks for the key, secret and passphrase and
        stores them in an encrypted vault), then <code>npm start</code> again.
      </p>
    </section>
  );
}
