import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PackRun, runPack } from '../../helpers';

const REDIRECT = 'ElbHttpRedirectsToHttps';
const POLICY = 'ElbListenerTls12Policy';
const LOGGED = 'ElbAccessLogged';

/*
 * One synth: an Application Load Balancer per case (a region, which logAccessLogs needs), each
 * pair differing only in the property under test.
 */
let run: PackRun;
beforeAll(() => {
  run = runPack((app) => {
    const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
    const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
    // An imported network keeps the template to the load balancers.
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'], isolatedSubnetIds: ['subnet-1', 'subnet-2'] });
    const bucket = new s3.Bucket(stack, 'Logs');
    const certificates = [elbv2.ListenerCertificate.fromArn(stack.formatArn({ service: 'acm', resource: 'certificate', resourceName: 'abc' }))];
    const alb = (id: string) => new elbv2.ApplicationLoadBalancer(stack, id, { vpc });
    const ok = elbv2.ListenerAction.fixedResponse(200);
    const redirect = elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true });

    const main = alb('Alb');
    main.logAccessLogs(bucket, 'alb');
    main.addListener('Https', { port: 443, certificates, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, defaultAction: ok, open: false });
    main.addListener('Recommended', { port: 8443, certificates, sslPolicy: elbv2.SslPolicy.RECOMMENDED, defaultAction: ok, open: false });
    main.addListener('Tls11', { port: 9443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates, sslPolicy: elbv2.SslPolicy.TLS13_11, defaultAction: ok, open: false });
    main.addRedirect({ sourcePort: 80, targetPort: 443 });
    const http = main.addListener('Http', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, defaultAction: ok, open: false });
    const httpRedirect = main.addListener('HttpRedirect', { port: 8081, protocol: elbv2.ApplicationProtocol.HTTP, defaultAction: redirect, open: false });
    httpRedirect.addAction('Api', { priority: 10, conditions: [elbv2.ListenerCondition.pathPatterns(['/api/*'])], action: ok });
    const keepsProtocol = main.addListener('KeepsProtocol', { port: 8082, protocol: elbv2.ApplicationProtocol.HTTP, defaultAction: redirect, open: false });
    (keepsProtocol.node.defaultChild as elbv2.CfnListener).addPropertyDeletionOverride('DefaultActions.0.RedirectConfig.Protocol');
    const conditionalPolicy = main.addListener('ConditionalPolicy', { port: 10443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, defaultAction: ok, open: false });
    (conditionalPolicy.node.defaultChild as elbv2.CfnListener).addPropertyOverride('SslPolicy', Fn.conditionIf(useFeature.logicalId, 'ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-2016-08'));
    new elbv2.CfnListener(stack, 'L1NoPolicy', { loadBalancerArn: main.loadBalancerArn, port: 11443, protocol: 'HTTPS', certificates: [{ certificateArn: 'arn' }], defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '200' } }] });
    const protocol = new CfnParameter(stack, 'Protocol', { type: 'String' });
    new elbv2.CfnListener(stack, 'ParameterProtocol', { loadBalancerArn: main.loadBalancerArn, port: 12443, protocol: protocol.valueAsString, defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '200' } }] });
    new elbv2.CfnListenerRule(stack, 'ImportedListenerRule', { listenerArn: Fn.importValue('SharedListener'), priority: 5, conditions: [{ field: 'path-pattern', values: ['/x'] }], actions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '200' } }] });
    void http;

    // Access logs
    alb('Unlogged');
    const disabled = alb('Disabled');
    disabled.logAccessLogs(bucket, 'disabled');
    disabled.setAttribute('access_logs.s3.enabled', 'false');
    const conditional = alb('ConditionalLogs');
    (conditional.node.defaultChild as elbv2.CfnLoadBalancer).addPropertyOverride('LoadBalancerAttributes', [
      Fn.conditionIf(useFeature.logicalId, { Key: 'access_logs.s3.enabled', Value: 'true' }, Fn.ref('AWS::NoValue')),
    ]);
    const enabled = new CfnParameter(stack, 'LogsEnabled', { type: 'String', allowedValues: ['true'] });
    new elbv2.CfnLoadBalancer(stack, 'L1Logged', { type: 'application', subnets: vpc.isolatedSubnets.map((s) => s.subnetId), loadBalancerAttributes: [{ key: 'access_logs.s3.enabled', value: enabled.valueAsString }] });
    new elbv2.CfnLoadBalancer(stack, 'L1ImportedSetting', { type: 'application', subnets: vpc.isolatedSubnets.map((s) => s.subnetId), loadBalancerAttributes: [{ key: 'access_logs.s3.enabled', value: Fn.importValue('SharedLogsEnabled') }] });
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'TcpNlb', { vpc });
    nlb.addListener('Tcp', { port: 443, defaultAction: elbv2.NetworkListenerAction.forward([new elbv2.NetworkTargetGroup(stack, 'TcpTargets', { vpc, port: 443, targetType: elbv2.TargetType.IP })]) });
    const tlsNlb = new elbv2.NetworkLoadBalancer(stack, 'TlsNlb', { vpc });
    tlsNlb.addListener('Tls', { port: 443, certificates, sslPolicy: elbv2.SslPolicy.TLS13_13, defaultAction: elbv2.NetworkListenerAction.forward([new elbv2.NetworkTargetGroup(stack, 'TlsTargets', { vpc, port: 443, targetType: elbv2.TargetType.IP })]) });
  });
});

describe(REDIRECT, () => {
  test('passes an HTTP listener that redirects to HTTPS, fails one that answers', () => {
    expect(run.verdict('Test/Alb/Redirect80To443/Resource', REDIRECT)).toBe('passed');
    expect(run.verdict('Test/Alb/Http/Resource', REDIRECT)).toBe('failed');
    expect(run.detail('Test/Alb/Http/Resource', REDIRECT)).toMatch(/fixed-response/);
    expect(run.verdict('Test/Alb/Https/Resource', REDIRECT)).toBe('not-applicable');
  });
  test('fails a redirect that keeps the protocol, and a rule forwarding on the HTTP listener', () => {
    expect(run.verdict('Test/Alb/KeepsProtocol/Resource', REDIRECT)).toBe('failed');
    expect(run.detail('Test/Alb/KeepsProtocol/Resource', REDIRECT)).toMatch(/#\{protocol\}/);
    expect(run.verdict('Test/Alb/HttpRedirect/Resource', REDIRECT)).toBe('passed');
    expect(run.verdict('Test/Alb/HttpRedirect/ApiRule/Resource', REDIRECT)).toBe('failed');
  });
  test('fails closed on a protocol synth cannot know and on a rule of a listener outside the template', () => {
    expect(run.verdict('Test/ParameterProtocol', REDIRECT)).toBe('failed');
    expect(run.verdict('Test/ImportedListenerRule', REDIRECT)).toBe('failed');
    expect(run.detail('Test/ImportedListenerRule', REDIRECT)).toMatch(/outside this template/);
  });
});

describe(POLICY, () => {
  test('passes a TLS 1.2 policy, fails SslPolicy.RECOMMENDED (2016-08) and TLS 1.1', () => {
    expect(run.verdict('Test/Alb/Https/Resource', POLICY)).toBe('passed');
    expect(run.verdict('Test/Alb/Recommended/Resource', POLICY)).toBe('failed');
    expect(run.detail('Test/Alb/Recommended/Resource', POLICY)).toMatch(/ELBSecurityPolicy-2016-08/);
    expect(run.verdict('Test/Alb/Tls11/Resource', POLICY)).toBe('failed');
    expect(run.verdict('Test/TlsNlb/Tls/Resource', POLICY)).toBe('passed');
  });
  test('fails an absent policy and a condition with a 2016-08 branch; HTTP listeners are not applicable', () => {
    expect(run.verdict('Test/L1NoPolicy', POLICY)).toBe('failed');
    expect(run.detail('Test/L1NoPolicy', POLICY)).toMatch(/names no SslPolicy/);
    expect(run.verdict('Test/Alb/ConditionalPolicy/Resource', POLICY)).toBe('failed');
    expect(run.verdict('Test/Alb/Http/Resource', POLICY)).toBe('not-applicable');
    expect(run.verdict('Test/ParameterProtocol', POLICY)).toBe('failed');
  });
});

describe(LOGGED, () => {
  test('passes logAccessLogs, fails none, a disabled attribute and a condition that may remove it', () => {
    expect(run.verdict('Test/Alb/Resource', LOGGED)).toBe('passed');
    expect(run.verdict('Test/Unlogged/Resource', LOGGED)).toBe('failed');
    expect(run.verdict('Test/Disabled/Resource', LOGGED)).toBe('failed');
    expect(run.verdict('Test/ConditionalLogs/Resource', LOGGED)).toBe('failed');
  });
  test('a parameter passes by its AllowedValues; an imported value fails closed', () => {
    expect(run.verdict('Test/L1Logged', LOGGED)).toBe('passed');
    expect(run.verdict('Test/L1ImportedSetting', LOGGED)).toBe('failed');
    expect(run.detail('Test/L1ImportedSetting', LOGGED)).toMatch(/cannot be known at synth/);
  });
  test('a Network Load Balancer needs access logs only with a TLS listener', () => {
    expect(run.verdict('Test/TcpNlb/Resource', LOGGED)).toBe('not-applicable');
    expect(run.verdict('Test/TlsNlb/Resource', LOGGED)).toBe('failed');
  });
});
