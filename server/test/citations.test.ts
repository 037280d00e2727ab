/**
 * Every source a comment or document cites must resolve in a fresh clone: a file in this repository
 * (a file under docs/ with a heading anchor, e.g. docs/security-model.md#host-allowlist) or an official URL. Notes that
 * lived outside the repository, cited by section number, resolve for nobody.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Built from parts so that this file does not cite what it forbids. */
const SECTION_SIGN = String.fromCharCode(0xa7);
const OUTSIDE_NOTES = ['security', 'exchanges', 'kucoin', 'toolchain', 'conventions', 'design'];

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'reports', 'test-results', 'playwright-report']);
const SCANNED = /\.(ts|tsx|js|mjs|cjs|md|html|css|json|ya?ml)$/;

/** Tracked-looking text files of the repository; generated output and dependencies are skipped. */
function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIPPED_DIRS.has(name) ? [] : listFiles(path);
    const isCiScript = relative(ROOT, dir) === '.ci';
    return (SCANNED.test(name) || isCiScript) && name !== 'package-lock.json' ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

type Problem = { line: number; text: string; why: string };

/** The citations in the text of the file at `filePath` that do not resolve; relative links start from its directory. */
export function findBrokenCitations(text: string, filePath: string, root = ROOT): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  const fileDir = dirname(filePath);
  const isMarkdown = (path: string) => path.endsWith('.md');
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (path: string) => {
    if (!anchorsOf.has(path)) anchorsOf.set(path, headingAnchors(readFileSync(path, 'utf8')));
    return anchorsOf.get(path)!;
  };
  const locate = (target: string) => [resolve(root, target), resolve(fileDir, target)].find((path) => existsSync(path) && statSync(path).isFile());

  lines.forEach((raw, index) => {
    const report = (why: string) => problems.push({ line: index + 1, text: raw.trim(), why });
    const line = raw.replace(/https?:\/\/[^\s)'"`>\]]+/g, 'URL');
    if (line.includes(SECTION_SIGN)) report('section number of a document that is not in the repository');
    if (/shared\/reference|\breference\/[\w-]+\.md/.test(line)) report('notes outside the repository');
    if (/\brequirements? \d/i.test(line)) report('numbered requirement of notes outside the repository; cite docs/security-model.md#…');
    for (const match of line.matchAll(new RegExp(`(?<![\\w/.-])(${OUTSIDE_NOTES.join('|')})\\.md\\b`, 'g'))) {
      if (!existsSync(resolve(fileDir, match[0]))) report(`${match[0]} is not a file of the repository`);
    }
    // docs/…md#anchor anywhere; further anchors of the same file (a later "#errors" on the line);
    // and relative markdown links inside markdown files.
    const docCitations = [...line.matchAll(/(?<![\w/.-])(docs\/[\w./-]+\.md)\b(#[\w-]+)?/g)];
    const citations = docCitations.map((m) => ({ target: m[1]!, anchor: m[2] }));
    for (const m of line.matchAll(/(?<![\w/(\]#.-])#[a-z][a-z0-9-]*/g)) {
      const previous = docCitations.filter((citation) => citation.index! + citation[0].length <= m.index!).pop();
      if (previous) citations.push({ target: previous[1]!, anchor: m[0] });
    }
    for (const m of line.matchAll(/\]\(([^)\s#]*\.md)?(#[\w-]+)?\)/g)) {
      if (m[1] || m[2]) citations.push({ target: m[1] ?? '', anchor: m[2] });
    }
    for (const { target, anchor } of citations) {
      const path = target === '' ? null : locate(target);
      if (target !== '' && !path) {
        report(`${target} does not exist`);
        continue;
      }
      if (!anchor) continue;
      const anchorFile = path ?? filePath;
      if (!anchorFile || !isMarkdown(anchorFile)) continue;
      if (!anchors(anchorFile).has(anchor.slice(1))) report(`${target || 'this file'} has no heading ${anchor}`);
    }
  });
  return problems;
}

describe('headingAnchors', () => {
  it('slugs headings as GitHub does, numbering repeats and ignoring code blocks', () => {
    const markdown = ['# KuCoin', '## Sub-account keys', '### What `ipWhitelist: ""` means', '## Errors', '```', '## Not a heading', '```', '## Errors'].join('\n');
    expect([...headingAnchors(markdown)]).toEqual(['kucoin', 'sub-account-keys', 'what-ipwhitelist--means', 'errors', 'errors-1']);
  });
});

describe('findBrokenCitations', () => {
  const readme = resolve(ROOT, 'docs/exchanges/README.md');
  /** A code file the fixtures pretend to be. */
  const codeFile = join(ROOT, 'server/src/example.ts');
  /** Fixtures are joined at run time, so that the scan of this very file does not trip over them. */
  const text = (...parts: string[]) => parts.join('');
  const whys = (problems: Problem[]) => problems.map((problem) => problem.why);

  it('flags section numbers, outside notes and numbered requirements', () => {
    const fixture = [
      text('// See reference/', 'kucoin', '.md ', SECTION_SIGN, '3.2.'),
      text('// shared/', 'reference/ holds the facts.'),
      text('// security', '.md requirement', ' 15: the vault locks.'),
    ].join('\n');
    expect(findBrokenCitations(fixture, codeFile).map((problem) => `${problem.line}: ${problem.why}`)).toEqual([
      '1: section number of a document that is not in the repository',
      '1: notes outside the repository',
      '2: notes outside the repository',
      '3: numbered requirement of notes outside the repository; cite docs/security-model.md#…',
      text('3: security', '.md is not a file of the repository'),
    ]);
  });

  it('checks that docs/…md#anchor names an existing file and heading', () => {
    const anchor = [...headingAnchors(readFileSync(resolve(ROOT, text('docs/exchanges/kucoin', '.md')), 'utf8'))][1];
    expect(findBrokenCitations(text('// docs/exchanges/kucoin', '.md#', anchor!), codeFile)).toEqual([]);
    expect(whys(findBrokenCitations(text('// docs/exchanges/kucoin', '.md#no-such-heading'), codeFile))).toEqual([
      text('docs/exchanges/kucoin', '.md has no heading #no-such-heading'),
    ]);
    expect(whys(findBrokenCitations(text('// docs/exchanges/mtgox', '.md#signing'), codeFile))).toEqual([
      text('docs/exchanges/mtgox', '.md does not exist'),
    ]);
    expect(whys(findBrokenCitations(text('// docs/exchanges/kucoin', '.md#signing and #no-such-heading'), codeFile))).toEqual([
      text('docs/exchanges/kucoin', '.md has no heading #no-such-heading'),
    ]);
  });

  it('resolves relative markdown links from the citing file and leaves official URLs alone', () => {
    expect(findBrokenCitations(text('[KuCoin](kucoin', '.md) and https://www.kucoin.com/docs-new/authentication#x'), readme)).toEqual([]);
    expect(whys(findBrokenCitations(text('[x](kucoin', '.md#no-such-heading)'), readme))).toEqual([text('kucoin', '.md has no heading #no-such-heading')]);
    expect(whys(findBrokenCitations(text('[up](', '#no-such-heading)'), readme))).toEqual(['this file has no heading #no-such-heading']);
  });
});

describe('the repository', () => {
  it('cites only sources that resolve: repository documents with existing anchors, or URLs', () => {
    const problems = listFiles(ROOT).flatMap((path) =>
      findBrokenCitations(readFileSync(path, 'utf8'), path).map((problem) => `${relative(ROOT, path)}:${problem.line}: ${problem.why}\n    ${problem.text}`),
    );
    expect(problems).toEqual([]);
  });
});
