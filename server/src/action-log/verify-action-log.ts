import { ACTIONS_LOGGED_WHILE_LOCKED, GENESIS_PREV, hashLine, hasValidMac, parseLine } from './action-log-entry.ts';
import { readRawLines } from './read-action-log.ts';

export type ActionLogVerdict =
  | {
      ok: true;
      count: number;
      /** The newest line's seq and SHA-256: write it down off the machine to pin the whole log as it is now. */
      head: { seq: number; hash: string } | null;
      /** Whether MACs were checked: only with the vault's key, so only after the passphrase was entered. */
      macs: 'checked' | 'unchecked';
      /** Seqs of entries without a MAC: from before log MACs, or written while the vault was locked. */
      unauthenticated: number[];
    }
  | { ok: false; firstBadSeq: number; reason: string };

/**
 * Replays the hash chain and names the first bad seq (docs/security-model.md#log-verification): a line edited,
 * deleted, swapped, reordered or truncated. With the head anchored in the vault it also catches
 * lines removed from the end, and an edit of the last line. With the vault's MAC key (`macKey`, zeroed after use)
 * it also catches what someone with write access to the file could do to the chain alone: edits, deletions and
 * reorders with the chain recomputed, and appended entries (docs/security-model.md#log-macs).
 */
export async function verifyActionLog(
  filePath: string,
  anchoredHead?: { seq: number; hash: string } | null,
  macKey?: () => Buffer,
): Promise<ActionLogVerdict> {
  const lines = await readRawLines(filePath);
  if (lines === null) {
    return anchoredHead
      ? { ok: false, firstBadSeq: 1, reason: 'the action log file is missing' }
      : { ok: true, count: 0, head: null, macs: macKey ? 'checked' : 'unchecked', unauthenticated: [] };
  }
  const key = macKey?.() ?? null;
  try {
    return verifyLines(lines, anchoredHead ?? null, key);
  } finally {
    key?.fill(0);
  }
}

function verifyLines(lines: string[], anchoredHead: { seq: number; hash: string } | null, key: Buffer | null): ActionLogVerdict {
  const hashes = lines.map(hashLine);
  const prevOf = (index: number) => parseLine(lines[index])?.prev;
  const unauthenticated: number[] = [];
  let firstMacSeq: number | null = null;
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
    if (line.mac === undefined) {
      // Only the few entries written while the vault is locked may lack a MAC once the log is authenticated.
      if (key && firstMacSeq !== null && !ACTIONS_LOGGED_WHILE_LOCKED.includes(line.action)) {
        return { ok: false, firstBadSeq: seq, reason: `entry has no MAC although the log is authenticated from seq ${firstMacSeq} (forged)` };
      }
      unauthenticated.push(seq);
      continue;
    }
    firstMacSeq ??= seq;
    if (key && !hasValidMac(line, key)) {
      return { ok: false, firstBadSeq: seq, reason: 'MAC does not match: entry edited, moved, or forged (chain recomputed)' };
    }
  }
  if (anchoredHead) {
    if (anchoredHead.seq > lines.length) {
      return { ok: false, firstBadSeq: lines.length + 1, reason: `entry ${anchoredHead.seq} anchored in the vault is missing (log truncated)` };
    }
    if (hashes[anchoredHead.seq - 1] !== anchoredHead.hash) {
      return { ok: false, firstBadSeq: anchoredHead.seq, reason: 'line differs from the entry anchored in the vault' };
    }
    // Every authenticated entry moves the anchor: one beyond it was not written by this vault as it is now.
    const beyond = key ? lines.slice(anchoredHead.seq).findIndex((text) => parseLine(text)?.mac !== undefined) : -1;
    if (beyond !== -1) {
      return { ok: false, firstBadSeq: anchoredHead.seq + beyond + 1, reason: 'authenticated entry newer than the head anchored in the vault (vault replaced by an older copy?)' };
    }
  }
  const head = lines.length > 0 ? { seq: lines.length, hash: hashes[lines.length - 1] } : null;
  return { ok: true, count: lines.length, head, macs: key ? 'checked' : 'unchecked', unauthenticated };
}
