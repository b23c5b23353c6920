// The pages: `npm run build` writes them to dist/web, which the portal serves at / (src/web/pages.ts).
// `npm run dev:web` serves them with live reload on :5173 and passes the API through to a portal on :3000.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const outDir = join(import.meta.dirname, '..', 'dist', 'web');
const api = process.env.PORTAL_URL ?? 'http://localhost:3000';

/** Writes .br and .gz beside each text asset, so the portal sends them compressed without compressing per request. */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else if (/\.(js|css|svg|json)$/.test(name) && statSync(path).size > 1024) {
            const data = readFileSync(path);
            writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
            writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          }
        }
      };
      walk(outDir);
    },
  };
}

export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  // Each response of the page shell gets its own nonce in place of this placeholder (Content-Security-Policy).
  html: { cspNonce: '__CSP_NONCE__' },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Ant Design marks its modules "use client" (for React Server Components); a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
  resolve: {
    // react-router's package exports name only its development build; the production one has no dev checks.
    alias:
      command === 'build'
        ? [
            {
              find: /^react-router$/,
              replacement: join(import.meta.dirname, '../node_modules/react-router/dist/production/index.mjs'),
            },
          ]
        : [],
  },
  plugins: [precompress()],
  server: {
    proxy: { '/graphql': api, '/exports': api, '/health': api },
  },
}));
