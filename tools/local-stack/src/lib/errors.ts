/** Base class of every error the local stack raises; `cause` keeps the underlying failure. */
export class LocalStackError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** A resource in the synth is incomplete or has a value AWS would reject. */
export class InvalidResourceError extends LocalStackError {
  constructor(
    readonly address: string,
    readonly problem: string,
  ) {
    super(`${address}: ${problem}`);
    this.name = 'InvalidResourceError';
  }
}

/**
 * The synth asks for something the local stack does not emulate. Raised at start-up, so a
 * setting is never silently ignored.
 */
export class UnsupportedAttributeError extends LocalStackError {
  constructor(
    readonly address: string,
    readonly attribute: string,
    readonly reason: string,
  ) {
    super(`${address}: "${attribute}" is not supported by the local stack: ${reason}`);
    this.name = 'UnsupportedAttributeError';
  }
}

/** A value in the synth (`text`, as written) that the local stack cannot resolve. */
export class TerraformReferenceError extends LocalStackError {
  constructor(
    readonly address: string,
    readonly text: string,
    readonly reason: string,
  ) {
    super(`${address}: cannot resolve "${text}": ${reason}`);
    this.name = 'TerraformReferenceError';
  }
}

/** A table already exists in DynamoDB Local with a definition other than the synth's. */
export class TableDefinitionMismatchError extends LocalStackError {
  constructor(
    readonly tableName: string,
    readonly differences: readonly string[],
  ) {
    super(
      `Table ${tableName} already exists in DynamoDB Local with another definition:\n  - ${differences.join('\n  - ')}\n` +
        'Start from an empty DynamoDB Local (drop the data folder) or change the table back.',
    );
    this.name = 'TableDefinitionMismatchError';
  }
}

/** A table of the synth is not in DynamoDB Local, where a tool joining a running stack expects it. */
export class TableNotProvisionedError extends LocalStackError {
  constructor(readonly tableName: string) {
    super(`Table ${tableName} does not exist in this DynamoDB Local: is this the synth the running stack was started with?`);
    this.name = 'TableNotProvisionedError';
  }
}

/** A function's code cannot be found, unpacked or loaded. */
export class FunctionCodeError extends LocalStackError {
  constructor(
    readonly functionName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Function ${functionName}: ${message}`, options);
    this.name = 'FunctionCodeError';
  }
}

/** A zip archive is damaged or uses a feature the reader does not implement. */
export class ZipArchiveError extends LocalStackError {
  constructor(
    readonly archivePath: string,
    problem: string,
  ) {
    super(`${archivePath}: ${problem}`);
    this.name = 'ZipArchiveError';
  }
}

/** `.local/stack.json` is missing or does not describe a running stack. */
export class StackNotRunningError extends LocalStackError {
  constructor(
    readonly stackFile: string,
    reason: string,
  ) {
    super(`No running local stack (${stackFile}): ${reason}. Start one with \`npm start\`.`);
    this.name = 'StackNotRunningError';
  }
}

/** A fault-injection flag or `LOCAL_STACK_FAULT_*` variable has a value it cannot take. */
export class InvalidFaultSettingError extends LocalStackError {
  constructor(
    readonly setting: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(`${setting} cannot be "${value}": ${expected}`);
    this.name = 'InvalidFaultSettingError';
  }
}

/**
 * Records given up on could not be sent to the mapping's on-failure destination (the local queue's
 * folder cannot be written): they are not checkpointed past, and are delivered again.
 */
export class OnFailureDeliveryError extends LocalStackError {
  constructor(
    readonly destinationArn: string,
    readonly range: string,
    options?: { cause?: unknown },
  ) {
    super(`Records ${range} could not be sent to the on-failure destination ${destinationArn}: ${(options?.cause as Error | undefined)?.message ?? 'unknown error'}`, options);
    this.name = 'OnFailureDeliveryError';
  }
}

/** A checkpoint file cannot be read or written. */
export class CheckpointStoreError extends LocalStackError {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (${file})`, options);
    this.name = 'CheckpointStoreError';
  }
}

/** A DLQ message body is not the on-failure record Lambda sends for a DynamoDB stream. */
export class InvalidOnFailureMessageError extends LocalStackError {
  constructor(
    readonly messageId: string,
    readonly problem: string,
  ) {
    super(`Message ${messageId} is not a DynamoDB stream on-failure record: ${problem}`);
    this.name = 'InvalidOnFailureMessageError';
  }
}

/** No message in the queue has this id (or id prefix), or the prefix names several. */
export class DlqMessageNotFoundError extends LocalStackError {
  constructor(
    readonly queue: string,
    readonly messageId: string,
    reason = 'no such message',
  ) {
    super(`${queue}: ${reason}: ${messageId}`);
    this.name = 'DlqMessageNotFoundError';
  }
}

/**
 * The records an on-failure message names can no longer be read from the stream: DynamoDB keeps
 * stream records 24 hours. Past that, only the local DLQ (which stores the records) can redrive.
 */
export class StreamRecordsUnavailableError extends LocalStackError {
  constructor(
    readonly streamArn: string,
    readonly shardId: string,
    readonly range: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Records ${range} of ${shardId} in ${streamArn} cannot be read from the stream: ${reason}`, options);
    this.name = 'StreamRecordsUnavailableError';
  }
}

/** The local issuer's signing key file cannot be read or is not an RSA private key. */
export class SigningKeyError extends LocalStackError {
  constructor(
    readonly keyFile: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`Signing key ${keyFile}: ${problem}`, options);
    this.name = 'SigningKeyError';
  }
}

/** `npm run token` was asked for a token the running stack's authorizer cannot accept, or with a bad flag. */
export class TokenRequestError extends LocalStackError {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`${option}: ${problem}`);
    this.name = 'TokenRequestError';
  }
}

/** `--auth` has a value other than jwt or off. */
export class InvalidAuthModeError extends LocalStackError {
  constructor(readonly value: string) {
    super(`Unknown auth mode "${value}"; use jwt or off`);
    this.name = 'InvalidAuthModeError';
  }
}

/** Headless Chromium is missing, did not start, or a page did not do what `docs-check` asked. */
export class HeadlessChromiumError extends LocalStackError {
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(output ? `${message}\n--- chromium ---\n${output.slice(-2000)}` : message);
    this.name = 'HeadlessChromiumError';
  }
}

/** A local stack run as a child process ({@link StackProcess}) did not come up, stop, or die as asked. */
export class StackProcessError extends LocalStackError {
  constructor(
    readonly reason: string,
    readonly output: string,
  ) {
    super(output ? `${reason}\n--- last output of the stack ---\n${output}` : reason);
    this.name = 'StackProcessError';
  }
}

/** A port the stack would listen on is taken: nothing was started. */
export class PortInUseError extends LocalStackError {
  constructor(
    readonly host: string,
    readonly port: number,
    /** The option that picks another port for this listener (`--port`, `--dynamodb-port`). */
    readonly flag: string,
    readonly purpose: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${host}:${port} is already in use, so the ${purpose} cannot listen there (is another \`npm start\` running?). Nothing was started. Stop what holds it, or pick another port with \`npm start -- ${flag} N\`${flag === '--port' ? ' (0: any free port)' : ''}.`,
      options,
    );
    this.name = 'PortInUseError';
  }
}
