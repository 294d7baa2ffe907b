import { crossesBelowThreshold, ProductValidationError } from '@shop/inventory-domain';
import fc from 'fast-check';
import { seedProduct } from '@shop/inventory-domain/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import { dynamodbStreamRecord, seedTestEvent } from '../testing';
import { InvalidStreamRecordError } from './errors';
import { decodeCrossing, decodeProductChange, productIdOf } from './product-change';

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

function crossingFailure(record: DynamoDBRecord): InvalidStreamRecordError {
  try {
    decodeCrossing(record);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidStreamRecordError);
    return error as InvalidStreamRecordError;
  }
  throw new Error('expected decodeCrossing to throw');
}

describe('decodeCrossing', () => {
  it("returns the fully decoded change of the seed article's crossing", () => {
    // Prepare
    const [record] = seedTestEvent().Records as [DynamoDBRecord];

    // Act / Assess
    expect(decodeCrossing(record)).toEqual(decodeProductChange(record));
  });

  it('returns undefined for records that do not cross, without validating their other attributes', () => {
    // Prepare: no crossing, and amountToReplenish/productId of the images are broken.
    const sale = dynamodbStreamRecord({ old: seedProduct({ stock: 80 }), new: seedProduct({ stock: 70 }), sequenceNumber: '1' });
    sale.dynamodb!.NewImage!['amountToReplenish'] = { S: 'lots' };
    sale.dynamodb!.OldImage!['productId'] = { S: 'p#other' };
    const insertAbove = dynamodbStreamRecord({ new: seedProduct({ stock: 60 }), sequenceNumber: '2' });
    const remove = dynamodbStreamRecord({ old: before, sequenceNumber: '3' });
    remove.dynamodb!.OldImage = { productId: { S: 'p#1234' }, stock: { S: 'garbage' } };

    // Act / Assess
    expect(decodeCrossing(sale)).toBeUndefined();
    expect(decodeCrossing(insertAbove)).toBeUndefined();
    expect(decodeCrossing(remove)).toBeUndefined();
  });

  it('decodes an INSERT created below its threshold as a crossing', () => {
    // Act
    const change = decodeCrossing(dynamodbStreamRecord({ new: after, sequenceNumber: '4' }));

    // Assess
    expect(change).toEqual({ eventName: 'INSERT', productId: 'p#1234', source: { eventID: 'event-4', sequenceNumber: '4' }, after });
  });

  it.each<[string, string, Record<string, unknown> | undefined, RegExp]>([
    ['a missing stock', 'NewImage', undefined, /NewImage has no valid stock level: Invalid stock level: stock: missing/],
    ['a string stock', 'NewImage', { S: '49' }, /NewImage has no valid stock level: .*stock: expected a number attribute \(N\)/],
    ['a fractional stock', 'OldImage', { N: '51.5' }, /OldImage has no valid stock level: .*stock: expected an integer from 0 to 9007199254740991, got "51.5"/],
    ['a negative stock', 'OldImage', { N: '-1' }, /OldImage has no valid stock level: .*got "-1"/],
    ['an unsafe stock', 'NewImage', { N: '9007199254740993' }, /NewImage has no valid stock level: .*got "9007199254740993"/],
  ])('fails a record with %s, even when it would not cross', (_case, which, value, message) => {
    // Prepare: 80 -> 70 with a threshold of 50 would not cross.
    const record = dynamodbStreamRecord({ old: seedProduct({ stock: 80 }), new: seedProduct({ stock: 70 }), sequenceNumber: '5' });
    const image = record.dynamodb![which as 'OldImage' | 'NewImage']!;
    if (value === undefined) delete image['stock'];
    else image['stock'] = value as never;

    // Act
    const error = crossingFailure(record);

    // Assess
    expect(error.message).toMatch(message);
    expect(error).toMatchObject({ sequenceNumber: '5', productId: 'p#1234' });
    expect(error.cause).toBeInstanceOf(ProductValidationError);
  });

  it('fails a record with a missing threshold, and one without the image the rule needs', () => {
    // Prepare
    const noThreshold = dynamodbStreamRecord({ old: seedProduct({ stock: 80 }), new: seedProduct({ stock: 70 }), sequenceNumber: '6' });
    delete noThreshold.dynamodb!.OldImage!['reorderThreshold'];
    const noOldImage = dynamodbStreamRecord({ eventName: 'MODIFY', new: after, productId: 'p#1234', sequenceNumber: '7' });

    // Act / Assess
    expect(crossingFailure(noThreshold).message).toMatch(/OldImage has no valid stock level: .*reorderThreshold: missing/);
    expect(crossingFailure(noOldImage).message).toMatch(/MODIFY record has no OldImage/);
  });

  it('validates both whole images of a crossing', () => {
    // Prepare
    const brokenAmount = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '8' });
    brokenAmount.dynamodb!.NewImage!['amountToReplenish'] = { S: '30' };
    const otherProduct = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '9' });
    otherProduct.dynamodb!.OldImage!['productId'] = { S: 'p#9' };

    // Act / Assess
    expect(crossingFailure(brokenAmount).message).toMatch(/NewImage is not a valid product: .*amountToReplenish/);
    expect(crossingFailure(otherProduct).message).toMatch(/OldImage belongs to "p#9"/);
  });

  it('fails a record without SequenceNumber or key before reading any image', () => {
    // Prepare
    const record = dynamodbStreamRecord({ old: before, new: after, sequenceNumber: '10' });
    delete record.dynamodb!.SequenceNumber;

    // Act / Assess
    expect(crossingFailure(record).message).toMatch(/no SequenceNumber/);
  });
});

describe('decodeCrossing (properties)', () => {
  const quantity = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
  const level = fc.record({ stock: quantity, reorderThreshold: quantity });

  it('agrees with the domain rule on the decoded products, for every record', () => {
    fc.assert(
      fc.property(fc.option(level, { nil: undefined }), level, (old, now) => {
        // Prepare
        const record = dynamodbStreamRecord({ old: old && seedProduct(old), new: seedProduct(now), sequenceNumber: '1' });

        // Act
        const change = decodeCrossing(record);

        // Assess
        const full = decodeProductChange(record);
        expect(change).toEqual(crossesBelowThreshold(full.before, full.after) ? full : undefined);
      }),
    );
  });

  it("over any life of a product, yields one crossing per episode below the threshold", () => {
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 40 }), fc.boolean(), (history, removed) => {
        // Prepare: created with history[0], changed through the rest, maybe removed at the end.
        const products = history.map((l) => seedProduct(l));
        const records = products.map((now, i) => dynamodbStreamRecord({ old: products[i - 1], new: now, sequenceNumber: `${i + 1}` }));
        if (removed) records.push(dynamodbStreamRecord({ old: products[products.length - 1], sequenceNumber: `${records.length + 1}` }));

        // Act
        const crossings = records.filter((r) => decodeCrossing(r) !== undefined).length;

        // Assess
        const isBelow = (l: { stock: number; reorderThreshold: number }): boolean => l.stock < l.reorderThreshold;
        const episodes = history.filter((l, i) => isBelow(l) && (i === 0 || !isBelow(history[i - 1]!))).length;
        expect(crossings).toBe(episodes);
      }),
    );
  });
});
