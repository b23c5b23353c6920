#!/usr/bin/env node
// The JavaScript and CSS a browser downloads to show one page: the entry, the page's chunk and every chunk they
// import statically, read from the build's manifest (run `npm run build` first). Prints raw, gzip and brotli sizes.
//   node web/scripts/route-size.mjs [src/pages/public/login-page.tsx ...]   (default: the sign-in page)
// An argument `a.tsx+b.tsx` counts the two chunks' files together (a page and the chart it loads after).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = new URL('../../dist/web/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8'));
const pages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src/pages/public/login-page.tsx'];

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`No chunk ${key} in the manifest`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen].flatMap((key) => [manifest[key].file, ...(manifest[key].css ?? [])]);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const results = {};
for (const page of pages) {
  const files = [...new Set(closure(['index.html', ...page.split('+')]))];
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  let jsGzip = 0;
  for (const file of files) {
    const data = readFileSync(join(dir, file));
    const gz = gzipSync(data, { level: 9 }).length;
    raw += data.length;
    gzip += gz;
    brotli += brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    if (file.endsWith('.js')) jsGzip += gz;
  }
  results[page] = { files: files.length, raw, gzip, brotli, jsGzip };
  console.log(
    `${page}: ${files.length} files, ${kb(raw)} raw, ${kb(gzip)} gzip (JavaScript ${kb(jsGzip)}), ${kb(brotli)} brotli`,
  );
}
if (process.env.ROUTE_SIZE_JSON) console.log(JSON.stringify(results));
