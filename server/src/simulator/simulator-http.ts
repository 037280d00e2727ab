import type { Request, Response } from 'express';

/** A request as a simulator's signature check reads it: the bytes as received. */
export type SimulatorRequest = {
  method: string;
  /** Path and query exactly as received, relative to where the simulator is mounted. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body, '' when none (simulatorEntry keeps it as text). */
  body: string;
  remoteAddress: string | undefined;
};

export function receivedRequest(req: Request): SimulatorRequest {
  const body = typeof req.body === 'string' ? req.body : '';
  return { method: req.method, url: req.url, headers: req.headers, body, remoteAddress: req.socket.remoteAddress };
}

/** The caller's address as an exchange reports it: IPv4 without the IPv6 mapping, loopback as 127.0.0.1. */
export function normalizeIp(address: string | undefined): string {
  const ip = (address ?? '').replace(/^::ffff:/, '');
  return ip === '::1' ? '127.0.0.1' : ip;
}

/** Query parameters decoded once: %XX is decoded but '+' stays '+' (Express's own parser would make it a space). */
export function parseQueryKeepingPlus(url: string): ReadonlyMap<string, string> | null {
  const raw = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const query = new Map<string, string>();
  try {
    for (const pair of raw.split('&').filter((part) => part !== '')) {
      const cut = pair.includes('=') ? pair.indexOf('=') : pair.length;
      query.set(decodeURIComponent(pair.slice(0, cut)), decodeURIComponent(pair.slice(cut + 1)));
    }
  } catch {
    return null;
  }
  return query;
}

/** An answer by HTTP status and JSON body; without a body, an empty answer (Gate's 204). */
export type StatusReply = { status: number; body?: unknown };

export function sendReply(res: Response, reply: StatusReply): void {
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}
