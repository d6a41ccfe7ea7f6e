import { failed, Outcome, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { literalValuesAt, readableObject, valuesAt } from '../../readers';
import { asBoolean, flatten, someBranchNote } from '../../values';
import { quote, unknowableDetail } from '../opensearch/private';
import { alwaysOn, CLUSTER_TYPES, SERVERLESS_CLUSTER, settingValues } from './private';

const LOCATION = 'Properties/ClientAuthentication';
const UNAUTHENTICATED = 'Properties/ClientAuthentication/Unauthenticated/Enabled';
const SERVERLESS_IAM = 'Properties/ClientAuthentication/Sasl/Iam/Enabled';
const CLIENT_BROKER = 'Properties/EncryptionInfo/EncryptionInTransit/ClientBroker';

/** The ways a client proves who it is, as paths under `ClientAuthentication` to their `Enabled`. */
const METHODS: readonly (readonly string[])[] = [['Sasl', 'Iam'], ['Sasl', 'Scram'], ['Tls']];

/**
 * Clients prove who they are before they produce or consume: IAM access control, SASL/SCRAM (users
 * whose passwords are secrets in Secrets Manager) or mutual TLS (certificates from AWS Private CA),
 * and unauthenticated access is off. A provisioned cluster without `ClientAuthentication` lets any
 * client that reaches it in (unauthenticated access is the default), and so does the
 * `@aws-cdk/aws-msk-alpha` Cluster by default. A clear-text listener (`ClientBroker` `TLS_PLAINTEXT`
 * or `PLAINTEXT`) admits clients without authentication whatever else is on, as MSK documents
 * (msk-update-security.html), so it fails here too. Every `Fn::If` branch counts, a parameter by its
 * `AllowedValues`; a value synth cannot read fails closed. MSK Serverless authenticates with IAM
 * only; its template must say so (`Sasl.Iam.Enabled: true`).
 */
export const MskClientsAuthenticated: ResourceRule = {
  id: 'MskClientsAuthenticated',
  resourceTypes: CLUSTER_TYPES,
  passes: 'A Cluster\'s `ClientAuthentication` turns on `Sasl.Iam`, `Sasl.Scram` or `Tls` (`Enabled: true`) and leaves `Unauthenticated.Enabled` absent or false, with `EncryptionInfo.EncryptionInTransit.ClientBroker` `TLS` or absent (a clear-text listener admits anyone), in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent `ClientAuthentication` means unauthenticated access. A ServerlessCluster has `ClientAuthentication.Sasl.Iam.Enabled: true`.',
  check: (cluster) => (cluster.type === SERVERLESS_CLUSTER ? requireServerlessIam(cluster) : requireAuthentication(cluster)),
};

function requireAuthentication(cluster: TemplateResource): Outcome {
  const unauthenticated = settingValues(cluster, ['ClientAuthentication', 'Unauthenticated', 'Enabled']);
  if (unauthenticated === undefined) {
    return failed(unknowableDetail(UNAUTHENTICATED, 'be true'), UNAUTHENTICATED);
  }
  const open = unauthenticated.find((v) => v !== undefined && asBoolean(v) !== false);
  if (open !== undefined) {
    return failed(`It accepts unauthenticated clients: ClientAuthentication.Unauthenticated.Enabled is ${quote(open)}${someBranchNote(unauthenticated)}, so anyone who reaches its brokers can produce and consume.`, UNAUTHENTICATED);
  }
  const settings = valuesAt(cluster.properties, ['ClientAuthentication']);
  for (const setting of settings) {
    if (setting === undefined) {
      return failed(`It has no ClientAuthentication${someBranchNote(settings)}, so MSK lets every client that reaches its brokers connect without authenticating (unauthenticated access is the default).`, LOCATION);
    }
    const authentication = readableObject(setting);
    if (authentication === undefined) {
      return failed(unknowableDetail(LOCATION, 'allow unauthenticated clients'), LOCATION);
    }
    const enabled = METHODS.map((method) => literalValuesAt(authentication, [...method, 'Enabled'], cluster.template));
    if (enabled.some(alwaysOn)) {
      continue;
    }
    if (enabled.includes(undefined)) {
      return failed(unknowableDetail(LOCATION, 'turn on no authentication'), LOCATION);
    }
    return failed(`It turns on no client authentication${someBranchNote(settings)}: none of ClientAuthentication.Sasl.Iam, Sasl.Scram or Tls has Enabled: true, so clients connect without proving who they are.`, LOCATION);
  }
  return requireNoPlaintextListener(cluster);
}

/** A clear-text listener takes clients without authentication, whatever methods are on. */
function requireNoPlaintextListener(cluster: TemplateResource): Outcome {
  const clientBroker = settingValues(cluster, ['EncryptionInfo', 'EncryptionInTransit', 'ClientBroker']);
  if (clientBroker === undefined) {
    return failed(unknowableDetail(CLIENT_BROKER, 'open a plaintext listener that admits clients without authentication'), CLIENT_BROKER);
  }
  const plaintext = clientBroker.find((v) => v !== undefined && flatten(v).toUpperCase() !== 'TLS');
  if (plaintext !== undefined) {
    return failed(`Its EncryptionInTransit.ClientBroker is ${flatten(plaintext)}${someBranchNote(clientBroker)}, so MSK opens a plaintext listener (port 9092) on which clients connect without authenticating, whatever ClientAuthentication turns on.`, CLIENT_BROKER);
  }
  return passed();
}

function requireServerlessIam(cluster: TemplateResource): Outcome {
  const iam = settingValues(cluster, ['ClientAuthentication', 'Sasl', 'Iam', 'Enabled']);
  if (iam === undefined) {
    return failed(unknowableDetail(SERVERLESS_IAM, 'be false'), SERVERLESS_IAM);
  }
  const off = iam.find((v) => asBoolean(v) !== true);
  if (off !== undefined) {
    return failed(`Its ClientAuthentication.Sasl.Iam.Enabled is ${quote(off)}${someBranchNote(iam)}; MSK Serverless authenticates clients only with IAM access control, so set it to true.`, SERVERLESS_IAM);
  }
  return passed();
}
