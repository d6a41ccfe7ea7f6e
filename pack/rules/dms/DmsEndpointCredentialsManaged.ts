import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { isUnset } from '../../values';
import { secretProblem } from '../rds/private';
import { ENDPOINT, endpointEngines } from './private';

/**
 * The properties of an endpoint that hold a password or passphrase: the login password, those some
 * engine settings take in its place, and the other secrets of Oracle (ASM, TDE), Kafka (SASL, the
 * client key) and Redis (AUTH).
 */
const SECRETS: readonly (readonly string[])[] = [
  ['Password'],
  ['MongoDbSettings', 'Password'],
  ['MicrosoftSqlServerSettings', 'Password'],
  ['GcpMySQLSettings', 'Password'],
  ['OracleSettings', 'AsmPassword'],
  ['OracleSettings', 'SecurityDbEncryption'],
  ['KafkaSettings', 'SaslPassword'],
  ['KafkaSettings', 'SslClientKeyPassword'],
  ['RedisSettings', 'AuthPassword'],
];

/**
 * No password of the endpoint sits in the template, where anyone who can read the template or the
 * stack reads it. DMS's recommended way keeps the whole login (user, password, server, port) in a
 * Secrets Manager secret that the engine settings name (`<Engine>Settings.SecretsManagerSecretId`
 * with `SecretsManagerAccessRoleArn`); a password property may instead be a
 * `{{resolve:secretsmanager:…}}` dynamic reference, which CloudFormation resolves at deploy time.
 * A literal, an SSM SecureString reference or a template parameter (typed in at deploy, not
 * generated and rotated) fails, in any `Fn::If` branch; engine settings synth cannot read fail
 * closed. Endpoints of AWS services DMS reaches with an IAM role (S3, DynamoDB, Kinesis, OpenSearch,
 * Neptune, Timestream) that set no password are not applicable.
 */
export const DmsEndpointCredentialsManaged: ResourceRule = {
  id: 'DmsEndpointCredentialsManaged',
  resourceTypes: [ENDPOINT],
  passes: 'No password property (`Password`; `Password` of `MongoDbSettings`, `MicrosoftSqlServerSettings`, `GcpMySQLSettings`; `OracleSettings.AsmPassword` and `SecurityDbEncryption`; `KafkaSettings.SaslPassword` and `SslClientKeyPassword`; `RedisSettings.AuthPassword`) is a literal, an SSM SecureString reference or a template parameter in any `Fn::If` branch: each is absent or a `{{resolve:secretsmanager:…}}` reference (credentials from `<Engine>Settings.SecretsManagerSecretId`, as DMS recommends, set none). Endpoints of S3, DynamoDB, Kinesis, OpenSearch, Neptune and Timestream (reached with an IAM role) that set none are not applicable.',
  check: (endpoint) => {
    let anySet = false;
    for (const path of SECRETS) {
      const property = path.join('.');
      const location = `Properties/${path.join('/')}`;
      for (const value of valuesAt(endpoint.properties, path)) {
        if (value === null) {
          return failed(`Its ${path[0]} cannot be read at synth (an intrinsic around the settings), so whether it holds a ${path[1]} in clear text cannot be known; write the settings literally or acknowledge the rule with a reason.`, `Properties/${path[0]}`);
        }
        anySet ||= !isUnset(value);
        const problem = secretProblem(value, property);
        if (problem) {
          return failed(`${problem} Keep the login in a Secrets Manager secret the endpoint's engine settings name (SecretsManagerSecretId with SecretsManagerAccessRoleArn).`, location);
        }
      }
    }
    const engines = endpointEngines(endpoint);
    if (!anySet && engines !== undefined && engines.every((e) => e.roleOnly)) {
      return notApplicable();
    }
    return passed();
  },
};
