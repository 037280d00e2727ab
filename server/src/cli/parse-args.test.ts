import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-errors.ts';
import { parseArgs } from './parse-args.ts';

const spec = { positionals: ['exchange'], flags: { label: 'string', 'base-url': 'string', json: 'boolean' } } as const;

describe('parseArgs', () => {
  it('reads positionals, --flag value, --flag=value and boolean flags in any order', () => {
    expect(parseArgs(['--label', 'main', 'kucoin', '--base-url=https://x.test', '--json'], spec)).toEqual({
      positionals: { exchange: 'kucoin' },
      flags: { label: 'main', 'base-url': 'https://x.test', json: true },
    });
  });

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '--weird'], spec).positionals).toEqual({ exchange: '--weird' });
  });

  it.each([
    [['kucoin', '--colour', 'red'], /Unknown option --colour/],
    [['kucoin', '-x'], /Unknown option -x/],
    [[], /Missing <exchange>/],
    [['kucoin', 'extra'], /Too many arguments/],
    [['kucoin', '--label'], /--label needs a value/],
    [['kucoin', '--label', '--json'], /--label needs a value/],
    [['kucoin', '--json=yes'], /--json takes no value/],
  ])('rejects %j', (args, message) => {
    expect(() => parseArgs(args, spec)).toThrow(UsageError);
    expect(() => parseArgs(args, spec)).toThrow(message);
  });

  it.each(['--secret', '--api-secret=x', '--passphrase', '--apiKey', '--password', '--token'])(
    'refuses %s as a secret on the command line, without echoing its value',
    (flag) => {
      const error = (() => { try { parseArgs(['kucoin', flag, 'VALUE123'], spec); } catch (e) { return e as Error; } })();
      expect(error).toBeInstanceOf(UsageError);
      expect(error?.message).toContain('never accepted as arguments');
      expect(error?.message).not.toContain('VALUE123');
    },
  );
});
