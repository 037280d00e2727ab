import type { RequestHandler } from 'express';

export type JournalEntry = {
  /** Its place among every request the simulators received, from 0. */
  seq: number;
  exchange: string;
  method: string;
  /** The path under the exchange's prefix, without the query. */
  path: string;
  /** Query parameters, without passphrases and signatures. */
  query: Record<string, string>;
};

const HIDDEN_PARAMS = /pass|sign|secret/i;

/**
 * Which requests reached which simulator, in order, so a test can tell what an action cost and which
 * accounts it listed (the request counters only say how many). Keeps the last `limit` entries, so a
 * long demo session does not grow without end.
 */
export function createRequestJournal(exchanges: readonly string[], limit = 10_000) {
  const entries: JournalEntry[] = [];
  let next = 0;
  const record: RequestHandler = (req, _res, nextHandler) => {
    const [, exchange, ...rest] = req.path.split('/');
    if (exchanges.includes(exchange)) {
      const query = Object.fromEntries([...new URL(req.originalUrl, 'http://simulator').searchParams].filter(([name]) => !HIDDEN_PARAMS.test(name)));
      entries.push({ seq: next++, exchange, method: req.method, path: `/${rest.join('/')}`, query });
      if (entries.length > limit) entries.splice(0, entries.length - limit);
    }
    nextHandler();
  };
  return {
    record,
    /** The entries from `seq` on (those still kept). */
    since: (seq: number): JournalEntry[] => entries.filter((entry) => entry.seq >= seq),
    /** The seq the next request will get: pass it to since() later to see what came after now. */
    get nextSeq(): number {
      return next;
    },
  };
}
