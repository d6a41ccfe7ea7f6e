import { PackRule, Severity } from '../../rule';
import { ElbAccessLogged } from './ElbAccessLogged';
import { ElbHttpRedirectsToHttps } from './ElbHttpRedirectsToHttps';
import { ElbListenerTls12Policy } from './ElbListenerTls12Policy';


/** The elbv2 rules, with the criteria, words and severity the pack gives them. */
export const ELBV2_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: ElbHttpRedirectsToHttps,
    criteria: ['CC6.7'],
    rationale: 'Plain HTTP is only redirected to HTTPS (CC6.7).',
    severity: Severity.ERROR,
    finding: 'Load balancer serves plain HTTP instead of redirecting to HTTPS.',
    fix: 'Make the HTTP listener only redirect: loadBalancer.addRedirect(), or addListener with port 80 and defaultAction: ListenerAction.redirect({ protocol: \'HTTPS\', port: \'443\', permanent: true }), i.e. DefaultActions of Type redirect with RedirectConfig.Protocol HTTPS; add forwarding rules to the HTTPS listener, not the HTTP one.',
  },
  {
    kind: 'resource',
    rule: ElbListenerTls12Policy,
    criteria: ['CC6.7'],
    rationale: 'Listeners accept TLS 1.2 or later only (CC6.7).',
    severity: Severity.ERROR,
    finding: 'Load balancer HTTPS/TLS listener accepts TLS below 1.2 (or names no security policy).',
    fix: 'Set sslPolicy: SslPolicy.RECOMMENDED_TLS (ELBSecurityPolicy-TLS13-1-2-2021-06), TLS13_12_PQ, TLS13_13 or a FIPS TLS 1.3 policy on the listener, i.e. SslPolicy; not SslPolicy.RECOMMENDED, which is ELBSecurityPolicy-2016-08.',
  },
  {
    kind: 'resource',
    rule: ElbAccessLogged,
    criteria: ['CC7.2'],
    rationale: 'Every request is recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Load balancer writes no access logs.',
    fix: 'Call loadBalancer.logAccessLogs(bucket, prefix) (the stack needs a region), or set the attributes access_logs.s3.enabled: true and access_logs.s3.bucket with a bucket policy for ELB log delivery, i.e. LoadBalancerAttributes access_logs.s3.enabled true. The bucket must use SSE-S3.',
  },
];
