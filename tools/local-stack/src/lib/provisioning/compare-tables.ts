import type { CreateTableCommandInput, KeySchemaElement, Projection, TableDescription } from '@aws-sdk/client-dynamodb';

/**
 * The differences that change behaviour between a table the synth declares and one that exists:
 * keys, attribute types, indexes and the stream. Capacity and billing are left out (DynamoDB
 * Local never throttles). An empty list means the existing table is the declared one.
 */
export function tableDifferences(declared: CreateTableCommandInput, actual: TableDescription): string[] {
  const differences: string[] = [];
  const expectKeys = (what: string, want: KeySchemaElement[] | undefined, have: KeySchemaElement[] | undefined): void => {
    if (keys(want) !== keys(have)) differences.push(`${what} key schema: declared ${keys(want)}, found ${keys(have)}`);
  };
  expectKeys('table', declared.KeySchema, actual.KeySchema);

  const declaredTypes = attributeTypes(declared.AttributeDefinitions);
  const actualTypes = attributeTypes(actual.AttributeDefinitions);
  for (const [name, type] of declaredTypes) {
    const found = actualTypes.get(name);
    if (found !== undefined && found !== type) differences.push(`attribute ${name}: declared ${type}, found ${found}`);
  }

  compareIndexes('global secondary index', declared.GlobalSecondaryIndexes ?? [], actual.GlobalSecondaryIndexes ?? [], differences, expectKeys);
  compareIndexes('local secondary index', declared.LocalSecondaryIndexes ?? [], actual.LocalSecondaryIndexes ?? [], differences, expectKeys);

  const declaredStream = declared.StreamSpecification?.StreamEnabled ? declared.StreamSpecification.StreamViewType : 'disabled';
  const actualStream = actual.StreamSpecification?.StreamEnabled ? actual.StreamSpecification.StreamViewType : 'disabled';
  if (declaredStream !== actualStream) differences.push(`stream: declared ${declaredStream}, found ${actualStream}`);
  return differences;
}

interface IndexShape {
  IndexName?: string;
  KeySchema?: KeySchemaElement[];
  Projection?: Projection;
}

function compareIndexes(
  kind: string,
  declared: readonly IndexShape[],
  actual: readonly IndexShape[],
  differences: string[],
  expectKeys: (what: string, want: KeySchemaElement[] | undefined, have: KeySchemaElement[] | undefined) => void,
): void {
  const actualByName = new Map(actual.map((index) => [index.IndexName, index]));
  for (const index of declared) {
    const found = actualByName.get(index.IndexName);
    if (!found) {
      differences.push(`${kind} ${index.IndexName} is declared but missing`);
      continue;
    }
    expectKeys(`${kind} ${index.IndexName}`, index.KeySchema, found.KeySchema);
    if (projection(index.Projection) !== projection(found.Projection)) {
      differences.push(`${kind} ${index.IndexName} projection: declared ${projection(index.Projection)}, found ${projection(found.Projection)}`);
    }
    actualByName.delete(index.IndexName);
  }
  for (const name of actualByName.keys()) differences.push(`${kind} ${name} exists but is not declared`);
}

const keys = (schema: KeySchemaElement[] | undefined): string => (schema ?? []).map((k) => `${k.AttributeName} ${k.KeyType}`).join(', ');

const projection = (p: Projection | undefined): string =>
  `${p?.ProjectionType ?? 'ALL'}${p?.NonKeyAttributes?.length ? ` (${[...p.NonKeyAttributes].sort().join(', ')})` : ''}`;

const attributeTypes = (definitions: CreateTableCommandInput['AttributeDefinitions']): Map<string, string> =>
  new Map((definitions ?? []).map((a) => [a.AttributeName as string, a.AttributeType as string]));
