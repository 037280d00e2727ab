import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { DemoBanner } from './demo-banner.tsx';

describe(DemoBanner.name, () => {
  afterEach(cleanup);

  it('names every exchange of the exchange table, and the CLI command for each', () => {
    render(<DemoBanner />);
    const help = screen.getByText(/accounts, simulated/);
    const names = EXCHANGE_IDS.map((id) => EXCHANGE_NAMES[id]);
    expect(help.textContent).toContain(`${names.slice(0, -1).join(', ')} and ${names.at(-1)} accounts, simulated.`);
    const commands = [...help.querySelectorAll('code')].map((code) => code.textContent);
    expect(commands[0]).toBe(`npm run keyaudit -- add ${EXCHANGE_IDS[0]} --label "My ${EXCHANGE_NAMES[EXCHANGE_IDS[0]]}"`);
    expect(commands.slice(1, -1)).toEqual(EXCHANGE_IDS.slice(1));
    expect(help.textContent).toContain(`(or ${EXCHANGE_IDS.slice(1).join(', ')}; it asks`);
  });
});
