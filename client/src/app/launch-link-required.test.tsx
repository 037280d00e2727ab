import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { LaunchLinkRequired } from './launch-link-required.tsx';

describe(LaunchLinkRequired.name, () => {
  afterEach(cleanup);

  it('says politely why the session ended after 15 idle minutes, and how to get back in', () => {
    render(<LaunchLinkRequired reason="idle" />);
    const why = screen.getByRole('status');
    expect(why.textContent).toContain('Signed out after 15 minutes without activity');
    expect(why.textContent).toContain('Open a fresh link from the terminal');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a rejected link is still an alert', () => {
    render(<LaunchLinkRequired reason="link-rejected" />);
    expect(screen.getByRole('alert').textContent).toContain('Links work once.');
  });
});
