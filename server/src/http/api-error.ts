/** An error a route throws on purpose: its code and message are safe to show the user. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Every 401 is byte-identical, whatever the reason, so a caller learns nothing from it. */
export const unauthorized = () => new HttpError(401, 'unauthorized', 'Open the link printed in the terminal to sign in.');
