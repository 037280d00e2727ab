/**
 * Text an exchange sent (labels, account names), made safe to print anywhere: in a terminal, a report, a log line.
 * Removes C0 and C1 control characters (ESC starts every terminal escape sequence: line erasing, window titles,
 * OSC 52 clipboard writes; 0x9B is the one-byte CSI), DEL, and the Unicode bidirectional controls that make text
 * display in a different order than it is stored (Trojan Source, CVE-2021-42574). Tabs and line breaks become
 * spaces. Longer than `maxLength` code points: cut, ending in "…".
 */
export function toPrintableText(value: string, maxLength = 200): string {
  const cleaned = value
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  const codePoints = [...cleaned];
  return codePoints.length > maxLength ? codePoints.slice(0, maxLength - 1).join('') + '…' : cleaned;
}
