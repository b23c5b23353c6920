import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { contentSecurityPolicy, NONCE_PLACEHOLDER, pagesHandler } from '../../src/web/pages.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const SHELL = `<!doctype html><html><head><meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}">
<script type="module" src="/assets/index-abc123.js" nonce="${NONCE_PLACEHOLDER}"></script></head><body></body></html>`;
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

/** A build as `vite build` writes it: the shell, hashed assets with .gz beside them, a file at the root. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eldercare-pages-test-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, 'index.html'), SHELL);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
  return dir;
}

describe('the pages handler', () => {
  let dir: string;
  let server: Server;
  beforeAll(() => {
    dir = fakeBuild();
    const handler = pagesHandler(dir)!;
    // Whatever the handler passes on gets the API's answer: a 404 here.
    server = createServer((req, res) => {
      if (handler(req, res)) return;
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end('{"statusCode":404}');
    });
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/login',
    '/verify',
    '/change-password',
    '/signup',
    '/planning',
    '/planning/ratios',
    '/admin/audit',
    '/volunteer/statement/',
  ])('answers the page route %s with the shell, its security headers and no caching', async (path) => {
    const res = await request(server).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)![1];
    expect(res.text).toContain(`nonce="${nonce}"`);
    expect(res.text).not.toContain(NONCE_PLACEHOLDER);
  });

  it('gives every response of the shell a nonce of its own', async () => {
    const [a, b] = await Promise.all([request(server).get('/login'), request(server).get('/login')]);
    expect(a.headers['content-security-policy']).not.toBe(b.headers['content-security-policy']);
  });

  it('passes everything that is not a page route or a built file on to the API', async () => {
    for (const path of [
      '/graphql',
      '/health/live',
      '/exports/planning.xlsx',
      '/api/anything',
      '/no-such-page',
      '/planning.php',
      '/assets/missing.js',
      '/.vite/manifest.json',
      '/index.html/x',
    ]) {
      const res = await request(server).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toBe('application/json');
    }
    const post = await request(server).post('/planning').send('x');
    expect(post.status).toBe(404);
  });

  it('serves hashed assets for a year, compressed when the browser accepts it', async () => {
    const gz = await request(server).get('/assets/index-abc123.js').set('accept-encoding', 'gzip');
    expect(gz.status).toBe(200);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gz.headers['x-content-type-options']).toBe('nosniff');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.text).toBe(SCRIPT);

    const plain = await request(server).get('/assets/index-abc123.js').set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);

    const icon = await request(server).get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');

    const head = await request(server).head('/assets/index-abc123.js');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(SCRIPT)));
  });

  it('is absent without a build', () => {
    expect(pagesHandler(join(dir, 'no-build'))).toBeNull();
  });

  it('allows only the pages’ own origin, with style elements by nonce', () => {
    expect(contentSecurityPolicy('abc')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-abc'; style-src-elem 'self' 'nonce-abc' 'report-sample'; " +
        "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });
});

describe('the portal with its pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves the API, health and exports as they were, and unknown API paths 404', async () => {
    expect((await request(t.server).get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await t.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    const exportAnonymous = await request(t.server).get('/exports/planning.xlsx');
    expect(exportAnonymous.status).toBe(401);
    for (const path of ['/api/anything', '/health', '/exports', '/no-such-page']) {
      const res = await request(t.server).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });
});
