import { ProductValidationError } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import { dynamodbStreamRecord, minimalStreamEvent } from '../testing';
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
  it('reads the inventory level of the minimal MODIFY record from its NewImage, with no onOrder or version as 0', () => {
    // Act
    const change = decodeProductChange(minimalStreamEvent().Records[0] as DynamoDBRecord);

    // Assess
    expect(change).toEqual({
      eventName: 'MODIFY',
      productId: 'p#1234',
      sequenceNumber: 'example',
      after: { stock: 49, onOrder: 0, reorderThreshold: 50, amountToReplenish: 30, version: 0 },
    });
  });

  it('reads onOrder and the version when the image has them, an INSERT from NewImage alone, and a REMOVE without any image', () => {
    // Act
    const modified = decodeProductChange(dynamodbStreamRecord({ old: before, new: { ...after, onOrder: 30, version: 7 }, sequenceNumber: '1' }));
    const inserted = decodeProductChange(dynamodbStreamRecord({ new: after, sequenceNumber: '2' }));
    const removed = decodeProductChange(dynamodbStreamRecord({ old: before, sequenceNumber: '3' }));

    // Assess
    expect(modified.after).toEqual({ stock: 49, onOrder: 30, reorderThreshold: 50, amountToReplenish: 30, version: 7 });
    expect(inserted).toMatchObject({ eventName: 'INSERT', after: { stock: 49 } });
    expect(removed).toEqual({ eventName: 'REMOVE', productId: 'p#1234', sequenceNumber: '3' });
  });

  it.each<[string, (r: DynamoDBRecord) => void, RegExp]>([
    ['an unknown eventName', (r) => void (r.eventName = 'UPSERT' as DynamoDBRecord['eventName']), /unknown eventName "UPSERT"/],
    ['no SequenceNumber', (r) => void delete r.dynamodb!.SequenceNumber, /no SequenceNumber/],
    ['no eventID', (r) => void delete r.eventID, /no eventID/],
    ['no key', (r) => void delete r.dynamodb!.Keys, /no string key productId in Keys/],
    ['no NewImage', (r) => void delete r.dynamodb!.NewImage, /MODIFY record has no NewImage/],
    ['a stock that is not an integer', (r) => void (r.dynamodb!.NewImage!['stock'] = { N: '49.5' }), /NewImage has no valid inventory level: .*stock/],
    ['a stock too large to be exact', (r) => void (r.dynamodb!.NewImage!['stock'] = { N: '9007199254740993' }), /stock: expected an integer/],
    ['an ill-typed onOrder', (r) => void (r.dynamodb!.NewImage!['onOrder'] = { S: '30' }), /onOrder: expected a number attribute/],
    ['a negative version', (r) => void (r.dynamodb!.NewImage!['version'] = { N: '-1' }), /version: expected an integer/],
  ])('fails a record with %s', (_case, damage, message) => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '10' });
    damage(record);

    // Act
    const error = decodeFailure(record);

    // Assess
    expect(error.message).toMatch(message);
    expect(error.sequenceNumber).toBe(record.dynamodb?.SequenceNumber);
  });

  it('keeps the validation error of a malformed image as the cause', () => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '11' });
    delete record.dynamodb!.NewImage!['reorderThreshold'];

    // Act
    const error = decodeFailure(record);

    // Assess
    expect(error.cause).toBeInstanceOf(ProductValidationError);
    expect(error.productId).toBe('p#1234');
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
