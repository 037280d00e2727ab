import express, { type RequestHandler } from 'express';
import type { SimulatorFaults } from './simulator-faults.ts';

const GARBAGE_BODY = '<html><head><title>502 Bad Gateway</title></head><body>upstream sent garbage</body></html>';

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
