import { FilterPatternError } from './errors';
import { FilterPattern, matchesAnyFilter } from './filter-pattern';

const record = (eventName: string, newImage?: Record<string, unknown>, oldImage?: Record<string, unknown>): Record<string, unknown> => ({
  eventID: 'e1',
  eventName,
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: {
    ApproximateCreationDateTime: 1_700_000_000,
    Keys: { productId: { S: 'p#1234' } },
    ...(newImage && { NewImage: newImage }),
    ...(oldImage && { OldImage: oldImage }),
    SequenceNumber: '100',
    SizeBytes: 40,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
  eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/label',
});
const product = (stock: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ productId: { S: 'p#1234' }, stock: { N: String(stock) }, ...extra });
const matches = (pattern: unknown, event: unknown): boolean => FilterPattern.parse(JSON.stringify(pattern)).matches(event);

describe('FilterPattern', () => {
  it('matches equal values, ORs the values of a field and ANDs the fields', () => {
    // Prepare
    const pattern = { eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: { productId: { S: ['p#1234'] } } } };

    // Act & Assess
    expect(matches(pattern, record('MODIFY', product(1)))).toBe(true);
    expect(matches(pattern, record('REMOVE', undefined, product(1)))).toBe(false);
    expect(matches({ ...pattern, dynamodb: { Keys: { productId: { S: ['p#9'] } } } }, record('MODIFY'))).toBe(false);
  });

  it('compares DynamoDB numbers as the strings they are: numeric never matches them', () => {
    // Act & Assess
    expect(matches({ dynamodb: { NewImage: { stock: { N: ['49'] } } } }, record('MODIFY', product(49)))).toBe(true);
    expect(matches({ dynamodb: { NewImage: { stock: { N: [49] } } } }, record('MODIFY', product(49)))).toBe(false);
    expect(matches({ dynamodb: { NewImage: { stock: { N: [{ numeric: ['<', 50] }] } } } }, record('MODIFY', product(49)))).toBe(false);
    expect(matches({ dynamodb: { SizeBytes: [{ numeric: ['>', 10, '<=', 40] }] } }, record('MODIFY'))).toBe(true);
    expect(matches({ dynamodb: { SizeBytes: [{ numeric: ['=', 41] }] } }, record('MODIFY'))).toBe(false);
  });

  it('applies exists to leaves only, and exists:false to missing fields', () => {
    // Act & Assess
    expect(matches({ dynamodb: { NewImage: { stock: { N: [{ exists: true }] } } } }, record('MODIFY', product(1)))).toBe(true);
    expect(matches({ dynamodb: { NewImage: { stock: [{ exists: true }] } } }, record('MODIFY', product(1)))).toBe(false);
    expect(matches({ dynamodb: { OldImage: [{ exists: false }] } }, record('INSERT', product(1)))).toBe(true);
    expect(matches({ dynamodb: { OldImage: { stock: { N: [{ exists: false }] } } } }, record('INSERT', product(1)))).toBe(true);
    expect(matches({ dynamodb: { OldImage: { stock: { N: [{ exists: false }] } } } }, record('MODIFY', product(1), product(2)))).toBe(false);
  });

  it('keeps a record whose attribute holds an object under exists:false, as Lambda on AWS does', () => {
    // Prepare: an item {"id": {"S": "id_value_2"}, "presentKey": {"S": "presentValue"}}: exists looks at leaves, and presentKey holds an object
    const pattern = { dynamodb: { NewImage: { presentKey: [{ exists: false }] } } };
    const withPresentKey = { eventName: 'INSERT', dynamodb: { NewImage: { id: { S: 'id_value_2' }, presentKey: { S: 'presentValue' } } } };
    const withoutPresentKey = { eventName: 'INSERT', dynamodb: { NewImage: { id: { S: 'id_value_1' } } } };

    // Act & Assess: AWS invoked the function for both items (calls = 2)
    expect(matches(pattern, withoutPresentKey)).toBe(true);
    expect(matches(pattern, withPresentKey)).toBe(true);
    expect(matches({ dynamodb: { NewImage: { presentKey: { S: [{ exists: false }] } } } }, withPresentKey)).toBe(false);
  });

  it('supports prefix, suffix, equals-ignore-case, anything-but, null and empty', () => {
    // Prepare
    const modify = record('MODIFY', product(1, { name: { S: 'Blue Mug' }, note: { NULL: true }, code: { S: '' } }));

    // Act & Assess
    expect(matches({ dynamodb: { Keys: { productId: { S: [{ prefix: 'p#' }] } } } }, modify)).toBe(true);
    expect(matches({ dynamodb: { NewImage: { name: { S: [{ suffix: 'Mug' }] } } } }, modify)).toBe(true);
    expect(matches({ dynamodb: { NewImage: { name: { S: [{ 'equals-ignore-case': 'blue mug' }] } } } }, modify)).toBe(true);
    expect(matches({ eventName: [{ 'anything-but': ['REMOVE'] }] }, modify)).toBe(true);
    expect(matches({ eventName: [{ 'anything-but': 'MODIFY' }] }, modify)).toBe(false);
    expect(matches({ dynamodb: { NewImage: { code: { S: [''] } } } }, modify)).toBe(true);
    expect(matches({ userIdentity: [null] }, { ...modify, userIdentity: null })).toBe(true);
    expect(matches({ userIdentity: [null] }, modify)).toBe(false);
  });

  it('ORs the alternatives of $or and ANDs them with the other fields', () => {
    // Prepare
    const pattern = { eventName: ['MODIFY'], $or: [{ dynamodb: { NewImage: { stock: { N: ['0'] } } } }, { dynamodb: { OldImage: { stock: { N: [{ exists: false }] } } } }] };

    // Act & Assess
    expect(matches(pattern, record('MODIFY', product(0), product(1)))).toBe(true);
    expect(matches(pattern, record('MODIFY', product(5)))).toBe(true);
    expect(matches(pattern, record('MODIFY', product(5), product(6)))).toBe(false);
    expect(matches(pattern, record('INSERT', product(0)))).toBe(false);
  });

  it('keeps a record that matches any filter, and everything without filters', () => {
    // Prepare
    const filters = [FilterPattern.parse('{"eventName":["INSERT"]}'), FilterPattern.parse('{"eventName":["REMOVE"]}')];

    // Act & Assess
    expect(matchesAnyFilter(filters, record('REMOVE'))).toBe(true);
    expect(matchesAnyFilter(filters, record('MODIFY'))).toBe(false);
    expect(matchesAnyFilter([], record('MODIFY'))).toBe(true);
  });

  it('refuses patterns Lambda would refuse, naming the problem', () => {
    // Act & Assess
    expect(() => FilterPattern.parse('not json')).toThrow(FilterPatternError);
    expect(() => FilterPattern.parse('{}')).toThrow('a pattern is a non-empty JSON object');
    expect(() => FilterPattern.parse('{"eventName":"INSERT"}')).toThrow('"eventName" must be a list of values or a nested pattern');
    expect(() => FilterPattern.parse('{"eventName":[]}')).toThrow('empty list');
    expect(() => FilterPattern.parse('{"eventName":[{"wildcard":"IN*"}]}')).toThrow('unknown operator "wildcard"');
    expect(() => FilterPattern.parse('{"n":[{"numeric":["!=",1]}]}')).toThrow('numeric operators are');
    expect(() => FilterPattern.parse('{"$or":[{"a":["x"]}]}')).toThrow('"$or" needs an array of at least two patterns');
  });
});
