import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../config/bundles';
import { STAGES } from '../config/stages';
import type { TerraformJson } from '@shop/shared-util-terraform-json';
import { synthStage } from '../testing/synth-stage';
import { renderArchitectureDiagram } from './architecture-diagram';
import { README, README_END, README_START, withReadmeDiagram } from './architecture-document';

describe('architecture diagram', () => {
  let json: TerraformJson;
  let mermaid: string;
  beforeAll(() => {
    json = synthStage(STAGES.dev).json;
    mermaid = renderArchitectureDiagram(json);
  });

  it('draws the tables, stream, functions, mapping, DLQ, API and roles of the synth', () => {
    // Assess
    expect(mermaid).toContain('table_products[("shop-dev-products<br/>key productId")]');
    expect(mermaid).toContain('table_products --> stream_products');
    expect(mermaid).toContain('stream_products --> esm_products_stream_to_replenishment_consumer');
    expect(mermaid).toContain('esm_products_stream_to_replenishment_consumer -- on failure --> queue_replenishment_consumer_dlq');
    expect(mermaid).toContain('route_place_order["POST /orders<br/>shop/orders.write"]');
    expect(mermaid).toContain('role_replenishment_consumer -- "PutItem" --> table_replenishment');
    expect(mermaid).toContain('role_orders_api -- "Query (index byProductId)" --> table_replenishment');
  });

  it('draws the JWT authorizer in front of every route and the Cognito user pool that issues the tokens', () => {
    // Assess
    expect(mermaid).toContain('authorizer_orders_api{{"JWT authorizer shop-dev-orders-api-jwt<br/>token from $request.header.Authorization"}}');
    expect(mermaid).toContain('api_orders_api -- "every route: token + its scope" --> authorizer_orders_api');
    expect(mermaid).toContain('authorizer_orders_api -- issuer --> idp_shop');
    expect(mermaid).toMatch(/idp_shop\[\/"Cognito user pool shop-dev-users<br\/>scopes shop\/catalog.read .*shop-dev-storefront \(code\)/);
  });

  it('shows a change of permission in the synth', () => {
    // Prepare
    const changed = structuredClone(json) as { data: Record<string, Record<string, { statement: Array<{ sid: string; resources: string[] }> }>> };
    const put = changed.data['aws_iam_policy_document']?.['replenishment_consumer']?.statement.find((s) => s.sid === 'CreateReplenishments');
    if (!put) throw new Error('no CreateReplenishments statement');
    put.resources = ['${aws_dynamodb_table.orders.arn}'];

    // Act
    const redrawn = renderArchitectureDiagram(changed as TerraformJson);

    // Assess
    expect(redrawn).toContain('role_replenishment_consumer -- "PutItem" --> table_orders');
    expect(redrawn).not.toContain('role_replenishment_consumer -- "PutItem" --> table_replenishment');
  });

  it('is current in the README (else run: npx nx run infra:diagram)', () => {
    // Prepare
    const readme = readFileSync(path.join(WORKSPACE_ROOT, README), 'utf8');

    // Assess
    expect(readme).toBe(withReadmeDiagram(readme, mermaid));
  });

  it('refuses a README without its markers', () => {
    expect(() => withReadmeDiagram('# Shop\n', mermaid)).toThrow(README_START);
    expect(() => withReadmeDiagram(`${README_END}\n${README_START}`, mermaid)).toThrow('once, in order');
  });
});
