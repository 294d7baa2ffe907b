import { cognitoUserPoolArn, type TerraformDocument } from '@shop/shared-util-terraform-json';
import { localAwsEnvironment } from '../terraform/local-aws-environment';
import type { ReferenceResolver } from '../terraform/reference-resolver';

/**
 * Registers local attributes for the synth's Cognito user pool, clients, domain and resource
 * server, so the JWT authorizer's `issuer` and `audience` (`${aws_cognito_user_pool.shop.id}`,
 * `${aws_cognito_user_pool_client.storefront.id}`) resolve. A client's local id is its Terraform
 * name (`storefront`): the audience tokens of that client carry.
 */
export function registerIdentityProviderAttributes(synth: TerraformDocument, resolver: ReferenceResolver, region: string): void {
  for (const pool of synth.resources('aws_cognito_user_pool')) {
    const id = `${region}_${pool.name}`;
    resolver.register(pool.address, { id, arn: cognitoUserPoolArn(localAwsEnvironment(region), id), endpoint: `cognito-idp.${region}.amazonaws.com/${id}`, name: String(pool.config['name'] ?? pool.name) });
  }
  for (const client of synth.resources('aws_cognito_user_pool_client')) resolver.register(client.address, { id: client.name, name: String(client.config['name'] ?? client.name) });
  for (const domain of synth.resources('aws_cognito_user_pool_domain')) resolver.register(domain.address, { id: domain.name, domain: String(domain.config['domain'] ?? domain.name) });
  for (const server of synth.resources('aws_cognito_resource_server')) {
    const identifier = String(server.config['identifier'] ?? server.name);
    resolver.register(server.address, { id: identifier, identifier });
  }
}
