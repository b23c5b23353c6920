import { createPortal } from './bootstrap.js';
import { JsonLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main(): Promise<void> {
  const bootLogger = new JsonLogger('info');
  let config;
  try {
    config = loadConfig(process.env, (message) => bootLogger.warn(message, 'Config'));
  } catch (error) {
    if (error instanceof ConfigError) {
      bootLogger.error({ msg: error.message, variable: error.variable }, 'Config');
      process.exit(1);
    }
    throw error;
  }
  const logger = new JsonLogger(config.logLevel);
  const portal = await createPortal(config, logger);
  await portal.app.listen(config.port, config.host);
  const address = portal.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.log(
    {
      msg: `portal listening on http://localhost:${port}/graphql`,
      port,
      database: portal.embedded ? 'embedded' : 'server',
    },
    'Main',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down', signal }, 'Main');
    await portal.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  new JsonLogger('error').error(
    { msg: 'portal failed to start', error: error instanceof Error ? error.message : String(error) },
    'Main',
  );
  process.exit(1);
});
