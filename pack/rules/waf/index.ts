import { PackRule, Severity } from '../../rule';
import { WafWebAclLogged } from './WafWebAclLogged';

/** The AWS WAF rules, with the criteria, words and severity the pack gives them. */
export const WAF_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: WafWebAclLogged,
    criteria: ['CC7.2'],
    rationale: 'The requests a web ACL inspects, and which rule allowed or blocked each, are recorded for monitoring (CC7.2); a log proves no recovery (A1.2) nor complete input (PI1.2).',
    reference: { check: 'prowler:wafv2_webacl_logging_enabled', criteria: ['CC7.2', 'A1.2', 'PI1.2'] },
    severity: Severity.ERROR,
    finding: 'AWS WAF web ACL does not log the requests it inspects.',
    fix: 'Add a logging configuration for the web ACL: new wafv2.CfnLoggingConfiguration(this, \'WafLogging\', { resourceArn: webAcl.attrArn, logDestinationConfigs: [logGroupArn] }), with a CloudWatch Logs group whose name starts with aws-waf-logs- (or an S3 bucket or Firehose stream of that prefix), i.e. AWS::WAFv2::LoggingConfiguration with ResourceArn referencing the ACL. Use RedactedFields for headers that carry credentials.',
  },
];
