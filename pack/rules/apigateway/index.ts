import { PackRule, Severity } from '../../rule';
import { ApiGatewayDomainTls12 } from './ApiGatewayDomainTls12';
import { ApiGatewayMethodAuthorized } from './ApiGatewayMethodAuthorized';
import { ApiGatewayRouteAuthorized } from './ApiGatewayRouteAuthorized';
import { ApiGatewayStageAccessLogged } from './ApiGatewayStageAccessLogged';

/** The apigateway rules, with the criteria, words and severity the pack gives them. */
export const APIGATEWAY_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: ApiGatewayMethodAuthorized,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'CC6.1: users are identified and authenticated before they reach information assets; CC6.6: access through the system boundary (a public API) is restricted to authorized callers.',
    severity: Severity.ERROR,
    finding: 'API Gateway REST method lets callers in without authorization.',
    fix: 'Give the method an authorizer: authorizationType: AuthorizationType.IAM, or authorizer: a CognitoUserPoolsAuthorizer or TokenAuthorizer/RequestAuthorizer (on addMethod, or defaultMethodOptions of the RestApi), i.e. AuthorizationType AWS_IAM, COGNITO_USER_POOLS or CUSTOM. CORS preflight (OPTIONS with a MOCK integration, as defaultCorsPreflightOptions writes) is exempt.',
  },
  {
    kind: 'resource',
    rule: ApiGatewayRouteAuthorized,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'CC6.1: users are identified and authenticated before they reach information assets; CC6.6: access through the system boundary (a public API) is restricted to authorized callers.',
    severity: Severity.ERROR,
    finding: 'API Gateway HTTP or WebSocket route lets callers in without authorization.',
    fix: 'Give HTTP routes an authorizer (authorizer: HttpIamAuthorizer, HttpJwtAuthorizer, HttpUserPoolAuthorizer or HttpLambdaAuthorizer on addRoutes, or defaultAuthorizer on the HttpApi), i.e. AuthorizationType AWS_IAM, JWT or CUSTOM; set corsPreflight on the HttpApi instead of an OPTIONS route. For a WebSocket API, authorize the $connect route (WebSocketIamAuthorizer or WebSocketLambdaAuthorizer in connectRouteOptions).',
  },
  {
    kind: 'resource',
    rule: ApiGatewayStageAccessLogged,
    criteria: ['CC7.2'],
    rationale: 'CC7.2: system components are monitored for anomalies; access logs record every call to the API, the evidence for detecting and investigating misuse.',
    severity: Severity.ERROR,
    finding: 'API Gateway stage writes no access logs.',
    fix: 'Set deployOptions.accessLogDestination (new LogGroupLogDestination(logGroup)) and accessLogFormat on the RestApi, i.e. AccessLogSetting.DestinationArn on the stage; for HTTP and WebSocket APIs create the stage with accessLogSettings (createDefaultStage: false and an HttpStage, or a WebSocketStage), i.e. AccessLogSettings.DestinationArn; do not quick-create an HTTP API (Target).',
  },
  {
    kind: 'resource',
    rule: ApiGatewayDomainTls12,
    criteria: ['CC6.7'],
    rationale: 'CC6.7: information is protected during transmission; TLS 1.0 and 1.1 are deprecated (RFC 8996) and no longer protect it.',
    severity: Severity.ERROR,
    finding: 'API Gateway custom domain accepts TLS below 1.2.',
    fix: 'Use securityPolicy: SecurityPolicy.TLS_1_2 (the default) or an enhanced TLS 1.3 policy on the DomainName, i.e. SecurityPolicy TLS_1_2 or SecurityPolicy_TLS13_…; never TLS_1_0. For HTTP APIs, DomainNameConfigurations[].SecurityPolicy TLS_1_2.',
  },
];
