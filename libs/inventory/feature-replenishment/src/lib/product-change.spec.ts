import { ProductValidationError } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import { dynamodbStreamRecord, seedTestEvent } from '../testing';
import { InvalidStreamRecordError } from './errors';
import { decodeProductChange, productIdOf } from './product-change';

const before = seedProduct();
const after = seedProduct({ stock: 49 });

function decodeFailure(record: DynamoDBRecord): InvalidStreamRecordError {
  try {
    decodeProductChange(record);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidStreamRecordError);
    return error as InvalidStreamRecordError;
  }
  throw new Error('expected decodeProductChange to throw');
}

describe('decodeProductChange', () => {
  it("decodes the seed article's MODIFY record with the SDK's unmarshall", () => {
    // Prepare
    const [record] = seedTestEvent().Records as [DynamoDBRecord];

    // Act
    const change = decodeProductChange(record);

    // Assess
    expect(change).toEqual({
      eventName: 'MODIFY',
      productId: 'p#1234',
      source: { eventID: 'example', sequenceNumber: 'example' },
      before: { productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30 },
      after: { productId: 'p#1234', stock: 49, reorderThreshold: 50, amountToReplenish: 30 },
    });
  });

  it('decodes an INSERT from NewImage alone, and a REMOVE without reading any image', () => {
    // Prepare
    const insert = dynamodbStreamRecord({ new: after, sequenceNumber: '1' });
    const remove = dynamodbStreamRecord({ old: before, sequenceNumber: '2' });
    // A REMOVE never triggers, so not even a broken old image may fail it.
    remove.dynamodb!.OldImage = { productId: { S: 'p#1234' }, stock: { S: 'garbage' } };

    // Act
    const inserted = decodeProductChange(insert);
    const removed = decodeProductChange(remove);

    // Assess
    expect(inserted).toEqual({ eventName: 'INSERT', productId: 'p#1234', source: { eventID: 'event-1', sequenceNumber: '1' }, after });
    expect(removed).toEqual({ eventName: 'REMOVE', productId: 'p#1234', source: { eventID: 'event-2', sequenceNumber: '2' } });
  });

  it.each([
    ['MODIFY without OldImage (a NEW_IMAGE stream)', { eventName: 'MODIFY' as const, new: after }, /MODIFY record has no OldImage/],
    ['MODIFY without NewImage', { eventName: 'MODIFY' as const, old: before }, /MODIFY record has no NewImage/],
    ['INSERT without NewImage', { eventName: 'INSERT' as const }, /INSERT record has no NewImage/],
  ])('fails a %s instead of skipping it', (_case, options, message) => {
    // Act
    const error = decodeFailure(dynamodbStreamRecord({ ...options, productId: 'p#1234', sequenceNumber: '7' }));

    // Assess
    expect(error.message).toMatch(message);
    expect(error).toMatchObject({ sequenceNumber: '7', productId: 'p#1234' });
  });

  it('fails an image with a missing or ill-typed attribute, keeping the validation error as cause', () => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '8' });
    record.dynamodb!.NewImage = { productId: { S: 'p#1234' }, stock: { S: '49' }, amountToReplenish: { N: '30' } };

    // Act
    const error = decodeFailure(record);

    // Assess
    expect(error.message).toMatch(/NewImage is not a valid product: .*stock: .*reorderThreshold: /);
    expect(error.cause).toBeInstanceOf(ProductValidationError);
  });

  it.each(['9007199254740993', '49.000000000000000000001'])('fails a stock of %s rather than rounding it', (stock) => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '9' });
    record.dynamodb!.NewImage!['stock'] = { N: stock };

    // Act
    const error = decodeFailure(record);

    // Assess
    expect(error.message).toMatch(/NewImage is not a valid product: Invalid product: stock: .*expected number, received string/);
  });

  it('fails an image that cannot be unmarshalled', () => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '9' });
    record.dynamodb!.OldImage!['stock'] = { Q: '51' } as never;

    // Act
    const error = decodeFailure(record);

    // Assess
    expect(error.message).toMatch(/OldImage cannot be unmarshalled: Unsupported type passed: Q/);
  });

  it('keeps exact numbers of attributes it does not know, and ignores them', () => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '9' });
    record.dynamodb!.NewImage!['price'] = { N: '9.99' };
    record.dynamodb!.NewImage!['views'] = { N: '123456789012345678901234567890' };

    // Act
    const change = decodeProductChange(record);

    // Assess
    expect(change.after).toEqual(after);
  });

  it.each<[string, (r: DynamoDBRecord) => void, RegExp]>([
    ['an unknown eventName', (r) => void (r.eventName = 'UPSERT' as DynamoDBRecord['eventName']), /unknown eventName "UPSERT"/],
    ['no SequenceNumber', (r) => void delete r.dynamodb!.SequenceNumber, /no SequenceNumber/],
    ['no eventID', (r) => void delete r.eventID, /no eventID/],
    ['no key', (r) => void delete r.dynamodb!.Keys, /no string key productId in Keys/],
    ['an image of another product', (r) => void (r.dynamodb!.OldImage!['productId'] = { S: 'p#9' }), /OldImage belongs to "p#9", not to the record's key "p#1234"/],
  ])('fails a record with %s', (_case, damage, message) => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '10' });
    damage(record);

    // Act
    const error = decodeFailure(record);

    // Assess
    expect(error.message).toMatch(message);
  });
});

describe('productIdOf', () => {
  it('reads the product from Keys even when the images are unusable', () => {
    // Prepare
    const record = dynamodbStreamRecord({ eventName: 'MODIFY', productId: 'p#broken', sequenceNumber: '1' });

    // Act / Assess
    expect(productIdOf(record)).toBe('p#broken');
    expect(productIdOf({ ...record, dynamodb: {} })).toBeUndefined();
  });
});
