import { Token } from 'aws-cdk-lib';
import { assertDataClassification, DataClassification, isConfidentialOrAbove } from '../../core/data-classification';
import { FeatureGroupDefinition, FeatureType } from '../feature-group-definition';
import { Soc2MlError } from '../../core/errors';

const RESERVED_FEATURE_NAMES = ['is_deleted', 'write_time', 'api_invocation_time'];
const FEATURE_NAME = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
const GROUP_NAME = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9])*$/;
const MAX_GROUP_NAME = 64;
const EVENT_TIME_TYPES: readonly string[] = [FeatureType.FRACTIONAL, FeatureType.STRING];

/**
 * Check feature group definitions that may come from JSON (names, schema, identifier and event
 * time in the schema, types), naming the bad value and its fix.
 */
export function validateFeatureGroups(definitions: readonly FeatureGroupDefinition[], propName: string, environmentName: string): void {
  if (!Array.isArray(definitions)) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(definitions)}: pass a list of feature group definitions.`);
  }
  definitions.forEach((d, i) => validateDefinition(d, `${propName}[${i}]`, environmentName));
  const names = definitions.map((d) => d.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    throw new Soc2MlError(`${propName} names "${duplicate}" twice: give each feature group its own name.`);
  }
}

function validateDefinition(d: FeatureGroupDefinition, at: string, env: string): void {
  if (typeof d?.name !== 'string' || !GROUP_NAME.test(d.name) || `${env}-${d.name}`.length > MAX_GROUP_NAME) {
    throw new Soc2MlError(`${at}.name is ${JSON.stringify(d?.name)}: use letters, digits, "-" and "_", starting and ending with a letter or digit, so that "${env}-<name>" has at most ${MAX_GROUP_NAME} characters (for example "customer-features").`);
  }
  if (!Array.isArray(d.features) || d.features.length === 0) {
    throw new Soc2MlError(`${at}.features is ${JSON.stringify(d.features)}: list the group's features, for example [{ name: "customer_id", type: FeatureType.STRING }, { name: "event_time", type: FeatureType.FRACTIONAL }].`);
  }
  const names = new Set<string>();
  d.features.forEach((f, j) => {
    const fat = `${at}.features[${j}]`;
    if (typeof f?.name !== 'string' || !FEATURE_NAME.test(f.name)) {
      throw new Soc2MlError(`${fat}.name is ${JSON.stringify(f?.name)}: use letters, digits, "-" and "_", starting and ending with a letter or digit, at most 64 characters.`);
    }
    if (RESERVED_FEATURE_NAMES.includes(f.name.toLowerCase())) {
      throw new Soc2MlError(`${fat}.name is "${f.name}", which Feature Store reserves for its own columns (${RESERVED_FEATURE_NAMES.join(', ')}): rename the feature.`);
    }
    if (names.has(f.name)) {
      throw new Soc2MlError(`${fat}.name "${f.name}" appears twice in ${at}.features: name each feature once.`);
    }
    names.add(f.name);
    if (!(Object.values(FeatureType) as string[]).includes(f.type)) {
      throw new Soc2MlError(`${fat}.type is ${JSON.stringify(f.type)}, which is not a feature type: pass ${Object.values(FeatureType).map((t) => `"${t}"`).join(', ')} (FeatureType.${Object.keys(FeatureType).join(', FeatureType.')}).`);
    }
  });
  const schema = [...names].join(', ');
  if (!names.has(d.recordIdentifier)) {
    throw new Soc2MlError(`${at}.recordIdentifier is ${JSON.stringify(d.recordIdentifier)}, which is not in the group's features (${schema}): name one of them, or add it to features.`);
  }
  if (!names.has(d.eventTime)) {
    throw new Soc2MlError(`${at}.eventTime is ${JSON.stringify(d.eventTime)}, which is not in the group's features (${schema}): name one of them, or add it to features.`);
  }
  const eventTimeType = d.features.find((f) => f.name === d.eventTime)!.type;
  if (!EVENT_TIME_TYPES.includes(eventTimeType)) {
    throw new Soc2MlError(`${at}.eventTime "${d.eventTime}" is of type ${eventTimeType}: an event time is ${FeatureType.FRACTIONAL} (Unix seconds) or ${FeatureType.STRING} (ISO-8601); change the feature's type.`);
  }
  if (d.dataClassification !== undefined) {
    assertDataClassification(d.dataClassification, `${at}.dataClassification`);
  }
  if (d.containsPersonalData && !isConfidentialOrAbove(d.dataClassification ?? DataClassification.CONFIDENTIAL)) {
    throw new Soc2MlError(`${at}.containsPersonalData is true but ${at}.dataClassification is ${d.dataClassification}: personal data must be classified confidential or restricted.`);
  }
  if (d.description !== undefined && (typeof d.description !== 'string' || (!Token.isUnresolved(d.description) && d.description.length > 128))) {
    throw new Soc2MlError(`${at}.description is ${JSON.stringify(d.description)}: pass text of at most 128 characters.`);
  }
}
