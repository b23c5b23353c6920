// PostGraphile 5 (amber preset and the connection filter plugin, relation filters on) on node:http, as
// `npm run bench -- --peers` runs it: no auth, the whole `public` schema, filters on every column, GraphiQL and
// watch mode off. Node >= 22.
// PostGraphile's packages are not the portal's dependencies: they are imported from POSTGRAPHILE_MODULES, the
// folder the bench installed them into (outside the source tree).
//
// Environment: POSTGRAPHILE_MODULES, DATABASE_URL, PORT, DB_POOL_SIZE (default 10).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const modules = process.env.POSTGRAPHILE_MODULES;
if (!modules) throw new Error('POSTGRAPHILE_MODULES is not set');
const resolve = createRequire(`${modules.replace(/\/$/, '')}/`).resolve;
const load = (specifier) => import(pathToFileURL(resolve(specifier)).href);

const { postgraphile } = await load('postgraphile');
const { grafserv } = await load('postgraphile/grafserv/node');
const { PostGraphileAmberPreset } = await load('postgraphile/presets/amber');
const { makePgService } = await load('postgraphile/adaptors/pg');
const { PostGraphileConnectionFilterPreset } = await load('postgraphile-plugin-connection-filter');

const port = Number(process.env.PORT);
const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  // Filters and orders on every column, not only the indexed ones (institution.zone_code has no index of its own):
  // what may be asked, not how it is answered.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: { max: Number(process.env.DB_POOL_SIZE || 10) },
    }),
  ],
  schema: { connectionFilterRelations: true },
  grafserv: { port, host: '127.0.0.1', graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(port, '127.0.0.1', () => console.log(`postgraphile listening on http://127.0.0.1:${port}/graphql`));

const stop = () => {
  server.close();
  void pgl.release().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
