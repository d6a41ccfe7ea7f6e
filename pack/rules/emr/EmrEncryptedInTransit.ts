import { ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { JsonObject } from '../../json';
import { readableObject, valuesAt } from '../../readers';
import { flatten, isUnset } from '../../values';
import { literalValues } from '../bedrock/private';
import { checkSecurityConfiguration, notTrue, SECURITY_CONFIGURATION } from './private';

const TLS = ['EncryptionConfiguration', 'InTransitEncryptionConfiguration', 'TLSCertificateConfiguration'];
/** The certificate providers EMR knows: certificates it creates and manages, a zip of PEM files in S3, or a provider class in a JAR. */
const PROVIDERS = ['EMR', 'PEM', 'Custom'];

/**
 * A cluster runs under a security configuration that turns on EMR's in-transit encryption: the
 * open-source encryption of the applications for what moves between nodes (MapReduce and Tez
 * shuffle over TLS, Spark RPC and block transfer, HDFS block transfer and Hadoop RPC). Off, a Spark
 * job's shuffle carries the feature data in the clear across the VPC. The configuration names a certificate provider
 * as EMR requires it: `EMR` (certificates EMR creates), `PEM` with the `S3Object` zip holding
 * them, or `Custom` with the `S3Object` JAR and its `CertificateProviderClass`. Every `Fn::If`
 * branch counts, a parameter by its `AllowedValues`; a configuration outside the app or a document
 * synth cannot read fails closed. cdk-nag's `EMREncryptionInTransit` is the closest community
 * check; it is not mapped to SOC 2 criteria.
 */
export const EmrEncryptedInTransit: ResourceRule = {
  id: 'EmrEncryptedInTransit',
  resourceTypes: ['AWS::EMR::Cluster'],
  examines: [SECURITY_CONFIGURATION],
  passes: '`SecurityConfiguration` names an `AWS::EMR::SecurityConfiguration` of the app (by reference, or by its `Name`) whose document (an object or a JSON string) has `EncryptionConfiguration.EnableInTransitEncryption` true and `InTransitEncryptionConfiguration.TLSCertificateConfiguration` with `CertificateProviderType` `EMR`, `PEM` (with `S3Object`) or `Custom` (with `S3Object` and `CertificateProviderClass`); a configuration defined nowhere in the app fails closed.',
  check: (cluster) => checkSecurityConfiguration(cluster, 'EMR does not encrypt the data that moves between its nodes', inTransitProblem),
};

function inTransitProblem(document: JsonObject, template: StackTemplate): string | undefined {
  const on = notTrue(
    valuesAt(document, ['EncryptionConfiguration', 'EnableInTransitEncryption']), template, 'EnableInTransitEncryption',
    'does not turn in-transit encryption on (EnableInTransitEncryption absent, so false)',
    'turns in-transit encryption off (EnableInTransitEncryption false)',
  );
  if (on) {
    return on;
  }
  for (const value of valuesAt(document, TLS)) {
    if (value === undefined) {
      return 'turns in-transit encryption on without naming where its TLS certificates come from (no InTransitEncryptionConfiguration.TLSCertificateConfiguration)';
    }
    const tls = readableObject(value);
    if (!tls) {
      return 'sets TLSCertificateConfiguration to a value that cannot be read at synth';
    }
    const problem = certificateProblem(tls, template);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

function certificateProblem(tls: JsonObject, template: StackTemplate): string | undefined {
  const types = literalValues(valuesAt(tls, ['CertificateProviderType']), template);
  if (types === undefined) {
    return 'sets CertificateProviderType from a value that cannot be known at synth';
  }
  for (const type of types) {
    const provider = isUnset(type) ? undefined : PROVIDERS.find((p) => p.toLowerCase() === flatten(type).toLowerCase());
    if (provider === undefined) {
      return isUnset(type) ? 'names no TLS CertificateProviderType (EMR, PEM or Custom)' : `names the certificate provider ${flatten(type)}, which is none of EMR, PEM or Custom`;
    }
    if (provider !== 'EMR' && valuesAt(tls, ['S3Object']).some((v) => isUnset(v))) {
      return `takes ${provider} certificates without an S3Object that holds them`;
    }
    if (provider === 'Custom' && valuesAt(tls, ['CertificateProviderClass']).some((v) => isUnset(v))) {
      return 'takes Custom certificates without a CertificateProviderClass to provide them';
    }
  }
  return undefined;
}
