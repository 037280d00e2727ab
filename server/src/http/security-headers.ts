import helmet from 'helmet';

/**
 * Helmet with the overrides docs/security-model.md#security-headers names:
 * no upgrade-insecure-requests (breaks http://localhost in Safari), frame-ancestors 'none',
 * and Referrer-Policy same-origin, because no-referrer makes browsers send "Origin: null"
 * on our own same-origin form posts and the Origin check would then reject them.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  frameguard: { action: 'deny' },
  // HSTS means nothing over plain-HTTP loopback, and a stray one would pin "localhost" to HTTPS for every other
  // local development server in the user's browser.
  strictTransportSecurity: false,
});
