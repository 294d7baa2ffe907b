import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { ROUTES, routeKey, type RouteDefinition } from '@shop/orders-api-contract';
import { Construct } from 'constructs';
import { snakeCase } from './naming';
import { pinAddress } from './policy-document';

/** The stage every request goes through: `$default` serves the API at its root URL. */
export const API_STAGE_NAME = '$default';

/** Where API Gateway's JWT authorizer looks for the token (`Bearer <token>` or the bare token). */
export const TOKEN_IDENTITY_SOURCE = '$request.header.Authorization';

/** One JSON line per request; `$context` variables of HTTP APIs. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
});

export interface HttpApiProps {
  readonly address: string;
  readonly apiName: string;
  readonly handler: LambdaFunction;
  /** The function's timeout; the integration waits one second longer (at most API Gateway's 30 s). */
  readonly handlerTimeoutSeconds: number;
  readonly throttling: { readonly burstLimit: number; readonly rateLimit: number };
  readonly logRetentionDays: number;
  /** The token issuer every route trusts, and the accepted `aud` (or `client_id`) values. */
  readonly jwt: { readonly issuer: string; readonly audience: readonly string[] };
  /** Defaults to the orders API contract: one route per entry, each requiring its contract scope. */
  readonly routes?: readonly RouteDefinition[];
}

/**
 * The HTTP API: one route per contract route (none written here), each behind the JWT authorizer
 * with its contract scope and a Lambda proxy integration with payload format 2.0; the `$default` stage with access logs and throttling; and the permission
 * that lets only this API invoke the function.
 */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly routes: readonly Apigatewayv2Route[];
  readonly authorizer: Apigatewayv2Authorizer;
  readonly accessLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.api = pinAddress(new Apigatewayv2Api(this, 'api', { name: props.apiName, protocolType: 'HTTP' }), props.address);
    const integration = pinAddress(
      new Apigatewayv2Integration(this, 'integration', {
        apiId: this.api.id,
        integrationType: 'AWS_PROXY',
        integrationMethod: 'POST',
        integrationUri: props.handler.invokeArn,
        payloadFormatVersion: '2.0',
        timeoutMilliseconds: Math.min(30_000, (props.handlerTimeoutSeconds + 1) * 1000),
      }),
      props.address,
    );
    this.authorizer = pinAddress(
      new Apigatewayv2Authorizer(this, 'authorizer', {
        apiId: this.api.id,
        name: `${props.apiName}-jwt`,
        authorizerType: 'JWT',
        identitySources: [TOKEN_IDENTITY_SOURCE],
        jwtConfiguration: { issuer: props.jwt.issuer, audience: [...props.jwt.audience] },
      }),
      props.address,
    );
    this.routes = (props.routes ?? ROUTES).map((route) =>
      pinAddress(
        new Apigatewayv2Route(this, `route-${route.operationId}`, {
          apiId: this.api.id,
          routeKey: routeKey(route),
          operationName: route.operationId,
          target: `integrations/${integration.id}`,
          authorizationType: 'JWT',
          authorizerId: this.authorizer.id,
          authorizationScopes: [route.scope],
        }),
        snakeCase(route.operationId),
      ),
    );
    this.accessLogGroup = pinAddress(
      new CloudwatchLogGroup(this, 'access-logs', { name: `/aws/apigateway/${props.apiName}`, retentionInDays: props.logRetentionDays }),
      `${props.address}_access`,
    );
    this.stage = pinAddress(
      new Apigatewayv2Stage(this, 'stage', {
        apiId: this.api.id,
        name: API_STAGE_NAME,
        autoDeploy: true,
        accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
        defaultRouteSettings: {
          throttlingBurstLimit: props.throttling.burstLimit,
          throttlingRateLimit: props.throttling.rateLimit,
          detailedMetricsEnabled: true,
        },
      }),
      props.address,
    );
    pinAddress(
      new LambdaPermission(this, 'invoke-permission', {
        statementId: 'AllowInvokeFromOrdersHttpApi',
        action: 'lambda:InvokeFunction',
        functionName: props.handler.functionName,
        principal: 'apigateway.amazonaws.com',
        // Any stage, method and path of this API only.
        sourceArn: `${this.api.executionArn}/*/*`,
      }),
      props.address,
    );
  }
}
