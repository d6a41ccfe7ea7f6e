import { failed, notApplicable, Outcome, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { objectsAt, readableObject, valuesAt } from '../../readers';
import { asBoolean, isUnset } from '../../values';
import { customerKeyProblem, literalValues } from '../bedrock/private';
import { artifactsOf } from './private';

/**
 * What a build writes (its artifacts, primary and secondary, its S3 logs and an S3 cache) is
 * encrypted, with a customer-managed key (`EncryptionKey`): build outputs are the packaged code
 * and models that go on to run, and without a key of yours CodeBuild uses the AWS-managed key
 * `aws/s3`, whose use no key policy of yours limits.
 */
export const CodeBuildEncrypted: ResourceRule = {
  id: 'CodeBuildEncrypted',
  resourceTypes: ['AWS::CodeBuild::Project'],
  passes: 'No artifact (primary or secondary) and no S3 log sets `EncryptionDisabled` true in any branch, and `EncryptionKey` names a customer-managed key whenever the project writes artifacts, S3 logs or an S3 cache. A project that writes none of them (`NO_ARTIFACTS`, no S3 logs or cache) is not applicable.',
  check: (project) => disabledProblem(project) ?? keyProblem(project),
};

/** A failure when some output is written unencrypted (or synth cannot tell), else undefined. */
function disabledProblem(project: TemplateResource): Outcome | undefined {
  for (const artifact of artifactsOf(project)) {
    if (artifact === null) {
      return failed('Its artifacts cannot be read at synth, so that they are encrypted cannot be shown.', 'Properties/Artifacts');
    }
    if (mayBeTrueOnceDeployed(project, artifact.EncryptionDisabled)) {
      return failed(`Its artifacts${typeof artifact.ArtifactIdentifier === 'string' ? ` ${artifact.ArtifactIdentifier}` : ''} are written unencrypted (EncryptionDisabled true, or a value synth cannot know).`, 'Properties/Artifacts/EncryptionDisabled');
    }
  }
  for (const logs of valuesAt(project.properties, ['LogsConfig', 'S3Logs'])) {
    if (logs === null) {
      return failed('Its LogsConfig cannot be read at synth, so that S3 build logs are encrypted cannot be shown.', 'Properties/LogsConfig');
    }
    const readable = readableObject(logs);
    if (readable && mayBeTrueOnceDeployed(project, readable.EncryptionDisabled) && mayBeEnabled(project, readable.Status)) {
      return failed('Its S3 build logs are written unencrypted (S3Logs.EncryptionDisabled true, or a value synth cannot know).', 'Properties/LogsConfig/S3Logs/EncryptionDisabled');
    }
  }
  return undefined;
}

function keyProblem(project: TemplateResource): Outcome {
  if (!writesOutputs(project)) {
    return notApplicable();
  }
  const problem = customerKeyProblem(valuesAt(project.properties, ['EncryptionKey']), 'CodeBuild encrypts its artifacts, S3 logs and cache with the AWS-managed key aws/s3');
  return problem ? failed(`Its build outputs are not encrypted with a customer-managed key: ${problem}.`, 'Properties/EncryptionKey') : passed();
}

/** Whether the project writes anything the key encrypts: artifacts other than NO_ARTIFACTS, S3 logs, an S3 cache. */
function writesOutputs(project: TemplateResource): boolean {
  const artifacts = artifactsOf(project).some((a) => a !== null && literalValues([a.Type], project.template)?.every((t) => typeof t === 'string' && t.toUpperCase() === 'NO_ARTIFACTS') !== true);
  // S3 logs synth cannot read may be on.
  const logs = objectsAt(project.properties, ['LogsConfig', 'S3Logs']).some((l) => l === null || mayBeEnabled(project, l.Status));
  const cache = literalValues(valuesAt(project.properties, ['Cache', 'Type']), project.template)?.every((t) => isUnset(t) || typeof t === 'string' && t.toUpperCase() !== 'S3') !== true;
  return artifacts || logs || cache;
}

/** Whether a boolean setting may be true once deployed (a value synth cannot know may be). */
function mayBeTrueOnceDeployed(project: TemplateResource, value: Json | undefined): boolean {
  const values = literalValues([value], project.template);
  return values === undefined || values.some((v) => !isUnset(v) && asBoolean(v) !== false);
}

/** Whether a status may be ENABLED once deployed. */
function mayBeEnabled(project: TemplateResource, value: Json | undefined): boolean {
  const values = literalValues([value], project.template);
  return values === undefined || values.some((v) => typeof v === 'string' && v.toUpperCase() === 'ENABLED');
}
