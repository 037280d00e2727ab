import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { IpWhitelist } from './ip-whitelist.tsx';

describe(IpWhitelist.name, () => {
  afterEach(cleanup);

  it('says which exchange does not report the whitelist, never "Any IP"', () => {
    render(<IpWhitelist whitelist="unknown" notReportedBy="Coinbase" />);
    expect(screen.getByText('Unknown (not reported by Coinbase)')).toBeTruthy();
    expect(screen.queryByText(/Any IP/)).toBeNull();
  });

  it('keeps the plain Unknown where no exchange is named, and warns for a key open to any IP', () => {
    render(<IpWhitelist whitelist="unknown" />);
    expect(screen.getByText('Unknown')).toBeTruthy();
    cleanup();
    render(<IpWhitelist whitelist={null} />);
    expect(screen.getByText('Any IP')).toBeTruthy();
  });
});
