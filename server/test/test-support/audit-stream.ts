import { auditEventSchema, type AuditEvent } from '@contract/audit-events.ts';

export type StreamedEvent = { id: string; event: AuditEvent };

/**
 * Reads GET /api/audit/events the way the page does (fetch, frames split on blank lines), parsing each
 * event with the contract's schema. Yields until the server ends the stream or the reader stops.
 */
export async function* readAuditStream(response: Response): AsyncGenerator<StreamedEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      let end: number;
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const id = /^id: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (id && data) yield { id, event: auditEventSchema.parse(JSON.parse(data)) };
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** Every event of the stream, to its end. */
export async function readWholeStream(response: Response): Promise<StreamedEvent[]> {
  const events: StreamedEvent[] = [];
  for await (const streamed of readAuditStream(response)) events.push(streamed);
  return events;
}

/** Polls `check` until it holds, or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
