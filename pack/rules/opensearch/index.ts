import { PackRule, Severity } from '../../rule';
import { OpenSearchAuditLogs } from './OpenSearchAuditLogs';
import { OpenSearchEncryptedAtRest } from './OpenSearchEncryptedAtRest';
import { OpenSearchFineGrainedAccessControl } from './OpenSearchFineGrainedAccessControl';
import { OpenSearchHttpsOnly } from './OpenSearchHttpsOnly';
import { OpenSearchInVpc } from './OpenSearchInVpc';
import { OpenSearchNodeToNodeEncryption } from './OpenSearchNodeToNodeEncryption';
import { OpenSearchServerlessKmsEncryption } from './OpenSearchServerlessKmsEncryption';
import { OpenSearchServerlessNotPublic } from './OpenSearchServerlessNotPublic';

/** The OpenSearch rules (managed domains, legacy Elasticsearch domains, Serverless), with the criteria, words and severity the pack gives them. */
export const OPENSEARCH_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: OpenSearchEncryptedAtRest,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Index storage is encrypted (CC6.1) and holds confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'OpenSearch domain is not encrypted at rest.',
    fix: 'Set encryptionAtRest: { enabled: true, kmsKey } on the L2 Domain (EncryptionAtRestOptions Enabled true, KmsKeyId). It can be turned on for an existing domain (OpenSearch 6.7 or later).',
  },
  {
    kind: 'resource',
    rule: OpenSearchNodeToNodeEncryption,
    criteria: ['CC6.7'],
    rationale: 'Traffic between nodes is encrypted (CC6.7).',
    severity: Severity.ERROR,
    finding: 'OpenSearch domain does not encrypt traffic between its nodes.',
    fix: 'Set nodeToNodeEncryption: true on the L2 Domain (NodeToNodeEncryptionOptions Enabled true).',
  },
  {
    kind: 'resource',
    rule: OpenSearchHttpsOnly,
    criteria: ['CC6.7'],
    rationale: 'Clients connect over HTTPS only (CC6.7).',
    severity: Severity.ERROR,
    finding: 'OpenSearch domain accepts plain HTTP or TLS below 1.2.',
    fix: 'Set enforceHttps: true and tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2 (or TLS_1_2_PFS) on the L2 Domain (DomainEndpointOptions EnforceHTTPS true, TLSSecurityPolicy Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10).',
  },
  {
    kind: 'resource',
    rule: OpenSearchInVpc,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The domain has no public endpoint (CC6.6, CC6.1).',
    severity: Severity.ERROR,
    finding: 'OpenSearch domain has a public endpoint (it is not in a VPC).',
    fix: 'Set vpc and vpcSubnets (private subnets) and securityGroups on the L2 Domain (VPCOptions SubnetIds, SecurityGroupIds). A domain cannot move from a public endpoint into a VPC: it is replaced.',
  },
  {
    kind: 'resource',
    rule: OpenSearchFineGrainedAccessControl,
    criteria: ['CC6.1', 'CC6.3'],
    rationale: 'Access is decided per index and document by role (CC6.1, CC6.3).',
    severity: Severity.ERROR,
    finding: 'OpenSearch domain does not have fine-grained access control.',
    fix: 'Set fineGrainedAccessControl: { masterUserArn } on the L2 Domain (AdvancedSecurityOptions Enabled true, with MasterUserOptions); it needs enforceHttps, nodeToNodeEncryption and encryptionAtRest. Prefer an IAM master user to an internal user whose password lives in a secret.',
  },
  {
    kind: 'resource',
    rule: OpenSearchAuditLogs,
    criteria: ['CC7.2'],
    rationale: 'Audit logs are recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'OpenSearch domain does not publish audit logs.',
    fix: 'Set logging: { auditLogEnabled: true, auditLogGroup } on the L2 Domain (LogPublishingOptions AUDIT_LOGS Enabled true, CloudWatchLogsLogGroupArn), with fine-grained access control on; then enable audit logging in the domain\'s security plugin.',
  },
  {
    kind: 'resource',
    rule: OpenSearchServerlessKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Collections are encrypted under a customer-managed key (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'OpenSearch Serverless encryption policy uses an AWS-owned key.',
    fix: 'Write the CfnSecurityPolicy of type encryption with "AWSOwnedKey": false and "KmsARN": key.keyArn in its policy JSON (Stack.toJsonString keeps the key reference readable).',
  },
  {
    kind: 'resource',
    rule: OpenSearchServerlessNotPublic,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'Collections are reachable only through VPC endpoints (CC6.6, CC6.1).',
    severity: Severity.ERROR,
    finding: 'OpenSearch Serverless network policy allows public access.',
    fix: 'In the CfnSecurityPolicy of type network, replace "AllowFromPublic": true with "AllowFromPublic": false and "SourceVPCEs" (OpenSearch Serverless VPC endpoints) or "SourceServices".',
  },
];
