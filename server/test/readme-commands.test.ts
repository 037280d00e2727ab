/**
 * The README's command table and command lines are written by hand; this keeps them true to the CLI: every command
 * has a row whose syntax is its `--help` usage, and every command line the README shows parses with the very
 * argument spec the command parses with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from '../src/cli/cli-commands.ts';
import { parseArgs } from '../src/cli/parse-args.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const commandSection = readme.slice(readme.indexOf('## Command line'), readme.indexOf('\n## ', readme.indexOf('## Command line') + 1));

/** The command a word list starts with: two-word names ('log verify') first, as run-cli.ts resolves them. */
function commandOf(words: readonly string[]): string | undefined {
  const twoWords = `${words[0]} ${words[1] ?? ''}`;
  return twoWords in CLI_COMMANDS ? twoWords : words[0] in CLI_COMMANDS ? words[0] : undefined;
}

/** Shell words, double and single quotes honoured; enough for the README's lines, which use nothing fancier. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

// The table under "| command | does |", up to the first line that is not a table row.
const commandTable = commandSection.slice(commandSection.indexOf('| command | does |')).split('\n\n')[0];
const tableCells = commandTable
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => line.split(/(?<!\\)\|/)[1].trim());
const documentedSyntax = tableCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1].replaceAll('\\|', '|')));

describe('README command table', () => {
  it('has exactly one row per command', () => {
    const names = documentedSyntax.map((syntax) => commandOf(syntax.split(' ')));
    expect(names.filter((name) => name === undefined), documentedSyntax.join('\n')).toEqual([]);
    expect([...names].sort()).toEqual(Object.keys(CLI_COMMANDS).sort());
  });

  it.each(documentedSyntax)('`%s` is the usage --help prints', (syntax) => {
    const name = commandOf(syntax.split(' '))!;
    expect(syntax).toBe(`${name} ${CLI_COMMANDS[name].usage}`.trimEnd());
  });
});

// Every `npm run --silent keyaudit -- …` line, up to a shell operator; `<command>` is the README's placeholder.
const commandLines = [...readme.matchAll(/keyaudit -- ([^`\n]*)/g)]
  .map((match) => match[1].split(/\s(?:>>?|\||&&|2>&1|#)(?:\s|$)/)[0].trim())
  .filter((line) => !line.startsWith('<'));
// Prose mentions (`keyaudit audit --format sarif`): each names a command and only flags it declares.
const mentions = [...readme.matchAll(/`keyaudit ([a-z][^`]*)`/g)].map((match) => match[1]);

describe('README command lines', () => {
  it('shows some, so this test checks something', () => {
    expect(commandLines.length).toBeGreaterThan(3);
    expect(mentions.length).toBeGreaterThan(3);
  });

  it.each(commandLines)('parses: keyaudit %s', (line) => {
    const words = shellWords(line);
    const name = commandOf(words);
    expect(name, line).toBeDefined();
    expect(() => parseArgs(words.slice(name!.split(' ').length), CLI_COMMANDS[name!].args)).not.toThrow();
  });

  it.each(mentions)('names a command and flags it has: keyaudit %s', (mention) => {
    const words = shellWords(mention);
    const name = commandOf(words);
    expect(name, mention).toBeDefined();
    for (const flag of words.filter((word) => word.startsWith('--'))) expect(Object.keys(CLI_COMMANDS[name!].args.flags), mention).toContain(flag.slice(2).split('=')[0]);
  });
});
