import { ExchangeError, toFailure } from './exchange-error.ts';
import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport.ts';

/** Sends `request`; a lost connection, a timeout or any other transport failure becomes an ExchangeError in plain words. */
export async function sendRequest(transport: HttpTransport, request: HttpRequest): Promise<HttpResponse> {
  try {
    return await transport(request);
  } catch (error) {
    const failure = toFailure(error);
    throw new ExchangeError(failure.kind, failure.message);
  }
}
