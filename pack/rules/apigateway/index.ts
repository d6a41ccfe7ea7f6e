import { PackRule, Severity } from '../../rule';
import { ApiGatewayDomainTls12 } from './ApiGatewayDomainTls12';
import { ApiGatewayMethodAuthorized } from './ApiGatewayMethodAuthorized';
import { ApiGatewayRouteAuthorized } from './ApiGatewayRouteAuthorized';
import { ApiGatewayStageAccessLogged } from './ApiGatewayStageAccessLogged';
import { ApiGatewayStageCacheEncrypted } from './ApiGatewayStageCacheEncrypted';
import { ApiGatewayStageWaf } from './ApiGatewayStageWaf';

/** The apigateway rules, with the criteria, words and severity the pack gives them. */
export const APIGATEWAY_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: ApiGatewayMethodAuthorized,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'Every method requires an authorizer (CC6.1), so the API admits no anonymous caller from outside (CC6.6).',
    reference: { check: 'config:API_GWV2_AUTHORIZATION_TYPE_CONFIGURED', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'API Gateway REST method lets callers in without authorization.',
    fix: 'Give the method an authorizer: authorizationType: AuthorizationType.IAM, or authorizer: a CognitoUserPoolsAuthorizer or TokenAuthorizer/RequestAuthorizer (on addMethod, or defaultMethodOptions of the RestApi), i.e. AuthorizationType AWS_IAM, COGNITO_USER_POOLS or CUSTOM. CORS preflight (OPTIONS with a MOCK integration, as defaultCorsPreflightOptions writes) is exempt.',
  },
  {
    kind: 'resource',
    rule: ApiGatewayRouteAuthorized,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'Every route requires an authorizer (CC6.1), so the API admits no anonymous caller from outside (CC6.6).',
    reference: { check: 'config:API_GWV2_AUTHORIZATION_TYPE_CONFIGURED', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'API Gateway HTTP or WebSocket route lets callers in without authorization.',
    fix: 'Give HTTP routes an authorizer (authorizer: HttpIamAuthorizer, HttpJwtAuthorizer, HttpUserPoolAuthorizer or HttpLambdaAuthorizer on addRoutes, or defaultAuthorizer on the HttpApi), i.e. AuthorizationType AWS_IAM, JWT or CUSTOM; set corsPreflight on the HttpApi instead of an OPTIONS route. For a WebSocket API, authorize the $connect route (WebSocketIamAuthorizer or WebSocketLambdaAuthorizer in connectRouteOptions).',
  },
  {
    kind: 'resource',
    rule: ApiGatewayStageCacheEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Responses held in a stage\'s cache, which may carry confidential data (C1.1), are encrypted at rest (CC6.1). Caching moves nothing over a network, so CC6.7 of the community mapping is left out, and it registers no user (CC6.2).',
    reference: { check: 'steampipe:apigateway_stage_cache_encryption_at_rest_enabled', criteria: ['CC6.1', 'CC6.2', 'CC6.7'] },
    severity: Severity.ERROR,
    finding: 'API Gateway stage caches responses without encrypting them.',
    fix: 'With a cache cluster (deployOptions.cacheClusterEnabled or cachingEnabled on the RestApi), set deployOptions.cacheDataEncrypted: true, and cacheDataEncrypted: true in every methodOptions entry that caches (MethodSettings[].CacheDataEncrypted, the stage-wide * /* entry included; a deployment\'s StageDescription.CacheDataEncrypted). Or turn the cache cluster off.',
  },
  {
    kind: 'resource',
    rule: ApiGatewayStageAccessLogged,
    criteria: ['CC7.2'],
    rationale: 'Every API request is recorded for monitoring (CC7.2); a log proves no input complete (PI1.2) nor recovery (A1.2).',
    reference: { check: 'prowler:apigatewayv2_api_access_logging_enabled', criteria: ['A1.2', 'PI1.2'] },
    severity: Severity.ERROR,
    finding: 'API Gateway stage writes no access logs.',
    fix: 'Set deployOptions.accessLogDestination (new LogGroupLogDestination(logGroup)) and accessLogFormat on the RestApi, i.e. AccessLogSetting.DestinationArn on the stage; for HTTP and WebSocket APIs create the stage with accessLogSettings (createDefaultStage: false and an HttpStage, or a WebSocketStage), i.e. AccessLogSettings.DestinationArn; do not quick-create an HTTP API (Target).',
  },
  {
    kind: 'resource',
    rule: ApiGatewayStageWaf,
    criteria: ['CC6.6'],
    rationale: 'A web ACL filters what reaches a public API from outside the boundary (CC6.6).',
    reference: { check: 'config:API_GW_ASSOCIATED_WITH_WAF', criteria: ['CC6.6'] },
    severity: Severity.WARNING,
    finding: 'API Gateway REST stage reachable from the internet has no web ACL in front of it.',
    fix: 'Associate an AWS WAF web ACL with the stage: new wafv2.CfnWebACLAssociation(this, \'Waf\', { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl.attrArn }), with AWS managed rule groups (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet) and a rate-based rule; or make the API private (endpointTypes: [EndpointType.PRIVATE]). Where every method requires IAM or a token, or a CloudFront distribution with a web ACL fronts the API, acknowledge with that reason.',
  },
  {
    kind: 'resource',
    rule: ApiGatewayDomainTls12,
    criteria: ['CC6.7'],
    rationale: 'Clients connect with TLS 1.2 or later (CC6.7).',
    severity: Severity.ERROR,
    finding: 'API Gateway custom domain accepts TLS below 1.2.',
    fix: 'Use securityPolicy: SecurityPolicy.TLS_1_2 (the default) or an enhanced TLS 1.3 policy on the DomainName, i.e. SecurityPolicy TLS_1_2 or SecurityPolicy_TLS13_…; never TLS_1_0. For HTTP APIs, DomainNameConfigurations[].SecurityPolicy TLS_1_2.',
  },
];
