import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built client from one folder and nothing else. Paths that name a file which is not
 * there (an extension, or a dot-segment like /.env) get 404; other paths get the SPA.
 */
export function createStaticFiles(staticDir: string): Router {
  const router = Router();
  const indexHtml = path.join(staticDir, 'index.html');
  router.use(express.static(staticDir, { index: false, dotfiles: 'ignore', fallthrough: true, redirect: false }));
  router.get('/{*splat}', (req, res, next) => {
    const looksLikeAFile = path.extname(req.path) !== '' || req.path.split('/').some((segment) => segment.startsWith('.'));
    if (req.path.startsWith('/api/') || looksLikeAFile || !existsSync(indexHtml)) return next();
    res.sendFile(indexHtml);
  });
  return router;
}
