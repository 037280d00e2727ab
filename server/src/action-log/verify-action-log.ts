import { GENESIS_PREV, hashLine, parseLine } from './action-log-entry.ts';
import { readRawLines } from './read-action-log.ts';

export type ActionLogVerdict = { ok: true; count: number } | { ok: false; firstBadSeq: number; reason: string };

/**
 * Replays the hash chain and names the first bad seq (docs/security-model.md#log-verification): a line edited,
 * deleted, swapped, reordered or truncated. With the head anchored in the vault it also catches
 * lines removed from the end, and an edit of the last line.
 */
export async function verifyActionLog(
  filePath: string,
  anchoredHead?: { seq: number; hash: string } | null,
): Promise<ActionLogVerdict> {
  const lines = await readRawLines(filePath);
  if (lines === null) {
    return anchoredHead ? { ok: false, firstBadSeq: 1, reason: 'the action log file is missing' } : { ok: true, count: 0 };
  }
  const hashes = lines.map(hashLine);
  const prevOf = (index: number) => parseLine(lines[index])?.prev;

  for (let index = 0; index < lines.length; index++) {
    const seq = index + 1;
    const line = parseLine(lines[index]);
    if (line === null) return { ok: false, firstBadSeq: seq, reason: 'line is not a valid entry (edited or truncated)' };
    if (line.seq !== seq) return { ok: false, firstBadSeq: seq, reason: `found seq ${line.seq} where seq ${seq} belongs (line deleted or moved)` };
    if (line.prev !== (index === 0 ? GENESIS_PREV : hashes[index - 1])) {
      // Either the previous line changed, or this line's own prev was edited. In the second
      // case this line's hash changed too, so the link to the next line (or the anchor) breaks as well.
      const nextLinkBroken =
        index + 1 < lines.length ? prevOf(index + 1) !== hashes[index] : anchoredHead?.seq === seq && anchoredHead.hash !== hashes[index];
      const badSeq = nextLinkBroken || index === 0 ? seq : seq - 1;
      return { ok: false, firstBadSeq: badSeq, reason: 'hash chain broken: line changed after it was written' };
    }
  }

  if (anchoredHead) {
    if (anchoredHead.seq > lines.length) {
      return { ok: false, firstBadSeq: lines.length + 1, reason: `entry ${anchoredHead.seq} anchored in the vault is missing (log truncated)` };
    }
    if (hashes[anchoredHead.seq - 1] !== anchoredHead.hash) {
      return { ok: false, firstBadSeq: anchoredHead.seq, reason: 'line differs from the entry anchored in the vault' };
    }
  }
  return { ok: true, count: lines.length };
}
