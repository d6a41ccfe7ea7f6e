import { TemplateResource } from '../../template';
import { literalAlternatives } from '../../readers';
import { flatten } from '../../values';

/*
 * AWS DMS's resource types and what an endpoint's engine means for its controls. A replication
 * instance (`AWS::DMS::ReplicationInstance`) runs tasks on a server in the account's VPC; DMS
 * Serverless (`AWS::DMS::ReplicationConfig`) provisions the capacity itself from `ComputeConfig`.
 * Endpoints (`AWS::DMS::Endpoint`) say how DMS reaches a source or target data store.
 */

export const REPLICATION_INSTANCE = 'AWS::DMS::ReplicationInstance';
export const REPLICATION_CONFIG = 'AWS::DMS::ReplicationConfig';
export const REPLICATION_TYPES: readonly string[] = [REPLICATION_INSTANCE, REPLICATION_CONFIG];
export const ENDPOINT = 'AWS::DMS::Endpoint';

/** How DMS protects the connection to an endpoint's data store, by engine. */
export enum EngineTransport {
  /** A database DMS logs in to with a driver: `SslMode` turns TLS on. */
  SSL_MODE = 'SslMode',
  /** Redis: `RedisSettings.SslSecurityProtocol`. */
  REDIS = 'Redis',
  /** Apache Kafka (Amazon MSK too): `KafkaSettings.SecurityProtocol`. */
  KAFKA = 'Kafka',
  /** An AWS service DMS reaches through its HTTPS API, or Amazon Redshift, which DMS documents as already using SSL: no setting. */
  SERVICE = 'service',
}

/**
 * `EngineName` values by transport, from the `AWS::DMS::Endpoint` reference and the DMS API's
 * `CreateEndpoint` (`EngineName`). `aurora` is Aurora MySQL; `azuredb` Azure SQL Database.
 */
const ENGINES: Readonly<Record<string, EngineTransport>> = {
  'mysql': EngineTransport.SSL_MODE,
  'mariadb': EngineTransport.SSL_MODE,
  'aurora': EngineTransport.SSL_MODE,
  'aurora-postgresql': EngineTransport.SSL_MODE,
  'postgres': EngineTransport.SSL_MODE,
  'babelfish': EngineTransport.SSL_MODE,
  'oracle': EngineTransport.SSL_MODE,
  'sqlserver': EngineTransport.SSL_MODE,
  'azuredb': EngineTransport.SSL_MODE,
  'azure-sql-managed-instance': EngineTransport.SSL_MODE,
  'sybase': EngineTransport.SSL_MODE,
  'db2': EngineTransport.SSL_MODE,
  'db2-zos': EngineTransport.SSL_MODE,
  'mongodb': EngineTransport.SSL_MODE,
  'docdb': EngineTransport.SSL_MODE,
  'redis': EngineTransport.REDIS,
  'kafka': EngineTransport.KAFKA,
  // AWS APIs over HTTPS (S3 also stages what DMS loads into Redshift and Neptune).
  's3': EngineTransport.SERVICE,
  'dynamodb': EngineTransport.SERVICE,
  'kinesis': EngineTransport.SERVICE,
  'opensearch': EngineTransport.SERVICE,
  'elasticsearch': EngineTransport.SERVICE,
  'neptune': EngineTransport.SERVICE,
  'timestream': EngineTransport.SERVICE,
  // "An Amazon Redshift endpoint already uses an SSL connection and does not require an SSL
  // connection set up by AWS DMS" (DMS User Guide, Using SSL with AWS DMS).
  'redshift': EngineTransport.SERVICE,
  'redshift-serverless': EngineTransport.SERVICE,
};

/**
 * Engines DMS reaches with an IAM role it assumes (`ServiceAccessRoleArn`), never with a password.
 * (Redshift, though its connection needs no TLS setting, logs in with a user and password.)
 */
const ROLE_ONLY_ENGINES: ReadonlySet<string> = new Set(['s3', 'dynamodb', 'kinesis', 'opensearch', 'elasticsearch', 'neptune', 'timestream']);

/** One value `EngineName` can take: its transport (undefined for an engine the pack does not know), and whether DMS reaches it with a role only. */
export interface EndpointEngine {
  readonly name: string;
  readonly transport: EngineTransport | undefined;
  readonly roleOnly: boolean;
}

/**
 * Every engine an endpoint can be (each `Fn::If` branch, a parameter's `AllowedValues`), or
 * undefined when some value cannot be known at synth.
 */
export function endpointEngines(endpoint: TemplateResource): EndpointEngine[] | undefined {
  const names = literalAlternatives(endpoint.properties.EngineName, endpoint.template);
  if (names === undefined) {
    return undefined;
  }
  return names.map((n) => {
    const name = n === undefined ? '' : flatten(n).toLowerCase();
    return { name, transport: ENGINES[name], roleOnly: ROLE_ONLY_ENGINES.has(name) };
  });
}

