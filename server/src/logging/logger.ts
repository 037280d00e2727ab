import { inspect } from 'node:util';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Fields = Record<string, unknown>;

export interface Logger {
  trace(message: string, fields?: Fields): void;
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/**
 * Field names whose values are never written, at any level. Exchange auth headers travel
 * under these names (KC-API-SIGN, OK-ACCESS-PASSPHRASE, X-MBX-APIKEY, ...), and a signed URL
 * carries its signature in the query, so urls are logged without their query string.
 */
const SENSITIVE_NAME = /authorization|cookie|secret|passphrase|password|token|sign|api-?key|access-key|^kc-api|^ok-access|^x-mbx|^x-bapi|^key$/i;

function scrubFields(value: unknown, depth = 0): unknown {
  if (depth > 5) return '[deep]';
  if (typeof value === 'string') return value.length > 500 ? value.slice(0, 500) + '…' : value;
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value));
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(value)) {
      if (SENSITIVE_NAME.test(name)) out[name] = '[redacted]';
      else if (name === 'url' && typeof field === 'string') out[name] = field.split('?')[0];
      else out[name] = scrubFields(field, depth + 1);
    }
    return out;
  }
  return value;
}

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel, sink: LogSink = (line) => process.stderr.write(line + '\n')): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const write = (at: LogLevel) => (message: string, fields?: Fields) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    let line: string;
    try {
      line = JSON.stringify({ time: new Date().toISOString(), level: at, message, ...(scrubFields(fields ?? {}) as Fields) });
    } catch {
      line = JSON.stringify({ level: at, message, fields: inspect(fields, { depth: 1 }) });
    }
    sink(line);
  };
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = createLogger('silent');
