/** Shown on every page in demo mode, so nobody mistakes simulated keys for real ones. */
export function DemoBanner() {
  return (
    <section className="demo-banner" aria-labelledby="demo-banner-title">
      <p id="demo-banner-title" className="demo-banner-title">
        Demo data — these keys live in a built-in KuCoin simulator, not on a real exchange
      </p>
      <p className="demo-banner-help">
        Revoking here changes only the simulator. To audit your own accounts, stop the server and add a connection with{' '}
        <code>npm run keyaudit -- add</code>, then run <code>npm start</code> again.
      </p>
    </section>
  );
}
