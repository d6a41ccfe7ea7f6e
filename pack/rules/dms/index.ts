import { PackRule, Severity } from '../../rule';
import { DmsEndpointCredentialsManaged } from './DmsEndpointCredentialsManaged';
import { DmsEndpointTls } from './DmsEndpointTls';
import { DmsReplicationKms } from './DmsReplicationKms';
import { DmsReplicationNotPublic } from './DmsReplicationNotPublic';

/** The AWS DMS rules (replication instances, DMS Serverless replication configs, endpoints), with the criteria, words and severity the pack gives them. */
export const DMS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: DmsReplicationNotPublic,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The replication instance, which holds database credentials and streams every row it copies, is not addressable from the internet (CC6.6 boundary protection), so only the networks given access reach it (CC6.1); where it runs registers no user, so the community mapping\'s CC6.2 is left out.',
    reference: { check: 'steampipe:dms_replication_instance_not_publicly_accessible', criteria: ['CC6.1', 'CC6.2', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'DMS replication instance is, or may be, publicly accessible.',
    fix: 'Set publiclyAccessible: false on the CfnReplicationInstance (PubliclyAccessible false; absent means true), in a CfnReplicationSubnetGroup of private or isolated subnets (replicationSubnetGroupIdentifier). Changing it replaces the instance. Reach on-premises sources through a VPN or AWS Direct Connect, not over the internet.',
  },
  {
    kind: 'resource',
    rule: DmsReplicationKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'What DMS stores while copying production data (cached changes, staged tables, task logs) may be confidential (C1.1) and is encrypted under a key whose use the account controls and audits (CC6.1).',
    severity: Severity.ERROR,
    finding: 'DMS replication is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKeyId: key.keyArn on the CfnReplicationInstance (KmsKeyId), or computeConfig.kmsKeyId on the CfnReplicationConfig for DMS Serverless (ComputeConfig.KmsKeyId), with a customer-managed key, not alias/aws/dms. The key is chosen at creation: adding it replaces the instance.',
  },
  {
    kind: 'resource',
    rule: DmsEndpointTls,
    criteria: ['CC6.7'],
    rationale: 'Rows DMS copies, and the credentials it logs in with, travel encrypted between the replication and the data store (CC6.7); the community mapping checks Redis endpoints only, this rule every engine with a TLS setting.',
    reference: { check: 'prowler:dms_endpoint_redis_in_transit_encryption_enabled', criteria: ['CC6.7'] },
    severity: Severity.ERROR,
    finding: 'DMS endpoint connects to its data store without TLS.',
    fix: 'Set sslMode: \'verify-full\' (or \'verify-ca\', or \'require\', which skips the certificate check) on the CfnEndpoint (SslMode; absent means none), with certificateArn naming the CA bundle imported as a DMS certificate (CfnCertificate) for the verify modes; the database must accept TLS (for RDS, rds.force_ssl or require_secure_transport). For Redis keep redisSettings.sslSecurityProtocol \'ssl-encryption\' (the default); for Kafka set kafkaSettings.securityProtocol \'ssl-encryption\', \'ssl-authentication\' or \'sasl-ssl\'.',
  },
  {
    kind: 'resource',
    rule: DmsEndpointCredentialsManaged,
    criteria: ['CC6.1'],
    rationale: 'The login DMS uses to read production databases is kept in Secrets Manager, out of reach of those who can read the template or the stack (CC6.1 protects credentials).',
    severity: Severity.ERROR,
    finding: 'DMS endpoint has a password written in the template.',
    fix: 'Keep the login (username, password, host, port) in a Secrets Manager secret under a customer-managed key, rotated, and name it in the engine settings of the CfnEndpoint: postgreSqlSettings (or mySqlSettings, oracleSettings…) { secretsManagerSecretId: secret.secretArn, secretsManagerAccessRoleArn: role.roleArn } (<Engine>Settings.SecretsManagerSecretId and SecretsManagerAccessRoleArn), with a role DMS assumes (dms.<region>.amazonaws.com) granted secret.grantRead(role); leave out username, password, serverName and port. Otherwise password: SecretValue.secretsManager(...).unsafeUnwrap() ({{resolve:secretsmanager:…}}), never a literal or a template parameter.',
  },
];
