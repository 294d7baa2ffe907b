import { UnsupportedAttributeError } from '../errors';
import { fixtureDocument } from '../../testing/terraform-fixtures';
import { classifyResourceTypes } from './resource-types';

describe('classifyResourceTypes', () => {
  it('reports resource types with no local effect, with how many there are', () => {
    // Prepare
    const synth = fixtureDocument({ aws_kms_key: { a: {}, b: {} }, aws_cloudwatch_metric_alarm: { c: {} }, aws_dynamodb_table: { t: {} }, aws_iam_role: { r: {} } });

    // Act
    const inert = classifyResourceTypes(synth);

    // Assess
    expect(inert.map((i) => [i.type, i.count])).toEqual([
      ['aws_kms_key', 2],
      ['aws_cloudwatch_metric_alarm', 1],
    ]);
  });

  it('refuses a type that would change behaviour, and one it does not know', () => {
    // Act & Assess
    expect(() => classifyResourceTypes(fixtureDocument({ aws_lambda_function_url: { url: {} } }))).toThrow('function URLs are not emulated');
    expect(() => classifyResourceTypes(fixtureDocument({ aws_pipes_pipe: { p: {} } }))).toThrow(UnsupportedAttributeError);
    expect(() => classifyResourceTypes(fixtureDocument({ aws_pipes_pipe: { p: {} } }))).toThrow('aws_pipes_pipe is unknown to the local stack');
  });
});
