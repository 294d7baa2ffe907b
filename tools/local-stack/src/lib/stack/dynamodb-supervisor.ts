import { startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import type { Logger } from '../logging/logger';

/** How often the supervisor checks that the JVM is alive. */
const CHECK_INTERVAL_MS = 1000;

export interface SupervisedDynamoDbLocal {
  /** The endpoint stays the same across restarts (same port). */
  readonly endpoint: string;
  /** The JVM running now. */
  readonly current: DynamoDbLocal;
  /** How many times it was restarted. */
  readonly restarts: number;
  stop(): Promise<void>;
}

/**
 * Watches the stack's own DynamoDB Local. If the JVM dies while the stack runs (killed, out of
 * memory), it is started again on the same port with the same data folder when the data is on disk
 * (`--persist`): the IAM proxies and the pollers reconnect, and the mappings resume from their
 * checkpoints. In memory, the data is gone with the JVM; that is said plainly instead.
 *
 * @example
 * const ddb = superviseDynamoDbLocal(await startDynamoDbLocal({ dbPath }), logger);
 * await ddb.stop();
 */
export function superviseDynamoDbLocal(started: DynamoDbLocal, logger: Logger): SupervisedDynamoDbLocal {
  let current = started;
  let restarts = 0;
  let stopping = false;
  let restarting: Promise<void> | undefined;
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const restart = async (): Promise<void> => {
    if (!current.dbPath) {
      clearInterval(timer);
      logger.error('DynamoDB Local exited; its in-memory data is gone. Restart the stack (npm start -- --persist DIR keeps data across this)', { javaPid: current.javaPid });
      return;
    }
    logger.error('DynamoDB Local exited; starting it again on the same port and data', { javaPid: current.javaPid, port: current.port, data: current.dbPath });
    try {
      await current.stop(); // reaps the watchdog of the dead JVM
      const next = await startDynamoDbLocal({ port: current.port, dbPath: current.dbPath });
      if (stopping) {
        await next.stop();
        return;
      }
      current = next;
      restarts += 1;
      logger.info('DynamoDB Local is up again', { endpoint: next.endpoint, javaPid: next.javaPid });
    } catch (error) {
      logger.error('DynamoDB Local could not be started again; retrying', { error: (error as Error).message });
    }
  };
  const timer = setInterval(() => {
    if (stopping || restarting || alive(current.javaPid)) return;
    restarting = restart().finally(() => (restarting = undefined));
  }, CHECK_INTERVAL_MS);
  timer.unref();
  return {
    endpoint: started.endpoint,
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await restarting;
      await current.stop();
    },
  };
}
