/**
 * The metrics AWS publishes that this stack's alarms and dashboard read, by namespace: spelled
 * once, so a synth test can tell a widget on a real metric from a typo.
 */
export const AwsMetric = {
  Lambda: { namespace: 'AWS/Lambda', Errors: 'Errors', Throttles: 'Throttles', Duration: 'Duration', IteratorAge: 'IteratorAge' },
  Sqs: { namespace: 'AWS/SQS', ApproximateNumberOfMessagesVisible: 'ApproximateNumberOfMessagesVisible' },
  // HTTP APIs (dimensions ApiId, Stage): the error counts are named by their class.
  ApiGateway: { namespace: 'AWS/ApiGateway', ClientErrors: '4xx', ServerErrors: '5xx', Latency: 'Latency' },
} as const;

/** Every metric name AWS publishes under `namespace`, as listed above. */
export function awsMetricNames(namespace: string): readonly string[] {
  const entry = Object.values(AwsMetric).find((metrics) => metrics.namespace === namespace);
  return entry ? Object.entries(entry).flatMap(([key, value]) => (key === 'namespace' ? [] : [value])) : [];
}
