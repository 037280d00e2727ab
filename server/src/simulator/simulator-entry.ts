import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { SimulatorFaults } from './simulator-faults.ts';

const GARBAGE_BODY = '<html><head><title>502 Bad Gateway</title></head><body>upstream sent garbage</body></html>';

/** What every exchange simulator is built from; each adds its own rate limits. */
export type ExchangeSimulatorOptions<Seed> = {
  /** Accounts and keys; defaults to the demo fixture. The simulator works on its own copy. */
  seed?: Seed;
  /** The simulator's clock in ms; defaults to Date.now. Fault clockSkewMs is added to it. */
  now?: () => number;
  /** Delay before every answer. */
  latencyMs?: number;
};

type EntryState = { stats: { requests: number }; readonly faults: Readonly<SimulatorFaults> };

/**
 * The first steps of every simulator router. Only the exchange's own paths are handled (so a simulator can be
 * mounted beside other routes); the body is kept as raw text, because signatures are checked over the exact bytes.
 * Then every request is counted, delayed by `latencyMs`, and answered with an HTML page when `garbage` is on.
 */
export function simulatorEntry(isOwnPath: (path: string) => boolean, state: EntryState, latencyMs = 0): RequestHandler[] {
  const readBody = express.text({ type: () => true, limit: '64kb' });
  return [
    (req, res, next) => (isOwnPath(req.path) ? readBody(req, res, next) : next('router')),
    async (_req, res, next) => {
      state.stats.requests += 1;
      if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (state.faults.garbage) res.status(200).type('html').send(GARBAGE_BODY);
      else next();
    },
  ];
}

/**
 * The last steps of every simulator router: an own path no route served gets the exchange's "not found" answer, and
 * a body that could not be read (too large, undecodable) its "bad request" answer, never a stack trace or a crash.
 */
export function simulatorExit(
  answerNotFound: (req: Request, res: Response) => void,
  answerBadBody: (res: Response) => void,
): [RequestHandler, ErrorRequestHandler] {
  return [
    (req, res) => answerNotFound(req, res),
    (error, _req, res, next) => (res.headersSent ? next(error) : answerBadBody(res)),
  ];
}
