import { describe, expect, it } from 'vitest';
import { toPrintableText } from './printable-text.ts';

describe(toPrintableText.name, () => {
  it.each([
    ['CSI line erase', 'bot\u001b[2K\u001b[1Gfake row'],
    ['OSC window title', 'bot\u001b]0;owned\u0007'],
    ['OSC 52 clipboard write', 'bot\u001b]52;c;cm0gLXJmIH4=\u0007'],
    ['one-byte C1 CSI', 'bot\u009b2J'],
    ['backspace and carriage return overwrite', 'safe\b\b\b\bevil\rEVIL'],
    ['bell and DEL', 'bot\u0007\u007f'],
  ])('removes every control character of a %s', (_name, input) => {
    const printed = toPrintableText(input);
    expect(printed).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/);
  });

  it('removes bidirectional overrides and isolates, so text displays in the order it is stored', () => {
    expect(toPrintableText('key\u202Egnp.exe\u202C \u2066x\u2069 \u200F')).toBe('keygnp.exe x ');
  });

  it('turns tabs and line breaks into spaces, keeping the words', () => {
    expect(toPrintableText('grid\tbot\n2\r\nx')).toBe('grid bot 2  x');
  });

  it('cuts text longer than the limit, counting code points, and marks the cut', () => {
    expect(toPrintableText('a'.repeat(300))).toHaveLength(200);
    expect(toPrintableText('a'.repeat(300)).endsWith('…')).toBe(true);
    expect(toPrintableText('🔑'.repeat(10), 5)).toBe('🔑🔑🔑🔑…');
    expect(toPrintableText('short')).toBe('short');
  });
});
