import { PackRule, Severity } from '../../rule';
import { RedshiftAuditLogging } from './RedshiftAuditLogging';
import { RedshiftEncrypted } from './RedshiftEncrypted';
import { RedshiftNotPubliclyAccessible } from './RedshiftNotPubliclyAccessible';
import { RedshiftTlsRequired } from './RedshiftTlsRequired';

/** The redshift rules, with the criteria, words and severity the pack gives them. */
export const REDSHIFT_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: RedshiftNotPubliclyAccessible,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The cluster has no public endpoint (CC6.6, CC6.1).',
    severity: Severity.ERROR,
    finding: 'Redshift cluster or serverless workgroup is publicly accessible.',
    fix: 'Leave publiclyAccessible unset or false on CfnCluster or CfnWorkgroup (PubliclyAccessible), in private subnets.',
  },
  {
    kind: 'resource',
    rule: RedshiftEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Warehouse storage is encrypted (CC6.1) and holds confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'Redshift cluster or serverless namespace is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKeyId to your key on CfnCluster (with encrypted true or unset) or CfnNamespace (KmsKeyId).',
  },
  {
    kind: 'resource',
    rule: RedshiftAuditLogging,
    criteria: ['CC7.2'],
    rationale: 'Audit logs are recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Redshift cluster or serverless namespace does not deliver its audit logs.',
    fix: 'Set loggingProperties on CfnCluster ({ bucketName } for S3, or { logDestinationType: \'cloudwatch\', logExports: [\'connectionlog\', \'userlog\', \'useractivitylog\'] }), or logExports with connectionlog and userlog on CfnNamespace.',
  },
  {
    kind: 'resource',
    rule: RedshiftTlsRequired,
    criteria: ['CC6.7'],
    rationale: 'Connections to the cluster use TLS (CC6.7).',
    severity: Severity.ERROR,
    finding: 'Redshift cluster or serverless workgroup accepts connections without TLS.',
    fix: 'Reference a CfnClusterParameterGroup declared in the stack with parameters [{ parameterName: \'require_ssl\', parameterValue: \'true\' }] (ClusterParameterGroupName), or set configParameters [{ parameterKey: \'require_ssl\', parameterValue: \'true\' }] on CfnWorkgroup.',
  },
];
