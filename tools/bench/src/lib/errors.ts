/** Base class of the benchmark tool's errors. */
export class BenchError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BenchError';
  }
}

/** The system under test answered wrongly during a measurement: the figure would be meaningless. */
export class BenchCorrectnessError extends BenchError {
  constructor(
    readonly benchmark: string,
    readonly problem: string,
  ) {
    super(`${benchmark}: ${problem}`);
    this.name = 'BenchCorrectnessError';
  }
}
