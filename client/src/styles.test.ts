import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The stylesheet is one file many features append to; an unclosed rule (as a merge once left) silently swallows
 * every rule after it, and the build does not complain. Braces outside comments must balance, rule by rule.
 */
describe('styles.css', () => {
  it('closes every rule it opens, and holds no merge markers', () => {
    const css = readFileSync(join(process.cwd(), 'client/src/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    let line = 1;
    const unclosed: number[] = [];
    for (const char of css) {
      if (char === '\n') line++;
      if (char === '{') {
        depth++;
        unclosed.push(line);
        // Only @media/@supports blocks nest rules here; a second level inside a plain rule is an unclosed rule.
        if (depth > 2) break;
      } else if (char === '}') {
        depth--;
        unclosed.pop();
      }
    }
    expect(unclosed).toEqual([]);
    expect(css).not.toMatch(/^(<{7}|={7}|>{7})/m);
  });
});
