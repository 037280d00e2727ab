/** Reads the simulators' own state, to check what really happened on the "exchange". */
export class SimulatorProbe {
  constructor(private readonly baseUrl: string) {}

  async kucoinKeys(): Promise<{ account: string; apiKey: string; label: string }[]> {
    const response = await fetch(`${this.baseUrl}/_simulator/kucoin/keys`);
    if (!response.ok) throw new Error(`simulator probe failed: HTTP ${response.status}`);
    return (await response.json()).keys;
  }

  async hasKucoinKey(label: string, account: string): Promise<boolean> {
    return (await this.kucoinKeys()).some((key) => key.label === label && key.account === account);
  }
}
