import { PackRule, Severity } from '../../rule';
import { EksControlPlaneLogging } from './EksControlPlaneLogging';
import { EksEndpointNotPublic } from './EksEndpointNotPublic';
import { EksSecretsEncrypted } from './EksSecretsEncrypted';

/** The eks rules, with the criteria, words and severity the pack gives them. */
export const EKS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: EksEndpointNotPublic,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The Kubernetes API has no public endpoint (CC6.6, CC6.1).',
    severity: Severity.ERROR,
    finding: 'EKS cluster API endpoint is open to the internet.',
    fix: 'Set endpointAccess: EndpointAccess.PRIVATE on the Cluster (aws-eks or aws-eks-v2), or PUBLIC_AND_PRIVATE.onlyFrom(\'203.0.113.0/24\') with your admin ranges; on CfnCluster, ResourcesVpcConfig.EndpointPublicAccess: false (with EndpointPrivateAccess: true) or PublicAccessCidrs without 0.0.0.0/0.',
  },
  {
    kind: 'resource',
    rule: EksSecretsEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Kubernetes secrets are envelope-encrypted under a customer-managed key (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'EKS cluster does not encrypt Kubernetes secrets with a customer-managed KMS key.',
    fix: 'Set secretsEncryptionKey: your KMS key on the Cluster; on CfnCluster, EncryptionConfig: [{ Resources: [\'secrets\'], Provider: { KeyArn: key.keyArn } }]. Encryption can be added to an existing cluster but not removed.',
  },
  {
    kind: 'resource',
    rule: EksControlPlaneLogging,
    criteria: ['CC7.2'],
    rationale: 'API-server and audit logs are recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'EKS cluster does not send its api, audit and authenticator control-plane logs to CloudWatch Logs.',
    fix: 'Set clusterLogging: [ClusterLoggingTypes.API, ClusterLoggingTypes.AUDIT, ClusterLoggingTypes.AUTHENTICATOR] on the Cluster; on CfnCluster, Logging.ClusterLogging.EnabledTypes: [{ Type: \'api\' }, { Type: \'audit\' }, { Type: \'authenticator\' }].',
  },
];
