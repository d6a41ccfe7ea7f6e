import { failed, notApplicable, Outcome, passed, ResourceRule, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { literalAlternatives, literalValuesAt } from '../../readers';
import { flatten, someBranchNote } from '../../values';
import { quote, unknowableDetail } from '../opensearch/private';
import { ENDPOINT, endpointEngines, EngineTransport } from './private';

const ENGINE = 'Properties/EngineName';
const SSL_MODE = 'Properties/SslMode';
const REDIS = 'Properties/RedisSettings/SslSecurityProtocol';
const KAFKA = 'Properties/KafkaSettings/SecurityProtocol';

/** `SslMode` values that encrypt: `require` (no certificate check), `verify-ca`, `verify-full`. */
const TLS_MODES: readonly string[] = ['require', 'verify-ca', 'verify-full'];
/** `KafkaSettings.SecurityProtocol` values that use TLS (`plaintext` does not). */
const KAFKA_TLS: readonly string[] = ['ssl-encryption', 'ssl-authentication', 'sasl-ssl'];

/**
 * DMS reaches the endpoint's data store over TLS, so the rows it copies (and the credentials it
 * logs in with) never cross the network in clear text. For databases DMS logs in to with a driver
 * (MySQL, MariaDB, Aurora, PostgreSQL, Oracle, SQL Server, Db2, SAP ASE, MongoDB, DocumentDB…),
 * `SslMode` is `require`, `verify-ca` or `verify-full`; absent means `none`, DMS's default. Redis
 * uses TLS unless `RedisSettings.SslSecurityProtocol` is `plaintext` (its default is
 * `ssl-encryption`); Kafka only when `KafkaSettings.SecurityProtocol` names a TLS protocol. Endpoints
 * of AWS services DMS reaches through their HTTPS APIs (S3, DynamoDB, Kinesis, OpenSearch, Neptune,
 * Timestream) and of Amazon Redshift, which DMS documents as already using SSL, are not applicable:
 * they have no such setting. An engine the pack does not know is judged by `SslMode`. Every
 * `Fn::If` branch counts, a parameter by its `AllowedValues`; a value synth cannot read fails closed.
 */
export const DmsEndpointTls: ResourceRule = {
  id: 'DmsEndpointTls',
  resourceTypes: [ENDPOINT],
  passes: 'A database endpoint\'s `SslMode` is `require`, `verify-ca` or `verify-full` (absent means `none`); a Redis endpoint\'s `RedisSettings.SslSecurityProtocol` is absent (`ssl-encryption`, the default) or `ssl-encryption`; a Kafka endpoint\'s `KafkaSettings.SecurityProtocol` is `ssl-encryption`, `ssl-authentication` or `sasl-ssl`; in every `Fn::If` branch (a parameter counts by its `AllowedValues`). Endpoints of S3, DynamoDB, Kinesis, OpenSearch, Neptune, Timestream and Redshift are not applicable (HTTPS APIs, or SSL already in use).',
  check: (endpoint) => {
    const engines = endpointEngines(endpoint);
    if (engines === undefined) {
      return failed(unknowableDetail(ENGINE, 'name a database it reaches in clear text'), ENGINE);
    }
    const judged = new Set(engines.map((e) => e.transport ?? EngineTransport.SSL_MODE));
    judged.delete(EngineTransport.SERVICE);
    if (judged.size === 0) {
      return notApplicable();
    }
    const names = [...new Set(engines.filter((e) => e.transport !== EngineTransport.SERVICE).map((e) => e.name || 'absent'))].join(' or ');
    for (const transport of judged) {
      const outcome = transport === EngineTransport.REDIS ? requireRedisTls(endpoint)
        : transport === EngineTransport.KAFKA ? requireKafkaTls(endpoint)
          : requireSslMode(endpoint, names);
      if (outcome.verdict === Verdict.FAILED) {
        return outcome;
      }
    }
    return passed();
  },
};

function requireSslMode(endpoint: TemplateResource, engine: string): Outcome {
  const modes = literalAlternatives(endpoint.properties.SslMode, endpoint.template);
  if (modes === undefined) {
    return failed(unknowableDetail(SSL_MODE, 'be none'), SSL_MODE);
  }
  const clear = modes.findIndex((m) => m === undefined || !TLS_MODES.includes(flatten(m).toLowerCase()));
  if (clear < 0) {
    return passed();
  }
  const mode = modes[clear];
  const what = mode === undefined ? 'absent (DMS\'s default is none)' : quote(mode);
  return failed(`DMS connects to its ${engine} database in clear text: SslMode is ${what}${someBranchNote(modes)}, not require, verify-ca or verify-full, so the rows it copies and the credentials it logs in with cross the network unencrypted.`, SSL_MODE);
}

function requireRedisTls(endpoint: TemplateResource): Outcome {
  const protocols = literalValuesAt(endpoint.properties, ['RedisSettings', 'SslSecurityProtocol'], endpoint.template);
  if (protocols === undefined) {
    return failed(unknowableDetail(REDIS, 'be plaintext'), REDIS);
  }
  const clear = protocols.find((p) => p !== undefined && flatten(p).toLowerCase() !== 'ssl-encryption');
  if (clear !== undefined) {
    return failed(`DMS writes to its Redis target in clear text: RedisSettings.SslSecurityProtocol is ${quote(clear)}${someBranchNote(protocols)}, not ssl-encryption (the default).`, REDIS);
  }
  return passed();
}

function requireKafkaTls(endpoint: TemplateResource): Outcome {
  const protocols = literalValuesAt(endpoint.properties, ['KafkaSettings', 'SecurityProtocol'], endpoint.template);
  if (protocols === undefined) {
    return failed(unknowableDetail(KAFKA, 'be plaintext'), KAFKA);
  }
  const clear = protocols.findIndex((p) => p === undefined || !KAFKA_TLS.includes(flatten(p).toLowerCase()));
  if (clear < 0) {
    return passed();
  }
  const protocol: Json | undefined = protocols[clear];
  return failed(`Nothing shows DMS publishing to its Kafka brokers over TLS: KafkaSettings.SecurityProtocol is ${quote(protocol)}${someBranchNote(protocols)}, not ssl-encryption, ssl-authentication or sasl-ssl.`, KAFKA);
}
