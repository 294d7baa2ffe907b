import { crc32 } from 'node:zlib';
import { accessDeniedResponse, newRequestId, unsupportedOperationResponse } from './aws-error-response';

describe('accessDeniedResponse', () => {
  it("answers like DynamoDB: 400, x-amz-json-1.0, coral's AccessDeniedException with Message, request id and body CRC32", () => {
    // Act
    const response = accessDeniedResponse('User: u is not authorized to perform: dynamodb:PutItem on resource: r', 'REQ');

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: 'User: u is not authorized to perform: dynamodb:PutItem on resource: r',
    });
    expect(response.headers).toEqual({
      'x-amzn-RequestId': 'REQ',
      'x-amz-crc32': String(crc32(response.body)),
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': String(response.body.length),
    });
  });

  it('uses a distinct, non-AWS error code for operations it cannot map', () => {
    // Act
    const response = unsupportedOperationResponse('cannot map');

    // Assess
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ __type: 'com.shop.localiam#UnsupportedOperationException', message: 'cannot map' });
  });

  it('makes request ids shaped like DynamoDB’s', () => {
    // Act
    const ids = new Set(Array.from({ length: 50 }, () => newRequestId()));

    // Assess
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Z]{52}$/);
  });
});
