/** Reads the simulators' own state, to check what really happened on the "exchange". */
export class SimulatorProbe {
  constructor(private readonly baseUrl: string) {}

  async keys(exchange: string): Promise<{ account: string; apiKey: string; label: string }[]> {
    const response = await fetch(`${this.baseUrl}/_simulator/${exchange}/keys`);
    if (!response.ok) throw new Error(`simulator probe failed: HTTP ${response.status}`);
    return (await response.json()).keys;
  }

  kucoinKeys() {
    return this.keys('kucoin');
  }

  async hasKucoinKey(label: string, account: string): Promise<boolean> {
    return (await this.kucoinKeys()).some((key) => key.label === label && key.account === account);
  }
}
