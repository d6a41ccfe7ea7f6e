import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PackRun, runPackOnStack } from '../../helpers';

const HTTPS = 'CloudFrontViewerHttps';
const TLS = 'CloudFrontViewerTls12';
const LOGGED = 'CloudFrontAccessLogged';

/*
 * One synth. `distribution` is the hardened form (custom certificate, TLS 1.2 floor, HTTPS
 * redirect, standard logging v2 to a log group); each case changes one property.
 */
let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', stack.formatArn({ service: 'acm', region: 'us-east-1', resource: 'certificate', resourceName: 'abc' }));
    const origin = new origins.HttpOrigin('models.example.com');
    const logGroup = new logs.LogGroup(stack, 'CdnLogs');
    const destination = new logs.CfnDeliveryDestination(stack, 'Destination', { name: 'cdn-logs', destinationResourceArn: logGroup.logGroupArn });
    const deliver = (id: string, d: cloudfront.Distribution, delivery = true) => {
      const source = new logs.CfnDeliverySource(stack, `${id}Source`, { name: `${id}-source`, logType: 'ACCESS_LOGS', resourceArn: d.distributionArn });
      if (delivery) {
        new logs.CfnDelivery(stack, `${id}Delivery`, { deliverySourceName: source.ref, deliveryDestinationArn: destination.attrArn }).addResourceDependency(source);
      }
    };
    const distribution = (id: string, props: Partial<cloudfront.DistributionProps> = {}, logged = true) => {
      const d = new cloudfront.Distribution(stack, id, {
        defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
        domainNames: [`${id.toLowerCase()}.example.com`],
        certificate,
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        ...props,
      });
      if (logged) {
        deliver(id, d);
      }
      return d;
    };
    const l1 = (d: cloudfront.Distribution) => d.node.defaultChild as cloudfront.CfnDistribution;

    distribution('Hardened');
    // Viewer protocol
    distribution('AllowAll', { defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } });
    distribution('HttpsOnly', { defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY } });
    distribution('AdditionalAllowAll', { additionalBehaviors: { '/public/*': { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } } });
    l1(distribution('ProtocolConditional')).addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', Fn.conditionIf(useFeature.logicalId, 'https-only', 'allow-all'));
    const vpp = new CfnParameter(stack, 'Vpp', { type: 'String', allowedValues: ['https-only', 'redirect-to-https'] });
    l1(distribution('ProtocolParameter')).addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', vpp.valueAsString);
    // TLS
    distribution('DefaultCertificate', { domainNames: undefined, certificate: undefined });
    distribution('Tls11', { minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_1_2016 });
    distribution('Tls13', { minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025 });
    l1(distribution('VersionRemoved')).addPropertyDeletionOverride('DistributionConfig.ViewerCertificate.MinimumProtocolVersion');
    const version = new CfnParameter(stack, 'Version', { type: 'String' });
    l1(distribution('VersionParameter')).addPropertyOverride('DistributionConfig.ViewerCertificate.MinimumProtocolVersion', version.valueAsString);
    l1(distribution('DefaultCertificateFlag')).addPropertyOverride('DistributionConfig.ViewerCertificate', { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1.2_2021' });
    // Logging
    distribution('Unlogged', {}, false);
    deliver('SourceOnly', distribution('SourceOnly', {}, false), false);
    const legacyBucket = new CfnParameter(stack, 'LegacyBucket', { type: 'String' });
    l1(distribution('LegacyLogging', {}, false)).addPropertyOverride('DistributionConfig.Logging', { Bucket: legacyBucket.valueAsString });
    l1(distribution('LegacyConditional', {}, false)).addPropertyOverride('DistributionConfig.Logging', Fn.conditionIf(useFeature.logicalId, { Bucket: 'logs.s3.amazonaws.com' }, Fn.ref('AWS::NoValue')));
  });
});

describe(HTTPS, () => {
  test('passes redirect-to-https and https-only, fails allow-all on the default or an additional behavior', () => {
    expect(run.verdict('Test/Hardened/Resource', HTTPS)).toBe('passed');
    expect(run.verdict('Test/HttpsOnly/Resource', HTTPS)).toBe('passed');
    expect(run.verdict('Test/AllowAll/Resource', HTTPS)).toBe('failed');
    expect(run.detail('Test/AllowAll/Resource', HTTPS)).toMatch(/"allow-all"/);
    expect(run.verdict('Test/AdditionalAllowAll/Resource', HTTPS)).toBe('failed');
  });
  test('a condition with an allow-all branch fails; a parameter of HTTPS policies passes', () => {
    expect(run.verdict('Test/ProtocolConditional/Resource', HTTPS)).toBe('failed');
    expect(run.verdict('Test/ProtocolParameter/Resource', HTTPS)).toBe('passed');
  });
});

describe(TLS, () => {
  test('passes a custom certificate with TLS 1.2 or 1.3, fails the default certificate and TLS 1.1', () => {
    expect(run.verdict('Test/Hardened/Resource', TLS)).toBe('passed');
    expect(run.verdict('Test/Tls13/Resource', TLS)).toBe('passed');
    expect(run.verdict('Test/DefaultCertificate/Resource', TLS)).toBe('failed');
    expect(run.detail('Test/DefaultCertificate/Resource', TLS)).toMatch(/cloudfront\.net/);
    expect(run.verdict('Test/Tls11/Resource', TLS)).toBe('failed');
  });
  test('fails a removed minimum (TLSv1) and CloudFrontDefaultCertificate whatever the version says', () => {
    expect(run.verdict('Test/VersionRemoved/Resource', TLS)).toBe('failed');
    expect(run.verdict('Test/DefaultCertificateFlag/Resource', TLS)).toBe('failed');
  });
  test('a version from a parameter without AllowedValues fails closed', () => {
    expect(run.verdict('Test/VersionParameter/Resource', TLS)).toBe('failed');
    expect(run.detail('Test/VersionParameter/Resource', TLS)).toMatch(/cannot be known at synth/);
  });
});

describe(LOGGED, () => {
  test('passes standard logging v2 to a log group, fails none and a source without a delivery', () => {
    expect(run.verdict('Test/Hardened/Resource', LOGGED)).toBe('passed');
    expect(run.verdict('Test/Unlogged/Resource', LOGGED)).toBe('failed');
    expect(run.verdict('Test/SourceOnly/Resource', LOGGED)).toBe('failed');
  });
  test('passes legacy logging to a bucket (named by a parameter); fails a condition that may remove it', () => {
    expect(run.verdict('Test/LegacyLogging/Resource', LOGGED)).toBe('passed');
    expect(run.verdict('Test/LegacyConditional/Resource', LOGGED)).toBe('failed');
  });
});
