import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** The placeholder `vite build` writes where each response's CSP nonce goes (web/vite.config.ts, html.cspNonce). */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * The routes of `shared/contract/pages.md`: each answers with the page shell, whose router shows the page. Anything
 * else (the API, health, exports, an unknown `/api/...`) falls through to the API's routes and their 404.
 */
const PAGE_ROUTE =
  /^\/(?:|index\.html|login|change-password|verify|signup|(?:planning|institution|body|volunteer|admin)(?:\/[\w-]+)*)\/?$/;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Hashed file names under /assets/ never change content: cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The Content-Security-Policy of the page shell: scripts, styles, images and API calls from this origin only.
 * Style elements need the response's nonce (Ant Design injects its CSS-in-JS as <style nonce>); style
 * attributes are allowed (React's `style` props and ECharts' tooltips set them; an attribute cannot hold a
 * selector, so it cannot read the page). `style-src` repeats the element rule for browsers without
 * `style-src-elem`. One known upstream gap: rc-util measures scrollbars with a <style> it creates without the nonce
 * (react-component/util#613); the browser refuses it and the measurement falls back to the element's own
 * scrollbar, which is the same here (the pages do not style scrollbars). 'report-sample' lets the browser tests
 * tell that one refusal from any other.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}' 'report-sample'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

interface StaticFile {
  type: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

/** The built pages: `dist/web` of the package this module belongs to (src/web or dist/src/web). */
export function defaultPagesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/** Every file of the build, read once (the build does not change under a running portal), with its .br and .gz. */
function loadFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      if (name.startsWith('.')) continue; // .vite/manifest.json: build metadata, not a page's file
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.gz') && !name.endsWith('.br') && TYPES[extname(name)]) {
        const read = (suffix: string) => (existsSync(path + suffix) ? readFileSync(path + suffix) : undefined);
        files.set('/' + relative(dir, path).split(sep).join('/'), {
          type: TYPES[extname(name)],
          identity: readFileSync(path),
          gzip: read('.gz'),
          br: read('.br'),
        });
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * Serves the built pages: the page shell (index.html, a fresh CSP nonce each time, never cached) for every page
 * route, and the files of the build (hashed assets cached for a year), precompressed where the build wrote
 * .br/.gz files. The handler answers and returns true, or returns false for a request that is not for a page or
 * a file. Returns null when the pages have not been built.
 */
export function pagesHandler(dir: string): ((req: IncomingMessage, res: ServerResponse) => boolean) | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = loadFiles(dir);
  const shell = files.get('/index.html')!.identity.toString('utf8');
  files.delete('/index.html');

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0];
    if (PAGE_ROUTE.test(path)) {
      const nonce = randomBytes(16).toString('base64');
      const body = Buffer.from(shell.split(NONCE_PLACEHOLDER).join(nonce));
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
      res.setHeader('Content-Type', TYPES['.html']);
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    const file = files.get(path);
    if (!file) return false;
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [body, encoding] =
      file.br && /\bbr\b/.test(accepts)
        ? [file.br, 'br']
        : file.gzip && /\bgzip\b/.test(accepts)
          ? [file.gzip, 'gzip']
          : [file.identity, undefined];
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Type', file.type);
    res.setHeader('Cache-Control', path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    if (file.br || file.gzip) res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

/** Logs only facts: where the pages come from, or that they are missing. */
interface PagesLogger {
  log(message: unknown, context?: string): void;
  warn(message: unknown, context?: string): void;
}

/**
 * The hook for `createPortal`: answers the pages in an `onRequest` hook, in front of the API's routes (a page
 * answered there skips the rest of Fastify's request cycle; its access line is still logged). Without a build (the
 * API's own tests, `npm run build` skipped) the API runs alone and `/` answers 404.
 */
export function servePages(
  fastify: FastifyInstance,
  logger: PagesLogger,
  quiet = false,
  dir = defaultPagesDir(),
): void {
  const handler = pagesHandler(dir);
  if (handler) {
    fastify.addHook('onRequest', (request, reply, done) => {
      // The response is written on the raw Node response here, past Fastify's own headers: the request id goes
      // along by hand.
      const requestId = reply.getHeader('x-request-id');
      if (requestId !== undefined) reply.raw.setHeader('X-Request-Id', requestId);
      if (handler(request.raw, reply.raw)) void reply.hijack();
      else done();
    });
    if (!quiet) logger.log({ msg: 'web pages served at /', dir }, 'Pages');
  } else if (!quiet) {
    logger.warn({ msg: 'web pages not built (run npm run build): only the API is served', dir }, 'Pages');
  }
}
