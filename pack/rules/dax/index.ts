import { PackRule, Severity } from '../../rule';
import { DaxEncryptedAtRest } from './DaxEncryptedAtRest';
import { DaxEncryptedInTransit } from './DaxEncryptedInTransit';

/** The Amazon DynamoDB Accelerator (DAX) rules, with the criteria, words and severity the pack gives them. */
export const DAX_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: DaxEncryptedAtRest,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The items a DAX cluster caches are copies of table data that may be confidential (C1.1), encrypted on disk so that access to storage is not access to data (CC6.1).',
    severity: Severity.ERROR,
    finding: 'DAX cluster is not encrypted at rest.',
    fix: 'Set sseSpecification: { sseEnabled: true } on the CfnCluster (SSESpecification.SSEEnabled true; absent means off). It is set at creation: turning it on replaces the cluster, and its cache starts empty.',
  },
  {
    kind: 'resource',
    rule: DaxEncryptedInTransit,
    criteria: ['CC6.7'],
    rationale: 'Items travel encrypted between applications and the cluster (CC6.7).',
    reference: { check: 'prowler:dynamodb_accelerator_cluster_in_transit_encryption_enabled', criteria: ['CC6.7'] },
    severity: Severity.ERROR,
    finding: 'DAX cluster endpoint accepts clients without TLS.',
    fix: 'Set clusterEndpointEncryptionType: \'TLS\' on the CfnCluster (ClusterEndpointEncryptionType TLS; absent means NONE), admit port 9111 in its security group, and connect with a DAX client that uses the daxs:// endpoint. It is set at creation: changing it replaces the cluster.',
  },
];
