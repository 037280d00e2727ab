import { describe, expect, it } from 'vitest';
import { readServerSentEvents, type ServerSentEvent } from './read-server-sent-events.ts';

/** A body that arrives in the given pieces, as a network delivers it. */
function bodyOf(pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      controller.close();
    },
  });
}

async function readAll(pieces: (string | Uint8Array)[]): Promise<ServerSentEvent[]> {
  const messages: ServerSentEvent[] = [];
  for await (const message of readServerSentEvents(bodyOf(pieces))) messages.push(message);
  return messages;
}

describe(readServerSentEvents.name, () => {
  it('yields each message with its id, however the bytes are split', async () => {
    const text = 'id: r1:1\ndata: {"a":1}\n\nid: r1:2\ndata: {"b":"…"}\n\n';
    const bytes = new TextEncoder().encode(text);
    const expected = [{ id: 'r1:1', data: '{"a":1}' }, { id: 'r1:2', data: '{"b":"…"}' }];
    expect(await readAll([text])).toEqual(expected);
    // One byte at a time: a multi-byte character split across chunks still decodes.
    expect(await readAll([...bytes].map((byte) => new Uint8Array([byte])))).toEqual(expected);
  });

  it('joins data lines, accepts CRLF, skips comments and other fields, and drops an unfinished last message', async () => {
    const messages = await readAll([': keep-alive\r\n\r\nevent: x\r\ndata: one\r\ndata:two\r\nretry: 5\r\n\r\ndata: cut off']);
    expect(messages).toEqual([{ id: null, data: 'one\ntwo' }]);
  });
});
