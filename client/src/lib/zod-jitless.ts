import { config } from 'zod';

// zod 4 probes `new Function('')` when a schema is built, to compile fast parsers. Our CSP
// (script-src 'self', no 'unsafe-eval') blocks that and reports a violation on every page load.
// Must run before any schema exists, hence its own module imported first by main.tsx.
config({ jitless: true });
