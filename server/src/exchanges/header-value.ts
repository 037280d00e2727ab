/** The value of header `name` (given in lower case) whatever case the answer used, or undefined. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const match = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return match === undefined ? undefined : headers[match];
}
