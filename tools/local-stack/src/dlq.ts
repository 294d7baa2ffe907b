/**
 * `npm run dlq`: the event source mapping's on-failure queue — list it, show a message with its
 * records, redrive records through the function (a dry run unless --apply).
 *
 *   npm run dlq -- list [--json]
 *   npm run dlq -- show <messageId> [--json] [--from-stream]
 *   npm run dlq -- redrive <messageId>... | --all  [--apply] [--from-stream] [--iam enforce|warn|off]
 *
 * Local (default): the running stack's queue under --state-dir (.local), --synth for the
 * functions (the dev synth). Messages carry the records; --from-stream reads them back from the
 * stream instead, as on AWS.
 *
 * AWS: --queue-url https://sqs.<region>.amazonaws.com/<account>/<queue> [--region R]
 *      [--synth infra/cdktf.out/stacks/shop-prod/cdk.tf.json]: messages from SQS (metadata only),
 *      records read from the stream by sequence number (within its 24 hours), the function named
 *      in the message invoked with lambda:InvokeFunction, the message deleted when it succeeded.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseIamMode } from '@shop/tools-local-iam';
import { listMessages, redriveMessages, showMessage } from './lib/dlq/dlq-commands';
import { openAwsDlqContext, openLocalDlqContext, type OpenedDlqContext } from './lib/dlq/dlq-context';
import { LocalStackError } from './lib/errors';
import { createLogger, LogLevel } from './lib/logging/logger';
import { DEV_SYNTH_PATH } from './lib/stack/synthesize';

const workspaceRoot = path.resolve(__dirname, '../../..');
const USAGE = 'usage: npm run dlq -- list | show <messageId> | redrive <messageId>... | redrive --all  [--apply] [--from-stream] [--json] [--queue-url URL]';

/** Exit codes: 0 done, 1 could not run, 2 a redrive failed (the message stays queued). */
async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'state-dir': { type: 'string', default: '.local' },
      synth: { type: 'string' },
      queue: { type: 'string' },
      'queue-url': { type: 'string' },
      region: { type: 'string' },
      iam: { type: 'string' },
      apply: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      'from-stream': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: LogLevel.Warn },
    },
    strict: true,
  });
  const [command, ...ids] = positionals;
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const logger = createLogger({ format: 'pretty', level: values['log-level'] as LogLevel, sink: { writeLine: (line) => process.stderr.write(`${line}\n`) } });
  const synthPath = values.synth === undefined ? undefined : path.resolve(workspaceRoot, values.synth);
  const opened: OpenedDlqContext = values['queue-url']
    ? await openAwsDlqContext({ queueUrl: values['queue-url'], region: values.region, synthPath, out })
    : await openLocalDlqContext({
        stateDirectory: path.resolve(workspaceRoot, values['state-dir'] as string),
        synthPath: synthPath ?? path.join(workspaceRoot, DEV_SYNTH_PATH),
        queueName: values.queue,
        iamMode: parseIamMode(values.iam),
        logger,
        out,
      });
  try {
    switch (command) {
      case 'list':
        await listMessages(opened.context, { json: values.json });
        return 0;
      case 'show':
        if (ids.length !== 1) throw new LocalStackError(`show takes one message id\n${USAGE}`);
        await showMessage(opened.context, ids[0] as string, { json: values.json, fromStream: values['from-stream'] });
        return 0;
      case 'redrive': {
        if (values.all === ids.length > 0) throw new LocalStackError(`redrive takes message ids or --all\n${USAGE}`);
        const results = await redriveMessages(opened.context, values.all ? 'all' : ids, { apply: values.apply, fromStream: values['from-stream'] });
        return results.some((r) => r.outcome?.kind === 'failed') ? 2 : 0;
      }
      default:
        throw new LocalStackError(USAGE);
    }
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e === error ? e.message : `caused by: ${e.message}`);
    console.error(messages.length > 0 ? messages.join('\n') : String(error));
    process.exit(1);
  },
);
