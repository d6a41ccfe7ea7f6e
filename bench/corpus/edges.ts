/*
 * The cases of the services an ML platform exposes models and data through: API Gateway (REST,
 * HTTP and WebSocket APIs, custom domains), load balancers, CloudFront, Cognito user pools,
 * Lambda function URLs and runtimes, the retention CDK's `logRetention` prop sets, AWS WAF web
 * ACLs in front of an API, and AppSync GraphQL APIs.
 */
import { Aws, CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import { HttpIamAuthorizer, WebSocketIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit, override } from './kit';

const BACKEND = 'https://models.example.com';
const CORS = { allowOrigins: ['https://app.example.com'] };

/** An ACM certificate of the account, by ARN (CloudFront's must be in us-east-1). */
function certificate(scope: Construct, region?: string): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(scope, 'Certificate', Stack.of(scope).formatArn({
    service: 'acm', region, resource: 'certificate', resourceName: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  }));
}

// ---------------------------------------------------------------------------------------------
// API Gateway: REST APIs

/** A REST API as a careful user writes it: IAM on every method, CORS preflight, access logs. */
function restApi(scope: Construct, kit: Kit, broken: string | undefined): apigw.RestApi {
  const logged = broken !== 'NoAccessLogs';
  const api = new apigw.RestApi(scope, 'Api', {
    endpointTypes: [apigw.EndpointType.REGIONAL],
    cloudWatchRole: false,
    defaultCorsPreflightOptions: CORS,
    defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    deployOptions: {
      accessLogDestination: logged ? new apigw.LogGroupLogDestination(kit.logGroup('ApiAccessLogs')) : undefined,
      accessLogFormat: logged ? apigw.AccessLogFormat.jsonWithStandardFields() : undefined,
    },
  });
  const predict = api.root.addResource('predict').addMethod('POST', new apigw.HttpIntegration(`${BACKEND}/predict`, { httpMethod: 'POST' }),
    broken === 'AuthorizationNone' ? { authorizationType: apigw.AuthorizationType.NONE } : undefined);
  if (broken === 'AuthorizationNoneOverride') {
    override(predict, 'AuthorizationType', 'NONE');
  }
  if (broken === 'AccessLogsOverride') {
    override(api.deploymentStage, 'AccessLogSetting', undefined);
  }
  return api;
}

const restMethod = defineCase({
  name: 'ApiGatewayRestMethod',
  kind: 'AWS::ApiGateway::Method',
  breaks: ['AuthorizationNone', 'AuthorizationNoneOverride'],
  build(scope, broken, kit) {
    restApi(scope, kit, broken);
  },
});

const restStage = defineCase({
  name: 'ApiGatewayRestStage',
  kind: 'AWS::ApiGateway::Stage',
  breaks: ['NoAccessLogs', 'AccessLogsOverride'],
  build(scope, broken, kit) {
    restApi(scope, kit, broken);
  },
});

/** A REST API whose stage caches responses, encrypted stage-wide and in its one method override. */
const restStageCached = defineCase({
  name: 'ApiGatewayRestStageCached',
  kind: 'AWS::ApiGateway::Stage',
  breaks: ['CacheUnencrypted', 'MethodCacheUnencrypted'],
  build(scope, broken, kit) {
    const api = new apigw.RestApi(scope, 'Api', {
      endpointTypes: [apigw.EndpointType.REGIONAL],
      cloudWatchRole: false,
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
      deployOptions: {
        accessLogDestination: new apigw.LogGroupLogDestination(kit.logGroup('ApiAccessLogs')),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        cacheClusterEnabled: true,
        cachingEnabled: true,
        cacheDataEncrypted: broken !== 'CacheUnencrypted',
        methodOptions: { '/features/GET': { cachingEnabled: true, cacheTtl: Duration.minutes(1), cacheDataEncrypted: broken !== 'MethodCacheUnencrypted' } },
      },
    });
    api.root.addResource('features').addMethod('GET', new apigw.HttpIntegration(`${BACKEND}/features`));
  },
});

/** The same API written with the Cfn classes; `DeploymentStageUnlogged` lets the deployment create the stage. */
const restL1 = defineCase({
  name: 'ApiGatewayRestL1',
  kind: 'AWS::ApiGateway::Method',
  breaks: ['AuthorizationNone', 'AccessLogSettingLeftOut', 'DeploymentStageUnlogged'],
  build(scope, broken, kit) {
    const api = new apigw.CfnRestApi(scope, 'Api', { name: 'models', endpointConfiguration: { types: ['REGIONAL'] } });
    const resource = new apigw.CfnResource(scope, 'Predict', { restApiId: api.ref, parentId: api.attrRootResourceId, pathPart: 'predict' });
    const method = new apigw.CfnMethod(scope, 'PredictPost', {
      restApiId: api.ref, resourceId: resource.ref, httpMethod: 'POST',
      authorizationType: broken === 'AuthorizationNone' ? 'NONE' : 'AWS_IAM',
      integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'POST', uri: `${BACKEND}/predict` },
    });
    // CORS preflight from API Gateway itself: exempt from the authorization control.
    new apigw.CfnMethod(scope, 'PredictOptions', {
      restApiId: api.ref, resourceId: resource.ref, httpMethod: 'OPTIONS', authorizationType: 'NONE',
      integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' }, integrationResponses: [{ statusCode: '204' }] },
      methodResponses: [{ statusCode: '204' }],
    });
    const logGroup = kit.logGroup('ApiAccessLogs');
    const deployment = new apigw.CfnDeployment(scope, 'Deployment', {
      restApiId: api.ref,
      stageName: broken === 'DeploymentStageUnlogged' ? 'v1' : undefined,
    });
    deployment.addResourceDependency(method);
    if (broken !== 'DeploymentStageUnlogged') {
      new apigw.CfnStage(scope, 'Stage', {
        restApiId: api.ref, deploymentId: deployment.ref, stageName: 'v1',
        accessLogSetting: broken === 'AccessLogSettingLeftOut' ? undefined : { destinationArn: logGroup.logGroupArn, format: '$context.requestId $context.identity.caller $context.httpMethod $context.resourcePath $context.status' },
      });
    }
  },
});

const restDomain = defineCase({
  name: 'ApiGatewayDomain',
  kind: 'AWS::ApiGateway::DomainName',
  breaks: ['SecurityPolicyTls10', 'SecurityPolicyOverride'],
  build(scope, broken) {
    const domain = new apigw.DomainName(scope, 'Domain', {
      domainName: 'api.models.example.com',
      certificate: certificate(scope),
      endpointType: apigw.EndpointType.REGIONAL,
      securityPolicy: broken === 'SecurityPolicyTls10' ? apigw.SecurityPolicy.TLS_1_0 : apigw.SecurityPolicy.TLS_1_2,
    });
    if (broken === 'SecurityPolicyOverride') {
      override(domain, 'SecurityPolicy', 'TLS_1_0');
    }
  },
});

const restDomainL1 = defineCase({
  name: 'ApiGatewayDomainL1',
  kind: 'AWS::ApiGateway::DomainName',
  breaks: ['SecurityPolicyTls10'],
  build(scope, broken) {
    new apigw.CfnDomainName(scope, 'Domain', {
      domainName: 'api-l1.models.example.com',
      regionalCertificateArn: certificate(scope).certificateArn,
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: broken === 'SecurityPolicyTls10' ? 'TLS_1_0' : 'SecurityPolicy_TLS13_1_2_2021_06',
      endpointAccessMode: broken === 'SecurityPolicyTls10' ? undefined : 'STRICT',
    });
  },
});

// ---------------------------------------------------------------------------------------------
// API Gateway: HTTP and WebSocket APIs

/** An HTTP API: IAM on its routes, CORS answered by API Gateway, its own stage with access logs. */
function httpApi(scope: Construct, kit: Kit, broken: string | undefined): void {
  const api = new apigwv2.HttpApi(scope, 'Api', { createDefaultStage: broken === 'DefaultStage', corsPreflight: CORS });
  const backend = new HttpUrlIntegration('Backend', `${BACKEND}/predict`);
  const [route] = api.addRoutes({
    path: '/predict', methods: [apigwv2.HttpMethod.POST], integration: backend,
    authorizer: broken === 'NoAuthorizer' ? undefined : new HttpIamAuthorizer(),
  });
  if (broken === 'AuthorizationNoneOverride') {
    override(route, 'AuthorizationType', 'NONE');
  }
  if (broken === 'OptionsRoute') {
    // Preflight sent to the backend without authorization, instead of corsPreflight.
    api.addRoutes({ path: '/predict', methods: [apigwv2.HttpMethod.OPTIONS], integration: backend });
  }
  if (broken !== 'DefaultStage') {
    const stage = new apigwv2.HttpStage(scope, 'Stage', {
      httpApi: api, stageName: '$default', autoDeploy: true,
      accessLogSettings: broken === 'NoAccessLogs' ? undefined : { destination: new apigwv2.LogGroupLogDestination(kit.logGroup('ApiAccessLogs')) },
    });
    if (broken === 'AccessLogsOverride') {
      override(stage, 'AccessLogSettings', undefined);
    }
  }
}

const httpRoute = defineCase({
  name: 'ApiGatewayHttpRoute',
  kind: 'AWS::ApiGatewayV2::Route',
  breaks: ['NoAuthorizer', 'AuthorizationNoneOverride', 'OptionsRoute'],
  build(scope, broken, kit) {
    httpApi(scope, kit, broken);
  },
});

const httpStage = defineCase({
  name: 'ApiGatewayHttpStage',
  kind: 'AWS::ApiGatewayV2::Stage',
  breaks: ['NoAccessLogs', 'DefaultStage', 'AccessLogsOverride'],
  build(scope, broken, kit) {
    httpApi(scope, kit, broken);
  },
});

const httpL1 = defineCase({
  name: 'ApiGatewayHttpL1',
  kind: 'AWS::ApiGatewayV2::Route',
  breaks: ['AuthorizationNone', 'AccessLogSettingsLeftOut', 'QuickCreate'],
  build(scope, broken, kit) {
    if (broken === 'QuickCreate') {
      // The API with its route, integration and $default stage in one resource: no access logs.
      new apigwv2.CfnApi(scope, 'Api', { name: 'models', protocolType: 'HTTP', target: `${BACKEND}/predict` });
      return;
    }
    const api = new apigwv2.CfnApi(scope, 'Api', { name: 'models', protocolType: 'HTTP', corsConfiguration: { allowOrigins: CORS.allowOrigins } });
    const integration = new apigwv2.CfnIntegration(scope, 'Backend', { apiId: api.ref, integrationType: 'HTTP_PROXY', integrationMethod: 'POST', integrationUri: `${BACKEND}/predict`, payloadFormatVersion: '1.0' });
    new apigwv2.CfnRoute(scope, 'Predict', {
      apiId: api.ref, routeKey: 'POST /predict', target: `integrations/${integration.ref}`,
      authorizationType: broken === 'AuthorizationNone' ? 'NONE' : 'AWS_IAM',
    });
    new apigwv2.CfnStage(scope, 'Stage', {
      apiId: api.ref, stageName: '$default', autoDeploy: true,
      accessLogSettings: broken === 'AccessLogSettingsLeftOut' ? undefined : { destinationArn: kit.logGroup('ApiAccessLogs').logGroupArn, format: '$context.requestId $context.identity.caller $context.routeKey $context.status' },
    });
  },
});

const webSocket = defineCase({
  name: 'ApiGatewayWebSocket',
  kind: 'AWS::ApiGatewayV2::Route',
  breaks: ['ConnectNoAuthorizer'],
  build(scope, broken, kit) {
    const api = new apigwv2.WebSocketApi(scope, 'Api', {
      connectRouteOptions: { integration: new WebSocketMockIntegration('Connect'), authorizer: broken === 'ConnectNoAuthorizer' ? undefined : new WebSocketIamAuthorizer() },
    });
    api.addRoute('predict', { integration: new WebSocketMockIntegration('Predict') });
    new apigwv2.WebSocketStage(scope, 'Stage', {
      webSocketApi: api, stageName: 'live', autoDeploy: true,
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(kit.logGroup('ApiAccessLogs')) },
    });
  },
});

/** The HTTP API domain's L2 only offers TLS_1_2: its breaks are an override and the L1. */
const httpDomain = defineCase({
  name: 'ApiGatewayHttpDomain',
  kind: 'AWS::ApiGatewayV2::DomainName',
  breaks: ['SecurityPolicyOverride'],
  build(scope, broken) {
    const domain = new apigwv2.DomainName(scope, 'Domain', { domainName: 'ws.models.example.com', certificate: certificate(scope), securityPolicy: apigwv2.SecurityPolicy.TLS_1_2 });
    if (broken === 'SecurityPolicyOverride') {
      override(domain, 'DomainNameConfigurations.0.SecurityPolicy', 'TLS_1_0');
    }
  },
});

const httpDomainL1 = defineCase({
  name: 'ApiGatewayHttpDomainL1',
  kind: 'AWS::ApiGatewayV2::DomainName',
  breaks: ['SecurityPolicyTls10'],
  build(scope, broken) {
    new apigwv2.CfnDomainName(scope, 'Domain', {
      domainName: 'ws-l1.models.example.com',
      domainNameConfigurations: [{ certificateArn: certificate(scope).certificateArn, endpointType: 'REGIONAL', securityPolicy: broken === 'SecurityPolicyTls10' ? 'TLS_1_0' : 'TLS_1_2' }],
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Load balancers

/**
 * Let Elastic Load Balancing deliver access logs to the kit's log bucket (SSE-S3, as ELB
 * requires). The corpus stacks have no region, which `logAccessLogs` needs to name the regional
 * ELB account, so the attributes and the bucket grant are written as an environment-agnostic app
 * writes them: the log-delivery service principal, scoped to this account.
 */
function deliverAccessLogs(lb: elbv2.BaseLoadBalancer, kit: Kit, prefix: string): void {
  // The data bucket logs to the log bucket, which makes it a log target (the S3 logging control).
  void kit.bucket;
  kit.logBucket.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [kit.logBucket.arnForObjects(`${prefix}/AWSLogs/${Aws.ACCOUNT_ID}/*`)],
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
  lb.setAttribute('access_logs.s3.enabled', 'true');
  lb.setAttribute('access_logs.s3.bucket', kit.logBucket.bucketName);
  lb.setAttribute('access_logs.s3.prefix', prefix);
}

/** An internal ALB: HTTPS with a TLS 1.2+ policy, HTTP only redirecting, access logs. */
function applicationLoadBalancer(scope: Construct, kit: Kit, broken: string | undefined): void {
  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc: kit.vpc, internetFacing: false });
  alb.connections.allowFrom(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS from the VPC');
  alb.connections.allowFrom(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(80), 'HTTP (redirected) from the VPC');
  const models = new elbv2.ApplicationTargetGroup(scope, 'Models', { vpc: kit.vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP });
  const sslPolicy = { SslPolicyRecommended: elbv2.SslPolicy.RECOMMENDED, SslPolicyTls11: elbv2.SslPolicy.TLS13_11 }[broken ?? ''] ?? elbv2.SslPolicy.RECOMMENDED_TLS;
  const https = alb.addListener('Https', { port: 443, certificates: [certificate(scope)], sslPolicy, defaultTargetGroups: [models], open: false });
  if (broken === 'SslPolicyOverride') {
    override(https, 'SslPolicy', 'ELBSecurityPolicy-TLS-1-0-2015-04');
  }
  if (broken === 'HttpForward') {
    alb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, defaultTargetGroups: [models], open: false });
  } else {
    const http = alb.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
    if (broken === 'RedirectProtocolOverride') {
      override(http, 'DefaultActions.0.RedirectConfig.Protocol', 'HTTP');
    }
    if (broken === 'HttpRuleForward') {
      http.addAction('Health', { priority: 10, conditions: [elbv2.ListenerCondition.pathPatterns(['/health'])], action: elbv2.ListenerAction.forward([models]) });
    }
  }
  if (broken !== 'NoAccessLogs') {
    deliverAccessLogs(alb, kit, 'alb');
  }
  if (broken === 'AccessLogsDisabled') {
    alb.setAttribute('access_logs.s3.enabled', 'false');
  }
  if (broken === 'AccessLogsOverride') {
    override(alb, 'LoadBalancerAttributes', [{ Key: 'deletion_protection.enabled', Value: 'true' }]);
  }
}

const albListener = defineCase({
  name: 'ElbAlbListener',
  kind: 'AWS::ElasticLoadBalancingV2::Listener',
  breaks: ['HttpForward', 'HttpRuleForward', 'RedirectProtocolOverride', 'SslPolicyRecommended', 'SslPolicyTls11', 'SslPolicyOverride'],
  build(scope, broken, kit) {
    applicationLoadBalancer(scope, kit, broken);
  },
});

const albAccessLogs = defineCase({
  name: 'ElbAlbAccessLogs',
  kind: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  breaks: ['NoAccessLogs', 'AccessLogsDisabled', 'AccessLogsOverride'],
  build(scope, broken, kit) {
    applicationLoadBalancer(scope, kit, broken);
  },
});

const albL1 = defineCase({
  name: 'ElbAlbL1',
  kind: 'AWS::ElasticLoadBalancingV2::Listener',
  breaks: ['HttpListenerForward', 'SslPolicyLeftOut', 'AccessLogsLeftOut'],
  build(scope, broken, kit) {
    const sg = kit.securityGroup;
    const lb = new elbv2.CfnLoadBalancer(scope, 'Alb', {
      type: 'application', scheme: 'internal', subnets: kit.subnetIds, securityGroups: [sg.securityGroupId],
      loadBalancerAttributes: broken === 'AccessLogsLeftOut' ? undefined : [
        { key: 'access_logs.s3.enabled', value: 'true' },
        { key: 'access_logs.s3.bucket', value: kit.logBucket.bucketName },
        { key: 'access_logs.s3.prefix', value: 'alb-l1' },
      ],
    });
    if (broken !== 'AccessLogsLeftOut') {
      void kit.bucket;
    }
    const models = new elbv2.CfnTargetGroup(scope, 'Models', { vpcId: kit.vpc.vpcId, port: 8080, protocol: 'HTTP', targetType: 'ip' });
    const forward = [{ type: 'forward', targetGroupArn: models.ref }];
    new elbv2.CfnListener(scope, 'Https', {
      loadBalancerArn: lb.ref, port: 443, protocol: 'HTTPS', certificates: [{ certificateArn: certificate(scope).certificateArn }],
      sslPolicy: broken === 'SslPolicyLeftOut' ? undefined : 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      defaultActions: forward,
    });
    new elbv2.CfnListener(scope, 'Http', {
      loadBalancerArn: lb.ref, port: 80, protocol: 'HTTP',
      defaultActions: broken === 'HttpListenerForward' ? forward : [{ type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
    });
  },
});

const nlb = defineCase({
  name: 'ElbNlb',
  kind: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  breaks: ['SslPolicyLegacy', 'NoAccessLogs'],
  build(scope, broken, kit) {
    const lb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc: kit.vpc, internetFacing: false });
    lb.connections.allowFrom(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'TLS from the VPC');
    const models = new elbv2.NetworkTargetGroup(scope, 'Models', { vpc: kit.vpc, port: 8443, protocol: elbv2.Protocol.TLS, targetType: elbv2.TargetType.IP });
    lb.addListener('Tls', {
      port: 443, protocol: elbv2.Protocol.TLS, certificates: [certificate(scope)],
      sslPolicy: broken === 'SslPolicyLegacy' ? elbv2.SslPolicy.LEGACY : elbv2.SslPolicy.TLS13_13,
      defaultTargetGroups: [models],
    });
    if (broken !== 'NoAccessLogs') {
      deliverAccessLogs(lb, kit, 'nlb');
    }
  },
});

// ---------------------------------------------------------------------------------------------
// CloudFront

/**
 * CloudFront standard logging v2 (CloudWatch Logs delivery) to an encrypted, year-long log group:
 * legacy logging would need an ACL-enabled bucket, which the S3 ownership control refuses.
 */
function deliverCdnLogs(scope: Construct, kit: Kit, distributionArn: string): void {
  const name = `${Stack.of(scope).stackName}-cdn`;
  const source = new logs.CfnDeliverySource(scope, 'LogSource', { name, logType: 'ACCESS_LOGS', resourceArn: distributionArn });
  const destination = new logs.CfnDeliveryDestination(scope, 'LogDestination', { name, destinationResourceArn: kit.logGroup('CdnAccessLogs').logGroupArn });
  new logs.CfnDelivery(scope, 'LogDelivery', { deliverySourceName: source.ref, deliveryDestinationArn: destination.attrArn }).addResourceDependency(source);
}

const distribution = defineCase({
  name: 'CloudFrontDistribution',
  kind: 'AWS::CloudFront::Distribution',
  breaks: ['AllowAll', 'AdditionalBehaviorAllowAll', 'ViewerProtocolOverride', 'DefaultCertificate', 'MinimumTls11', 'MinimumProtocolOverride', 'NoAccessLogs'],
  build(scope, broken, kit) {
    const origin = new origins.HttpOrigin('models.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY });
    const viewerProtocolPolicy = broken === 'AllowAll' ? cloudfront.ViewerProtocolPolicy.ALLOW_ALL : cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS;
    const ownCertificate = broken !== 'DefaultCertificate';
    const cdn = new cloudfront.Distribution(scope, 'Cdn', {
      defaultBehavior: { origin, viewerProtocolPolicy },
      additionalBehaviors: {
        '/docs/*': { origin, viewerProtocolPolicy: broken === 'AdditionalBehaviorAllowAll' ? cloudfront.ViewerProtocolPolicy.ALLOW_ALL : cloudfront.ViewerProtocolPolicy.HTTPS_ONLY },
      },
      domainNames: ownCertificate ? ['models.example.com'] : undefined,
      certificate: ownCertificate ? certificate(scope, 'us-east-1') : undefined,
      minimumProtocolVersion: broken === 'MinimumTls11' ? cloudfront.SecurityPolicyProtocol.TLS_V1_1_2016 : cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    });
    if (broken === 'ViewerProtocolOverride') {
      override(cdn, 'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'allow-all');
    }
    if (broken === 'MinimumProtocolOverride') {
      override(cdn, 'DistributionConfig.ViewerCertificate.MinimumProtocolVersion', 'TLSv1');
    }
    if (broken !== 'NoAccessLogs') {
      deliverCdnLogs(scope, kit, cdn.distributionArn);
    }
  },
});

/** Written with CfnDistribution, logging to a central bucket of another account (legacy logging). */
const distributionL1 = defineCase({
  name: 'CloudFrontDistributionL1',
  kind: 'AWS::CloudFront::Distribution',
  breaks: ['ViewerProtocolAllowAll', 'DefaultCertificate', 'MinimumProtocolTlsV1', 'LoggingLeftOut'],
  build(scope, broken) {
    const defaultCertificate = broken === 'DefaultCertificate';
    new cloudfront.CfnDistribution(scope, 'Cdn', {
      distributionConfig: {
        enabled: true,
        aliases: defaultCertificate ? undefined : ['models-l1.example.com'],
        origins: [{ id: 'models', domainName: 'models.example.com', customOriginConfig: { originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
        defaultCacheBehavior: {
          targetOriginId: 'models',
          viewerProtocolPolicy: broken === 'ViewerProtocolAllowAll' ? 'allow-all' : 'https-only',
          cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        },
        viewerCertificate: defaultCertificate ? { cloudFrontDefaultCertificate: true } : {
          acmCertificateArn: certificate(scope, 'us-east-1').certificateArn,
          sslSupportMethod: 'sni-only',
          minimumProtocolVersion: broken === 'MinimumProtocolTlsV1' ? 'TLSv1' : 'TLSv1.2_2021',
        },
        logging: broken === 'LoggingLeftOut' ? undefined : { bucket: 'central-cdn-logs.s3.amazonaws.com', prefix: 'models/' },
      },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Cognito

const userPool = defineCase({
  name: 'CognitoUserPool',
  kind: 'AWS::Cognito::UserPool',
  breaks: ['MfaOptional', 'MfaOverride', 'ThreatProtectionAudit', 'EssentialsPlan', 'ThreatProtectionOverride'],
  build(scope, broken) {
    const pool = new cognito.UserPool(scope, 'Pool', {
      selfSignUpEnabled: false,
      mfa: broken === 'MfaOptional' ? cognito.Mfa.OPTIONAL : cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: broken === 'EssentialsPlan' ? cognito.FeaturePlan.ESSENTIALS : cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: broken === 'ThreatProtectionAudit' ? cognito.StandardThreatProtectionMode.AUDIT_ONLY : cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      passwordPolicy: { minLength: 14 },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (broken === 'MfaOverride') {
      override(pool, 'MfaConfiguration', 'OFF');
    }
    if (broken === 'ThreatProtectionOverride') {
      override(pool, 'UserPoolAddOns.AdvancedSecurityMode', 'OFF');
    }
  },
});

const userPoolL1 = defineCase({
  name: 'CognitoUserPoolL1',
  kind: 'AWS::Cognito::UserPool',
  breaks: ['MfaOff', 'AdvancedSecurityLeftOut', 'TierLeftOut'],
  build(scope, broken) {
    new cognito.CfnUserPool(scope, 'Pool', {
      mfaConfiguration: broken === 'MfaOff' ? 'OFF' : 'ON',
      enabledMfas: broken === 'MfaOff' ? undefined : ['SOFTWARE_TOKEN_MFA'],
      userPoolTier: broken === 'TierLeftOut' ? undefined : 'PLUS',
      userPoolAddOns: broken === 'AdvancedSecurityLeftOut' ? undefined : { advancedSecurityMode: 'ENFORCED' },
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      deletionProtection: 'ACTIVE',
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Lambda

/** A function as the platform writes one: the current runtime, its own encrypted log group. */
function modelFunction(scope: Construct, kit: Kit, runtime = lambda.Runtime.NODEJS_24_X): lambda.Function {
  return new lambda.Function(scope, 'Function', {
    runtime,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    logGroup: kit.logGroup('FunctionLogs'),
    environmentEncryption: kit.key,
  });
}

const functionUrl = defineCase({
  name: 'LambdaFunctionUrl',
  kind: 'AWS::Lambda::Url',
  breaks: ['AuthNone', 'AuthTypeOverride'],
  build(scope, broken, kit) {
    const url = modelFunction(scope, kit).addFunctionUrl({ authType: broken === 'AuthNone' ? lambda.FunctionUrlAuthType.NONE : lambda.FunctionUrlAuthType.AWS_IAM });
    if (broken === 'AuthTypeOverride') {
      override(url, 'AuthType', 'NONE');
    }
  },
});

const functionUrlL1 = defineCase({
  name: 'LambdaFunctionUrlL1',
  kind: 'AWS::Lambda::Url',
  breaks: ['AuthTypeNone'],
  build(scope, broken, kit) {
    new lambda.CfnUrl(scope, 'Url', { targetFunctionArn: modelFunction(scope, kit).functionArn, authType: broken === 'AuthTypeNone' ? 'NONE' : 'AWS_IAM' });
  },
});

const functionRuntime = defineCase({
  name: 'LambdaRuntime',
  kind: 'AWS::Lambda::Function',
  breaks: ['Nodejs20', 'Python39', 'RuntimeOverride'],
  build(scope, broken, kit) {
    const runtime = { Nodejs20: lambda.Runtime.NODEJS_20_X, Python39: lambda.Runtime.PYTHON_3_9 }[broken ?? ''];
    const fn = modelFunction(scope, kit, runtime);
    if (broken === 'RuntimeOverride') {
      override(fn, 'Runtime', 'nodejs18.x');
    }
  },
});

const functionRuntimeL1 = defineCase({
  name: 'LambdaRuntimeL1',
  kind: 'AWS::Lambda::Function',
  breaks: ['Nodejs18'],
  build(scope, broken, kit) {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = kit.logGroup('FunctionLogs');
    logGroup.grantWrite(role);
    new lambda.CfnFunction(scope, 'Function', {
      runtime: broken === 'Nodejs18' ? 'nodejs18.x' : 'python3.14',
      handler: 'index.handler',
      role: role.roleArn,
      code: { zipFile: 'def handler(event, context):\n    return {"statusCode": 200}\n' },
      loggingConfig: { logGroup: logGroup.logGroupName },
      kmsKeyArn: kit.key.keyArn,
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Logs: the retention CDK's logRetention prop sets (Custom::LogRetention)

const logRetentionProp = defineCase({
  name: 'LogRetentionProp',
  kind: 'Custom::LogRetention',
  breaks: ['OneWeek', 'RetentionOverride'],
  build(scope, broken, kit) {
    const fn = new lambda.Function(scope, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      logRetention: broken === 'OneWeek' ? logs.RetentionDays.ONE_WEEK : logs.RetentionDays.ONE_YEAR,
      environmentEncryption: kit.key,
    });
    if (broken === 'RetentionOverride') {
      (fn.node.findChild('LogRetention').node.defaultChild as CfnResource).addPropertyOverride('RetentionInDays', 14);
    }
  },
});

const logRetentionConstruct = defineCase({
  name: 'LogRetentionConstruct',
  kind: 'Custom::LogRetention',
  breaks: ['OneMonth'],
  build(scope, broken) {
    new logs.LogRetention(scope, 'Retention', {
      logGroupName: '/ml/training-jobs',
      retention: broken === 'OneMonth' ? logs.RetentionDays.ONE_MONTH : logs.RetentionDays.TWO_YEARS,
    });
  },
});

// ---------------------------------------------------------------------------------------------
// AWS WAF: a web ACL in front of the REST API, logging what it inspects

function regionalWebAcl(scope: Construct, id: string): wafv2.CfnWebACL {
  const metrics = (name: string) => ({ cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true });
  return new wafv2.CfnWebACL(scope, id, {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: metrics(id),
    rules: [
      { name: 'Common', priority: 0, overrideAction: { none: {} }, visibilityConfig: metrics(`${id}Common`),
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } } },
      { name: 'RateLimit', priority: 1, action: { block: {} }, visibilityConfig: metrics(`${id}RateLimit`),
        statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } } },
    ],
  });
}

/** Two web ACLs (the API's and the model console's), each logged to its own aws-waf-logs- group; each break leaves the API's ACL unlogged. */
const webAcl = defineCase({
  name: 'WafWebAcl',
  kind: 'AWS::WAFv2::WebACL',
  breaks: ['NoLoggingConfiguration', 'LoggingOfAnotherAcl'],
  // The API's stage left without its web ACL: ApiGatewayStageWaf warns.
  warnings: ['ApiStageNotAssociated'],
  build(scope, broken, kit) {
    const api = restApi(scope, kit, undefined);
    const apiAcl = regionalWebAcl(scope, 'ApiAcl');
    const consoleAcl = regionalWebAcl(scope, 'ConsoleAcl');
    if (broken !== 'ApiStageNotAssociated') {
      new wafv2.CfnWebACLAssociation(scope, 'ApiWaf', { resourceArn: api.deploymentStage.stageArn, webAclArn: apiAcl.attrArn });
    }
    const logTo = (id: string, acl: wafv2.CfnWebACL) => {
      const group = new logs.LogGroup(scope, `${id}Group`, {
        logGroupName: `aws-waf-logs-${id.toLowerCase()}`, encryptionKey: kit.key, retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN,
      });
      new wafv2.CfnLoggingConfiguration(scope, id, { resourceArn: acl.attrArn, logDestinationConfigs: [group.logGroupArn] });
    };
    // The copy-paste slip: the API ACL's logging configuration names the console's ACL (AWS allows
    // one per ACL, so the console's own goes).
    if (broken === 'LoggingOfAnotherAcl') {
      logTo('ApiAclLogging', consoleAcl);
      return;
    }
    if (broken !== 'NoLoggingConfiguration') {
      logTo('ApiAclLogging', apiAcl);
    }
    logTo('ConsoleAclLogging', consoleAcl);
  },
});

// ---------------------------------------------------------------------------------------------
// AppSync: a GraphQL API for prediction lookups

const PREDICTION_SCHEMA = 'type Prediction { id: ID! score: Float }\ntype Query { prediction(id: ID!): Prediction }\n';

/** IAM-authorized, logging resolver errors through its own role. */
const graphqlApi = defineCase({
  name: 'AppSyncGraphqlApi',
  kind: 'AWS::AppSync::GraphQLApi',
  breaks: ['ApiKeyAuthentication', 'AdditionalApiKey', 'NoLogConfig', 'FieldLogLevelNone'],
  build(scope, broken) {
    const logsRole = new iam.Role(scope, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSAppSyncPushToCloudWatchLogs')],
    });
    const api = new appsync.CfnGraphQLApi(scope, 'Api', {
      name: 'predictions',
      authenticationType: broken === 'ApiKeyAuthentication' ? 'API_KEY' : 'AWS_IAM',
      additionalAuthenticationProviders: broken === 'AdditionalApiKey' ? [{ authenticationType: 'API_KEY' }] : undefined,
      logConfig: broken === 'NoLogConfig' ? undefined : { cloudWatchLogsRoleArn: logsRole.roleArn, fieldLogLevel: broken === 'FieldLogLevelNone' ? 'NONE' : 'ERROR' },
      xrayEnabled: true,
    });
    new appsync.CfnGraphQLSchema(scope, 'Schema', { apiId: api.attrApiId, definition: PREDICTION_SCHEMA });
  },
});

export const CASES: readonly CorpusCase[] = [
  restMethod, restStage, restStageCached, restL1, restDomain, restDomainL1,
  httpRoute, httpStage, httpL1, webSocket, httpDomain, httpDomainL1,
  albListener, albAccessLogs, albL1, nlb,
  distribution, distributionL1,
  userPool, userPoolL1,
  functionUrl, functionUrlL1, functionRuntime, functionRuntimeL1,
  logRetentionProp, logRetentionConstruct,
  webAcl, graphqlApi,
];
