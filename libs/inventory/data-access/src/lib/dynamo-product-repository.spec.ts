import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ProductValidationError, type Product } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { ProductAttribute } from './attributes';
import { DynamoProductRepository } from './dynamo-product-repository';
import { ProductChangeKind } from './product-write-stamp';

describe('DynamoProductRepository against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  let tables: TestTables;
  let products: DynamoProductRepository;

  beforeAll(async () => {
    tables = await createTestTables(raw);
    products = new DynamoProductRepository(documentClient, tables.products);
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  it('puts a product and gets it back', async () => {
    // Prepare
    const product = seedProduct({ productId: 'p#put-get', name: 'Blue mug' });

    // Act
    const written = await products.put(product);
    const read = await products.get('p#put-get');

    // Assess
    expect(written).toEqual({ ...product, onOrder: 0, version: 1 });
    expect(read).toEqual(written);
  });

  it('marks the item as last changed by an edit', async () => {
    // Act
    await products.put(seedProduct({ productId: 'p#marked' }));

    // Assess
    const { Item } = await documentClient.send(new GetCommand({ TableName: tables.products, Key: { [ProductAttribute.ProductId]: 'p#marked' } }));
    expect(Item?.[ProductAttribute.LastChange]).toBe(ProductChangeKind.Edit);
  });

  it('updates a product on a second put, dropping a removed name and raising the version', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#replace', name: 'Old name' }));

    // Act
    await products.put(seedProduct({ productId: 'p#replace', stock: 7 }));

    // Assess
    expect(await products.get('p#replace')).toEqual({ ...seedProduct({ productId: 'p#replace', stock: 7 }), onOrder: 0, version: 2 });
  });

  it('keeps what is on order through an edit: a put never touches onOrder', async () => {
    // Prepare
    await documentClient.send(
      new PutCommand({ TableName: tables.products, Item: { ...seedProduct({ productId: 'p#on-order', stock: 11 }), onOrder: 60, version: 5 } }),
    );

    // Act
    const written = await products.put(seedProduct({ productId: 'p#on-order', stock: 15, reorderThreshold: 40 }));

    // Assess
    expect(written).toEqual({ ...seedProduct({ productId: 'p#on-order', stock: 15, reorderThreshold: 40 }), onOrder: 60, version: 6 });
  });

  it('returns undefined for a product that does not exist', async () => {
    // Act
    const read = await products.get('p#missing');

    // Assess
    expect(read).toBeUndefined();
  });

  it('rejects an invalid product with a typed error and writes nothing', async () => {
    // Prepare
    const invalid = { ...seedProduct({ productId: 'p#invalid' }), stock: -1 } as Product;

    // Act
    const attempt = products.put(invalid);

    // Assess
    await expect(attempt).rejects.toThrow(ProductValidationError);
    await expect(attempt).rejects.toThrow('stock');
    const scan = await documentClient.send(new ScanCommand({ TableName: tables.products }));
    expect(scan.Items?.map((i) => i[ProductAttribute.ProductId])).not.toContain('p#invalid');
  });

  it('rejects an empty product id before calling DynamoDB', async () => {
    // Act
    const attempt = products.get('');

    // Assess
    await expect(attempt).rejects.toThrow(ProductValidationError);
    await expect(attempt).rejects.toThrow('Invalid product id: productId:');
  });

  it('reports a malformed stored item instead of returning it', async () => {
    // Prepare
    await documentClient.send(
      new PutCommand({ TableName: tables.products, Item: { [ProductAttribute.ProductId]: 'p#malformed', [ProductAttribute.Stock]: 'many' } }),
    );

    // Act
    const attempt = products.get('p#malformed');

    // Assess
    await expect(attempt).rejects.toThrow(ProductValidationError);
    await expect(attempt).rejects.toThrow(/stock: .*reorderThreshold: .*amountToReplenish: /);
  });
});
