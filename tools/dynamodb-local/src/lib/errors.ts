/** Base class for every error the DynamoDB Local launcher raises. */
export class DynamoDbLocalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalError';
  }
}

/** `java` is missing or too old. The message carries the exact command that fixes it. */
export class JavaNotFoundError extends DynamoDbLocalError {
  static readonly installCommand = 'sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless';

  constructor(
    readonly javaBin: string,
    readonly found?: string,
  ) {
    super(
      `DynamoDB Local needs Java 17 or newer, but ${found ? `"${javaBin}" is ${found}` : `"${javaBin}" was not found`}. ` +
        `Install it with: ${JavaNotFoundError.installCommand} (or set JAVA_HOME).`,
    );
    this.name = 'JavaNotFoundError';
  }
}

/** DynamoDB Local did not answer in time, or exited while starting. */
export class DynamoDbLocalStartError extends DynamoDbLocalError {
  constructor(message: string, readonly output: string, options?: { cause?: unknown }) {
    super(`${message}${output ? `\n--- DynamoDB Local output ---\n${output.slice(-4000)}` : ''}`, options);
    this.name = 'DynamoDbLocalStartError';
  }
}
