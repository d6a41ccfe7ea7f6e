import { PackRule, Severity } from '../../rule';
import { CodeBuildEncrypted } from './CodeBuildEncrypted';
import { CodeBuildLogsEnabled } from './CodeBuildLogsEnabled';
import { CodeBuildNoPlaintextSecrets } from './CodeBuildNoPlaintextSecrets';
import { CodeBuildNotPrivileged } from './CodeBuildNotPrivileged';
import { CodeBuildSourceNoCredentials } from './CodeBuildSourceNoCredentials';

/** The CodeBuild rules, with the criteria, words and severity the pack gives them. */
export const CODEBUILD_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: CodeBuildNoPlaintextSecrets,
    criteria: ['CC6.1', 'CC8.1'],
    rationale: 'Credentials are kept out of reach of those who can read build configuration (CC6.1); the build that carries changes to production runs only with the access its role grants (CC8.1). The community mapping\'s CC7.2 is left out: the control keeps a secret, it does not monitor.',
    reference: { check: 'steampipe:codebuild_project_plaintext_env_variables_no_sensitive_aws_values', criteria: ['CC7.2', 'CC8.1'] },
    severity: Severity.ERROR,
    finding: 'CodeBuild project holds a credential in plaintext (an environment variable or its inline buildspec).',
    fix: 'Remove the credential from the project and rotate it. AWS access: grant what the build needs to its role (project.addToRolePolicy), never AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. Another secret goes in Secrets Manager or Parameter Store, as environmentVariables: { NAME: { type: BuildEnvironmentVariableType.SECRETS_MANAGER, value: secret.secretArn } }.',
  },
  {
    kind: 'resource',
    rule: CodeBuildSourceNoCredentials,
    criteria: ['CC6.1'],
    rationale: 'A repository token or password in a source URL is a credential readable by anyone who can read the project (CC6.1).',
    severity: Severity.ERROR,
    finding: 'CodeBuild project has credentials in its source repository URL.',
    fix: 'Take the token or password out of the source location: connect the repository with a CodeConnections connection, or store the token as CodeBuild source credentials (GitHubSourceCredentials, BitBucketSourceCredentials), and give a plain URL.',
  },
  {
    kind: 'resource',
    rule: CodeBuildLogsEnabled,
    criteria: ['CC7.2', 'CC8.1'],
    rationale: 'Build logs record what ran for each change (CC8.1) and are where anomalous build activity is found (CC7.2).',
    severity: Severity.ERROR,
    finding: 'CodeBuild project keeps no build logs (CloudWatch Logs disabled and S3 logs not enabled).',
    fix: 'Leave CloudWatch Logs on (logging: { cloudWatch: { logGroup } } on the L2, or LogsConfig.CloudWatchLogs.Status ENABLED), or enable S3 logs (logging: { s3: { bucket } }).',
  },
  {
    kind: 'resource',
    rule: CodeBuildNotPrivileged,
    criteria: ['CC6.8', 'CC6.1'],
    rationale: 'Privileged mode gives build commands and their dependencies root on a Docker daemon, where unauthorized software runs unconfined (CC6.8) with the build\'s access (CC6.1).',
    severity: Severity.ERROR,
    finding: 'CodeBuild project runs builds in privileged mode.',
    fix: 'Set buildEnvironment.privileged: false (Environment.PrivilegedMode). A project that must build container images acknowledges Soc2Ml::CodeBuildNotPrivileged with that reason.',
  },
  {
    kind: 'resource',
    rule: CodeBuildEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Build outputs (packaged code and models) are encrypted under a key whose use the customer controls and logs (CC6.1), and may embed confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'CodeBuild project writes unencrypted outputs, or encrypts them without a customer-managed KMS key.',
    fix: 'Give the project encryptionKey: key (EncryptionKey), and leave encryption on for its artifacts and S3 logs (no EncryptionDisabled, encryption: true on S3 logging).',
  },
];
