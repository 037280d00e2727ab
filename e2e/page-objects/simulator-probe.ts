/** One request a simulator received, from its journal. */
export type SimulatedRequest = { seq: number; exchange: string; method: string; path: string; query: Record<string, string> };

/** Reads the simulators' own state, to check what really happened on the "exchange". */
export class SimulatorProbe {
  constructor(private readonly baseUrl: string) {}

  async keys(exchange: string): Promise<{ account: string; apiKey: string; label: string; stored: Record<string, unknown> }[]> {
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

  /** One key as that exchange's simulator stores it (its whitelist and permissions in the exchange's shape, no secret). */
  async storedKey(exchange: string, label: string, account: string): Promise<Record<string, unknown> | undefined> {
    return (await this.keys(exchange)).find((key) => key.label === label && key.account === account)?.stored;
  }

  /** Sets one simulator's fault switches (those left out are off): `{}` clears them. */
  async setFaults(exchange: string, faults: { rateLimitEveryRequest?: boolean; failSubAccounts?: string[]; garbage?: boolean }): Promise<void> {
    const response = await fetch(`${this.baseUrl}/_simulator/${exchange}/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    if (response.status !== 204) throw new Error(`simulator fault switch failed: HTTP ${response.status}`);
  }

  /** The seq the next request to any simulator will get: pass it to requestsSince() later. */
  async nextRequestSeq(): Promise<number> {
    return (await this.journal(Number.MAX_SAFE_INTEGER)).nextSeq;
  }

  /** Every request the simulators received from `seq` on. */
  async requestsSince(seq: number): Promise<SimulatedRequest[]> {
    return (await this.journal(seq)).requests;
  }

  private async journal(since: number): Promise<{ requests: SimulatedRequest[]; nextSeq: number }> {
    const response = await fetch(`${this.baseUrl}/_simulator/requests?since=${since}`);
    if (!response.ok) throw new Error(`simulator probe failed: HTTP ${response.status}`);
    return response.json();
  }
}
