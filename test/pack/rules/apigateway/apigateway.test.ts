import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, WebSocketIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PackRun, runPackOnStack } from '../../helpers';

const METHOD = 'ApiGatewayMethodAuthorized';
const ROUTE = 'ApiGatewayRouteAuthorized';
const STAGE = 'ApiGatewayStageAccessLogged';
const DOMAIN = 'ApiGatewayDomainTls12';

/*
 * One synth for the file: REST methods and stages, HTTP and WebSocket routes and stages, custom
 * domains. Each pair differs only in the property under test.
 */
let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
    const logGroup = new logs.LogGroup(stack, 'AccessLogs');
    const rest = new apigw.RestApi(stack, 'Rest', {
      deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(logGroup), accessLogFormat: apigw.AccessLogFormat.clf() },
      defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'] },
    });
    const mock = new apigw.MockIntegration();
    rest.root.addResource('iam').addMethod('GET', mock, { authorizationType: apigw.AuthorizationType.IAM });
    rest.root.addResource('open').addMethod('GET', mock);
    rest.root.addResource('keyed').addMethod('GET', mock, { apiKeyRequired: true });
    const noCors = new apigw.RestApi(stack, 'NoCors', { deploy: false });
    noCors.root.addResource('preflight').addMethod('OPTIONS', new apigw.HttpIntegration('https://backend.example.com'));
    const overridden = rest.root.addResource('overridden').addMethod('GET', mock, { authorizationType: apigw.AuthorizationType.IAM });
    (overridden.node.defaultChild as apigw.CfnMethod).addPropertyOverride('AuthorizationType', 'NONE');
    const conditional = rest.root.addResource('conditional').addMethod('GET', mock, { authorizationType: apigw.AuthorizationType.IAM });
    (conditional.node.defaultChild as apigw.CfnMethod).addPropertyOverride('AuthorizationType', Fn.conditionIf(useFeature.logicalId, 'AWS_IAM', 'NONE'));
    const allowed = new CfnParameter(stack, 'AuthType', { type: 'String', allowedValues: ['AWS_IAM', 'CUSTOM'] });
    const byAllowed = rest.root.addResource('allowed').addMethod('GET', mock);
    (byAllowed.node.defaultChild as apigw.CfnMethod).addPropertyOverride('AuthorizationType', allowed.valueAsString);
    const free = new CfnParameter(stack, 'FreeAuthType', { type: 'String' });
    const byFree = rest.root.addResource('free').addMethod('GET', mock);
    (byFree.node.defaultChild as apigw.CfnMethod).addPropertyOverride('AuthorizationType', free.valueAsString);
    new apigw.CfnMethod(stack, 'L1Method', { httpMethod: 'POST', resourceId: rest.root.resourceId, restApiId: rest.restApiId, integration: { type: 'MOCK' } });

    // Stages
    new apigw.RestApi(stack, 'Unlogged').root.addMethod('GET', mock, { authorizationType: apigw.AuthorizationType.IAM });
    const removed = new apigw.RestApi(stack, 'LogsRemoved', { deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(logGroup) } });
    removed.root.addMethod('GET', mock, { authorizationType: apigw.AuthorizationType.IAM });
    (removed.deploymentStage.node.defaultChild as apigw.CfnStage).addPropertyOverride('AccessLogSetting', Fn.conditionIf(useFeature.logicalId, { DestinationArn: logGroup.logGroupArn }, Fn.ref('AWS::NoValue')));
    new apigw.CfnDeployment(stack, 'DeploymentWithStage', { restApiId: rest.restApiId, stageName: 'v1' });
    new apigw.CfnDeployment(stack, 'DeploymentWithLoggedStage', { restApiId: rest.restApiId, stageName: 'v2', stageDescription: { accessLogSetting: { destinationArn: logGroup.logGroupArn } } });
    new apigw.CfnDeployment(stack, 'DeploymentOnly', { restApiId: rest.restApiId });

    // HTTP API
    const http = new apigwv2.HttpApi(stack, 'Http', { createDefaultStage: false, corsPreflight: { allowOrigins: ['https://app.example.com'] } });
    const backend = new HttpUrlIntegration('Backend', 'https://backend.example.com');
    http.addRoutes({ path: '/iam', methods: [apigwv2.HttpMethod.GET], integration: backend, authorizer: new HttpIamAuthorizer() });
    http.addRoutes({ path: '/open', methods: [apigwv2.HttpMethod.GET], integration: backend });
    http.addRoutes({ path: '/open', methods: [apigwv2.HttpMethod.OPTIONS], integration: backend });
    new apigwv2.HttpStage(stack, 'LoggedStage', { httpApi: http, stageName: '$default', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(logGroup) } });
    new apigwv2.HttpStage(stack, 'UnloggedStage', { httpApi: http, stageName: 'beta' });
    new apigwv2.HttpApi(stack, 'DefaultStaged');
    new apigwv2.CfnApi(stack, 'QuickCreated', { name: 'quick', protocolType: 'HTTP', target: 'https://backend.example.com' });
    new apigwv2.CfnApi(stack, 'NotQuickCreated', { name: 'plain', protocolType: 'HTTP' });

    // WebSocket APIs: authorization on $connect only.
    const ws = new apigwv2.WebSocketApi(stack, 'Ws', { connectRouteOptions: { integration: new WebSocketMockIntegration('Connect'), authorizer: new WebSocketIamAuthorizer() } });
    ws.addRoute('predict', { integration: new WebSocketMockIntegration('Predict') });
    const openWs = new apigwv2.WebSocketApi(stack, 'OpenWs', { connectRouteOptions: { integration: new WebSocketMockIntegration('Connect') } });
    openWs.addRoute('predict', { integration: new WebSocketMockIntegration('Predict') });
    new apigwv2.WebSocketApi(stack, 'NoConnectWs').addRoute('predict', { integration: new WebSocketMockIntegration('Predict') });
    new apigwv2.CfnRoute(stack, 'ImportedWsRoute', { apiId: Fn.importValue('SharedWsApi'), routeKey: 'predict' });
    new apigwv2.CfnRoute(stack, 'ImportedHttpRoute', { apiId: Fn.importValue('SharedHttpApi'), routeKey: 'GET /models' });

    // Custom domains
    const cert = acm.Certificate.fromCertificateArn(stack, 'Cert', stack.formatArn({ service: 'acm', resource: 'certificate', resourceName: 'abc' }));
    new apigw.DomainName(stack, 'DefaultPolicy', { domainName: 'a.example.com', certificate: cert });
    new apigw.DomainName(stack, 'Tls10', { domainName: 'b.example.com', certificate: cert, securityPolicy: apigw.SecurityPolicy.TLS_1_0 });
    new apigw.DomainName(stack, 'Tls13', { domainName: 'c.example.com', certificate: cert, securityPolicy: apigw.SecurityPolicy.TLS13_1_3_2025_09, endpointAccessMode: apigw.EndpointAccessMode.STRICT });
    const policy = new CfnParameter(stack, 'Policy', { type: 'String', allowedValues: ['TLS_1_2', 'TLS_1_0'] });
    new apigw.CfnDomainName(stack, 'PolicyParameter', { domainName: 'd.example.com', securityPolicy: policy.valueAsString });
    const strictPolicy = new CfnParameter(stack, 'StrictPolicy', { type: 'String', allowedValues: ['TLS_1_2', 'SecurityPolicy_TLS13_1_3_2025_09'] });
    new apigw.CfnDomainName(stack, 'StrictPolicyParameter', { domainName: 'g.example.com', securityPolicy: strictPolicy.valueAsString });
    const v2 = new apigwv2.DomainName(stack, 'V2Domain', { domainName: 'e.example.com', certificate: cert });
    const v2Tls10 = new apigwv2.DomainName(stack, 'V2DomainTls10', { domainName: 'f.example.com', certificate: cert });
    (v2Tls10.node.defaultChild as apigwv2.CfnDomainName).addPropertyOverride('DomainNameConfigurations.0.SecurityPolicy', 'TLS_1_0');
    void v2;
  });
});

describe(METHOD, () => {
  test('passes IAM, fails the L2 default (NONE) and an API key alone', () => {
    expect(run.verdict('Test/Rest/Default/iam/GET/Resource', METHOD)).toBe('passed');
    expect(run.verdict('Test/Rest/Default/open/GET/Resource', METHOD)).toBe('failed');
    expect(run.detail('Test/Rest/Default/open/GET/Resource', METHOD)).toMatch(/"NONE"/);
    expect(run.verdict('Test/Rest/Default/keyed/GET/Resource', METHOD)).toBe('failed');
  });
  test('exempts CORS preflight answered by a MOCK integration, not an OPTIONS method reaching a backend', () => {
    expect(run.verdict('Test/Rest/Default/iam/OPTIONS/Resource', METHOD)).toBe('not-applicable');
    expect(run.verdict('Test/NoCors/Default/preflight/OPTIONS/Resource', METHOD)).toBe('failed');
  });
  test('judges an override, an absent type (NONE) and a condition with a NONE branch', () => {
    expect(run.verdict('Test/Rest/Default/overridden/GET/Resource', METHOD)).toBe('failed');
    expect(run.verdict('Test/L1Method', METHOD)).toBe('failed');
    expect(run.detail('Test/L1Method', METHOD)).toMatch(/absent \(so "NONE"\)/);
    expect(run.verdict('Test/Rest/Default/conditional/GET/Resource', METHOD)).toBe('failed');
  });
  test('a parameter passes by its AllowedValues; without them it fails closed', () => {
    expect(run.verdict('Test/Rest/Default/allowed/GET/Resource', METHOD)).toBe('passed');
    expect(run.verdict('Test/Rest/Default/free/GET/Resource', METHOD)).toBe('failed');
    expect(run.detail('Test/Rest/Default/free/GET/Resource', METHOD)).toMatch(/cannot be known at synth/);
  });
});

describe(ROUTE, () => {
  test('passes an IAM-authorized HTTP route, fails one without an authorizer and an OPTIONS route', () => {
    expect(run.verdict('Test/Http/GET--iam/Resource', ROUTE)).toBe('passed');
    expect(run.verdict('Test/Http/GET--open/Resource', ROUTE)).toBe('failed');
    expect(run.verdict('Test/Http/OPTIONS--open/Resource', ROUTE)).toBe('failed');
  });
  test('WebSocket routes are judged on their API\'s $connect route', () => {
    expect(run.verdict('Test/Ws/$connect-Route/Resource', ROUTE)).toBe('passed');
    expect(run.verdict('Test/Ws/predict-Route/Resource', ROUTE)).toBe('passed');
    expect(run.verdict('Test/OpenWs/$connect-Route/Resource', ROUTE)).toBe('failed');
    expect(run.verdict('Test/OpenWs/predict-Route/Resource', ROUTE)).toBe('failed');
    expect(run.detail('Test/OpenWs/predict-Route/Resource', ROUTE)).toMatch(/\$connect route/);
    expect(run.verdict('Test/NoConnectWs/predict-Route/Resource', ROUTE)).toBe('failed');
    expect(run.detail('Test/NoConnectWs/predict-Route/Resource', ROUTE)).toMatch(/no \$connect route/);
  });
  test('a route of an API outside the template: WebSocket-only keys are not applicable, HTTP keys are judged', () => {
    expect(run.verdict('Test/ImportedWsRoute', ROUTE)).toBe('not-applicable');
    expect(run.verdict('Test/ImportedHttpRoute', ROUTE)).toBe('failed');
  });
});

describe(STAGE, () => {
  test('passes a RestApi with accessLogDestination, fails one without', () => {
    expect(run.verdict('Test/Rest/DeploymentStage.prod/Resource', STAGE)).toBe('passed');
    expect(run.verdict('Test/Unlogged/DeploymentStage.prod/Resource', STAGE)).toBe('failed');
    expect(run.verdict('Test/LogsRemoved/DeploymentStage.prod/Resource', STAGE)).toBe('failed');
    // A condition is named only when there is one.
    expect(run.detail('Test/Unlogged/DeploymentStage.prod/Resource', STAGE)).toBe('It writes no access logs: no access-log DestinationArn is set.');
    expect(run.detail('Test/LogsRemoved/DeploymentStage.prod/Resource', STAGE)).toBe('It writes no access logs in at least one branch of its conditions: there, no access-log DestinationArn is set.');
  });
  test('judges the stage a deployment creates, and no deployment without one', () => {
    expect(run.verdict('Test/DeploymentWithStage', STAGE)).toBe('failed');
    expect(run.verdict('Test/DeploymentWithLoggedStage', STAGE)).toBe('passed');
    expect(run.verdict('Test/DeploymentOnly', STAGE)).toBe('not-applicable');
    expect(run.verdict('Test/Rest/Deployment/Resource', STAGE)).toBe('not-applicable');
  });
  test('HTTP stages: accessLogSettings passes; none, and the default stage, fail', () => {
    expect(run.verdict('Test/LoggedStage/Resource', STAGE)).toBe('passed');
    expect(run.verdict('Test/UnloggedStage/Resource', STAGE)).toBe('failed');
    expect(run.verdict('Test/DefaultStaged/DefaultStage/Resource', STAGE)).toBe('failed');
  });
  test('a quick-created HTTP API fails; an API without Target is not applicable', () => {
    expect(run.verdict('Test/QuickCreated', STAGE)).toBe('failed');
    expect(run.verdict('Test/NotQuickCreated', STAGE)).toBe('not-applicable');
  });
});

describe(DOMAIN, () => {
  test('passes the default (TLS_1_2) and TLS 1.3, fails TLS_1_0', () => {
    expect(run.verdict('Test/DefaultPolicy/Resource', DOMAIN)).toBe('passed');
    expect(run.verdict('Test/Tls13/Resource', DOMAIN)).toBe('passed');
    expect(run.verdict('Test/Tls10/Resource', DOMAIN)).toBe('failed');
    expect(run.detail('Test/Tls10/Resource', DOMAIN)).toMatch(/"TLS_1_0"/);
  });
  test('a parameter passes only when none of its AllowedValues is TLS_1_0', () => {
    expect(run.verdict('Test/PolicyParameter', DOMAIN)).toBe('failed');
    expect(run.verdict('Test/StrictPolicyParameter', DOMAIN)).toBe('passed');
  });
  test('judges each configuration of an HTTP API domain', () => {
    expect(run.verdict('Test/V2Domain/Resource', DOMAIN)).toBe('passed');
    expect(run.verdict('Test/V2DomainTls10/Resource', DOMAIN)).toBe('failed');
  });
});
