import { PackRule, Severity } from '../../rule';
import { CloudFrontAccessLogged } from './CloudFrontAccessLogged';
import { CloudFrontViewerHttps } from './CloudFrontViewerHttps';
import { CloudFrontViewerTls12 } from './CloudFrontViewerTls12';


/** The cloudfront rules, with the criteria, words and severity the pack gives them. */
export const CLOUDFRONT_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: CloudFrontViewerHttps,
    criteria: ['CC6.7'],
    rationale: 'Viewers connect over HTTPS (CC6.7).',
    severity: Severity.ERROR,
    finding: 'CloudFront distribution serves content to viewers over plain HTTP.',
    fix: 'Set viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS (or HTTPS_ONLY) on defaultBehavior and every additionalBehaviors entry, i.e. ViewerProtocolPolicy redirect-to-https or https-only; never ALLOW_ALL.',
  },
  {
    kind: 'resource',
    rule: CloudFrontViewerTls12,
    criteria: ['CC6.7'],
    rationale: 'Viewers connect with TLS 1.2 or later (CC6.7).',
    severity: Severity.ERROR,
    finding: 'CloudFront distribution accepts viewer TLS below 1.2.',
    fix: 'Serve a custom domain with an ACM certificate in us-east-1 (domainNames and certificate on the Distribution) and minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 (the default then), i.e. ViewerCertificate.AcmCertificateArn with MinimumProtocolVersion TLSv1.2_2021. The default *.cloudfront.net certificate cannot refuse TLS 1.0: acknowledge the rule only for public content.',
  },
  {
    kind: 'resource',
    rule: CloudFrontAccessLogged,
    criteria: ['CC7.2'],
    rationale: 'Every request is recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'CloudFront distribution logs no viewer requests.',
    fix: 'Deliver standard logs v2: a CfnDeliverySource (logType ACCESS_LOGS, resourceArn distribution.distributionArn), a CfnDeliveryDestination (a log group or bucket) and a CfnDelivery between them; or enableLogging with logBucket (legacy logging, which needs an ACL-enabled bucket), i.e. DistributionConfig.Logging.Bucket.',
  },
];
