import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built client from one folder and nothing else. Paths with a file extension that
 * is not there get 404 (no index.html for /.env or /x.map); extension-less paths get the SPA.
 */
export function createStaticFiles(staticDir: string): Router {
  const router = Router();
  const indexHtml = path.join(staticDir, 'index.html');
  router.use(express.static(staticDir, { index: false, dotfiles: 'ignore', fallthrough: true, redirect: false }));
  router.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/api/') || path.extname(req.path) !== '' || !existsSync(indexHtml)) return next();
    res.sendFile(indexHtml);
  });
  return router;
}
