import { PackRule, Severity } from '../../rule';
import { GlueConnectionJdbcSsl } from './GlueConnectionJdbcSsl';
import { GlueCrawlerSecurityConfiguration } from './GlueCrawlerSecurityConfiguration';
import { GlueJobSecurityConfiguration } from './GlueJobSecurityConfiguration';

const SECURITY_CONFIGURATION_FIX = 'Define a glue.SecurityConfiguration in the same stack with s3Encryption: glue.S3Encryption.kms(key), cloudWatchEncryption: glue.CloudWatchEncryption.kms(key) and jobBookmarksEncryption: glue.JobBookmarksEncryption.clientSideKms(key) (CfnSecurityConfiguration EncryptionConfiguration: S3Encryptions SSE-KMS, CloudWatchEncryption SSE-KMS, JobBookmarksEncryption CSE-KMS, each with KmsKeyArn), and pass it';

/** The glue rules, with the criteria, words and severity the pack gives them. */
export const GLUE_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: GlueJobSecurityConfiguration,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The job\'s outputs, logs and bookmarks are encrypted (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'Glue job does not run under a security configuration that encrypts its S3 data, logs and bookmarks with a customer-managed KMS key.',
    fix: `${SECURITY_CONFIGURATION_FIX} as the job's securityConfiguration (CfnJob SecurityConfiguration: its name). A configuration defined outside the stack cannot be judged: acknowledge with a reason naming it.`,
  },
  {
    kind: 'resource',
    rule: GlueCrawlerSecurityConfiguration,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The crawler\'s logs and outputs are encrypted (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'Glue crawler does not run under a security configuration that encrypts its logs and S3 data with a customer-managed KMS key.',
    fix: `${SECURITY_CONFIGURATION_FIX} as the CfnCrawler's crawlerSecurityConfiguration (securityConfiguration.securityConfigurationName). A configuration defined outside the stack cannot be judged: acknowledge with a reason naming it.`,
  },
  {
    kind: 'resource',
    rule: GlueConnectionJdbcSsl,
    criteria: ['CC6.7'],
    rationale: 'JDBC connections use TLS (CC6.7).',
    severity: Severity.ERROR,
    finding: 'Glue JDBC connection does not enforce SSL.',
    fix: 'Set properties: { JDBC_ENFORCE_SSL: \'true\' } on the glue.Connection (or connection.addProperty(\'JDBC_ENFORCE_SSL\', \'true\'); CfnConnection ConnectionInput.ConnectionProperties.JDBC_ENFORCE_SSL "true"), and make sure the database accepts TLS.',
  },
];
