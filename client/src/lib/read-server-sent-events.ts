/** One message of a text/event-stream: its id (null when the message set none) and its data lines joined. */
export type ServerSentEvent = { id: string | null; data: string };

/**
 * Reads a text/event-stream body as it arrives: what EventSource does, for a stream opened with fetch
 * (which can send the session token in a header). Follows the format's rules that matter here: lines
 * end in LF or CRLF, a blank line ends a message, `data:` lines join with LF, `id:` names the message,
 * lines starting with a colon are comments, other fields are ignored.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let id: string | null = null;
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let lineStart = 0;
      for (let lineEnd = buffered.indexOf('\n'); lineEnd !== -1; lineEnd = buffered.indexOf('\n', lineStart)) {
        const line = buffered.slice(lineStart, buffered[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
        lineStart = lineEnd + 1;
        if (line === '') {
          if (data.length > 0) yield { id, data: data.join('\n') };
          id = null;
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
        if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      buffered = buffered.slice(lineStart);
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
