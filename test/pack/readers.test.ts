import { JsonObject } from '../../pack/json';
import {
  alwaysOneOf, describePolicy, literalAlternatives, prop, requireRetainedOnDelete, requireTrue, RETAINING_DELETION_POLICIES,
  RETAINING_REPLACE_POLICIES, tagAlternatives, valuesAt,
} from '../../pack/readers';
import { Verdict } from '../../pack/rule';
import { StackTemplate } from '../../pack/template';

const NO_VALUE = { Ref: 'AWS::NoValue' };
const ifThen = (yes: JsonObject[string], no: JsonObject[string]): JsonObject => ({ 'Fn::If': ['IsProd', yes, no] });

const PARAMETERS: JsonObject = {
  Policy: { Type: 'String', AllowedValues: ['Retain', 'RetainExceptOnCreate'] },
  AnyPolicy: { Type: 'String', AllowedValues: ['Retain', 'Delete'] },
  Free: { Type: 'String', Default: 'Retain' },
  Empty: { Type: 'String', AllowedValues: [] },
  Classification: { Type: 'String', AllowedValues: ['internal', 'confidential'] },
};
const template = new StackTemplate('App/Stack', '/tmp/Stack.template.json', { Parameters: PARAMETERS, Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });

/** A bucket with these attributes, in a template with `PARAMETERS`. */
function resource(raw: JsonObject) {
  return new StackTemplate('App/Stack', '/tmp/Stack.template.json', { Parameters: PARAMETERS, Resources: { R: { Type: 'AWS::S3::Bucket', ...raw } } }).resources.get('R')!;
}

describe('prop', () => {
  test('reads a property by its CloudFormation name', () => {
    expect(prop({ KmsKeyId: 'k' }, 'KmsKeyId')).toBe('k');
  });

  test('reads a camelCase spelling of the name', () => {
    expect(prop({ offlineStoreConfig: { s3StorageConfig: {} } }, 'OfflineStoreConfig')).toEqual({ s3StorageConfig: {} });
  });

  test('prefers the exact spelling when both are present', () => {
    expect(prop({ kmsKeyId: 'camel', KmsKeyId: 'pascal' }, 'KmsKeyId')).toBe('pascal');
  });

  test('is undefined for an absent property or a value that is not an object', () => {
    expect(prop({ Other: 1 }, 'KmsKeyId')).toBeUndefined();
    expect(prop('KmsKeyId', 'KmsKeyId')).toBeUndefined();
    expect(prop(['KmsKeyId'], 'KmsKeyId')).toBeUndefined();
    expect(prop(undefined, 'KmsKeyId')).toBeUndefined();
  });
});

describe('valuesAt', () => {
  test('follows a path of nested objects to the value', () => {
    expect(valuesAt({ NetworkConfig: { EnableInterContainerTrafficEncryption: true } }, ['NetworkConfig', 'EnableInterContainerTrafficEncryption'])).toEqual([true]);
  });

  test('an empty path gives the branches of the value itself', () => {
    expect(valuesAt(ifThen('a', ifThen('b', 'c')), [])).toEqual(['a', 'b', 'c']);
  });

  test('expands Fn::If at every level, nested ones included', () => {
    const value = ifThen(
      { Config: { Enabled: true } },
      { Config: ifThen({ Enabled: ifThen(false, 'true') }, { Enabled: 'false' }) },
    );
    expect(valuesAt(value, ['Config', 'Enabled'])).toEqual([true, false, 'true', 'false']);
  });

  test('an absent property or AWS::NoValue, at any level, is undefined', () => {
    expect(valuesAt({}, ['Config', 'Enabled'])).toEqual([undefined]);
    expect(valuesAt({ Config: NO_VALUE }, ['Config', 'Enabled'])).toEqual([undefined]);
    expect(valuesAt({ Config: { Enabled: ifThen(true, NO_VALUE) } }, ['Config', 'Enabled'])).toEqual([true, undefined]);
  });

  test('an intrinsic above the leaf cannot be seen through and is null', () => {
    expect(valuesAt({ Config: { Ref: 'ConfigParam' } }, ['Config', 'Enabled'])).toEqual([null]);
    expect(valuesAt({ Config: { 'Fn::ImportValue': 'Shared' } }, ['Config', 'Enabled'])).toEqual([null]);
  });

  test('an intrinsic at the leaf is returned as written', () => {
    expect(valuesAt({ Config: { Enabled: { Ref: 'EnabledParam' } } }, ['Config', 'Enabled'])).toEqual([{ Ref: 'EnabledParam' }]);
  });

  test('reads camelCase spellings along the path', () => {
    expect(valuesAt({ networkConfig: { enableNetworkIsolation: 'true' } }, ['NetworkConfig', 'EnableNetworkIsolation'])).toEqual(['true']);
  });
});

describe('literalAlternatives', () => {
  test('a literal is its only alternative', () => {
    expect(literalAlternatives('Retain', template)).toEqual(['Retain']);
  });

  test('each branch of Fn::If is an alternative, NoValue as undefined', () => {
    expect(literalAlternatives(ifThen('Retain', ifThen('Delete', NO_VALUE)), template)).toEqual(['Retain', 'Delete', undefined]);
  });

  test('a Ref to a parameter with AllowedValues gives those values', () => {
    expect(literalAlternatives({ Ref: 'Policy' }, template)).toEqual(['Retain', 'RetainExceptOnCreate']);
    expect(literalAlternatives(ifThen({ Ref: 'Policy' }, 'Delete'), template)).toEqual(['Retain', 'RetainExceptOnCreate', 'Delete']);
  });

  test('a parameter without AllowedValues (or with none) cannot be known', () => {
    expect(literalAlternatives({ Ref: 'Free' }, template)).toBeUndefined();
    expect(literalAlternatives({ Ref: 'Empty' }, template)).toBeUndefined();
  });

  test('a pseudo parameter, a resource or an undeclared name cannot be known', () => {
    expect(literalAlternatives({ Ref: 'AWS::Region' }, template)).toBeUndefined();
    expect(literalAlternatives({ Ref: 'Bucket' }, template)).toBeUndefined();
    expect(literalAlternatives({ Ref: 'Missing' }, template)).toBeUndefined();
  });

  test('an import or another intrinsic cannot be known, even in one branch only', () => {
    expect(literalAlternatives({ 'Fn::ImportValue': 'SharedPolicy' }, template)).toBeUndefined();
    expect(literalAlternatives(ifThen('Retain', { 'Fn::Sub': '${Free}' }), template)).toBeUndefined();
  });

  test('an absent value is one undefined alternative', () => {
    expect(literalAlternatives(undefined, template)).toEqual([undefined]);
  });
});

describe('alwaysOneOf', () => {
  test('the retaining policies are those CloudFormation keeps a resource for', () => {
    expect(RETAINING_DELETION_POLICIES).toEqual(['Retain', 'RetainExceptOnCreate']);
    expect(RETAINING_REPLACE_POLICIES).toEqual(['Retain']);
  });

  test('an accepted literal passes, another or an absent policy does not', () => {
    expect(alwaysOneOf('Retain', template, RETAINING_DELETION_POLICIES)).toBe(true);
    expect(alwaysOneOf('Delete', template, RETAINING_DELETION_POLICIES)).toBe(false);
    expect(alwaysOneOf('Snapshot', template, RETAINING_DELETION_POLICIES)).toBe(false);
    expect(alwaysOneOf(undefined, template, RETAINING_DELETION_POLICIES)).toBe(false);
  });

  test('matches the policy name exactly, case included', () => {
    expect(alwaysOneOf('retain', template, RETAINING_DELETION_POLICIES)).toBe(false);
  });

  test('RetainExceptOnCreate keeps on delete but not on replace', () => {
    expect(alwaysOneOf('RetainExceptOnCreate', template, RETAINING_DELETION_POLICIES)).toBe(true);
    expect(alwaysOneOf('RetainExceptOnCreate', template, RETAINING_REPLACE_POLICIES)).toBe(false);
  });

  test('every Fn::If branch must be accepted', () => {
    expect(alwaysOneOf(ifThen('Retain', 'RetainExceptOnCreate'), template, RETAINING_DELETION_POLICIES)).toBe(true);
    expect(alwaysOneOf(ifThen('Retain', 'Delete'), template, RETAINING_DELETION_POLICIES)).toBe(false);
    expect(alwaysOneOf(ifThen('Retain', NO_VALUE), template, RETAINING_DELETION_POLICIES)).toBe(false);
  });

  test('a parameter passes only when every allowed value is accepted', () => {
    expect(alwaysOneOf({ Ref: 'Policy' }, template, RETAINING_DELETION_POLICIES)).toBe(true);
    expect(alwaysOneOf({ Ref: 'AnyPolicy' }, template, RETAINING_DELETION_POLICIES)).toBe(false);
  });

  test('a value that cannot be known is not proof (fails closed)', () => {
    expect(alwaysOneOf({ Ref: 'Free' }, template, RETAINING_DELETION_POLICIES)).toBe(false);
    expect(alwaysOneOf({ 'Fn::ImportValue': 'SharedPolicy' }, template, RETAINING_DELETION_POLICIES)).toBe(false);
  });
});

describe('describePolicy', () => {
  test('names an absent policy as Delete, quotes a literal, and flags anything else', () => {
    expect(describePolicy(undefined)).toBe('absent (so Delete)');
    expect(describePolicy('Delete')).toBe('"Delete"');
    expect(describePolicy(ifThen('Retain', 'Delete'))).toBe('not a literal value');
  });
});

describe('tagAlternatives', () => {
  test('reads a literal tag, and a tag given by a parameter with AllowedValues', () => {
    expect(tagAlternatives(resource({ Properties: { Tags: [{ Key: 'DataClassification', Value: 'internal' }] } }), 'DataClassification')).toEqual(['internal']);
    expect(tagAlternatives(resource({ Properties: { Tags: [{ Key: 'DataClassification', Value: { Ref: 'Classification' } }] } }), 'DataClassification')).toEqual(['internal', 'confidential']);
  });

  test('an absent tag is one undefined alternative; an imported one cannot be known', () => {
    expect(tagAlternatives(resource({ Properties: { Tags: [{ Key: 'Other', Value: 'x' }] } }), 'DataClassification')).toEqual([undefined]);
    expect(tagAlternatives(resource({ Properties: { Tags: [{ Key: 'DataClassification', Value: { 'Fn::ImportValue': 'Class' } }] } }), 'DataClassification')).toBeUndefined();
  });
});

describe('requireTrue', () => {
  const LOCATION = 'Properties/IsLogging';

  test('passes when every value is literally true', () => {
    expect(requireTrue([true, 'true', 'TRUE'], LOCATION, 'off')).toEqual({ verdict: Verdict.PASSED });
  });

  test('fails with the off detail when some value is false or unset', () => {
    expect(requireTrue([true, false], LOCATION, 'The trail is off.')).toEqual({ verdict: Verdict.FAILED, detail: 'The trail is off.', location: LOCATION });
    expect(requireTrue([true, 'False'], LOCATION, 'The trail is off.').detail).toBe('The trail is off.');
    expect(requireTrue([undefined], LOCATION, 'The trail is off.').detail).toBe('The trail is off.');
    expect(requireTrue([true, NO_VALUE], LOCATION, 'The trail is off.').detail).toBe('The trail is off.');
  });

  test('a value that cannot be known fails closed, naming the property', () => {
    const outcome = requireTrue([true, { Ref: 'LoggingParam' }], LOCATION, 'The trail is off.');
    expect(outcome.verdict).toBe(Verdict.FAILED);
    expect(outcome.location).toBe(LOCATION);
    expect(outcome.detail).toMatch(/^IsLogging comes from a value that cannot be known at synth/);
    expect(outcome.detail).toMatch(/acknowledge the rule with a reason/);
  });

  test('a false value is reported as off even beside an unknowable one', () => {
    expect(requireTrue([{ Ref: 'LoggingParam' }, false], LOCATION, 'The trail is off.').detail).toBe('The trail is off.');
  });

  test('reads the branches of Fn::If as given by branches()', () => {
    expect(requireTrue(valuesAt(ifThen(true, 'true'), []), LOCATION, 'off').verdict).toBe(Verdict.PASSED);
    expect(requireTrue(valuesAt(ifThen(true, false), []), LOCATION, 'off').verdict).toBe(Verdict.FAILED);
  });
});

describe('requireRetainedOnDelete', () => {
  const CONSEQUENCE = 'deletes the data';

  test('Retain and RetainExceptOnCreate pass', () => {
    expect(requireRetainedOnDelete(resource({ DeletionPolicy: 'Retain' }), CONSEQUENCE)).toEqual({ verdict: Verdict.PASSED });
    expect(requireRetainedOnDelete(resource({ DeletionPolicy: 'RetainExceptOnCreate' }), CONSEQUENCE).verdict).toBe(Verdict.PASSED);
  });

  test('an absent policy fails, saying it means Delete and what deleting the stack does', () => {
    expect(requireRetainedOnDelete(resource({}), CONSEQUENCE)).toEqual({
      verdict: Verdict.FAILED,
      detail: 'Its DeletionPolicy is absent (so Delete), so deleting the stack deletes the data.',
      location: 'DeletionPolicy',
    });
  });

  test('Delete, Snapshot or a conditional Delete fails, quoting or describing the policy', () => {
    expect(requireRetainedOnDelete(resource({ DeletionPolicy: 'Delete' }), CONSEQUENCE).detail).toBe('Its DeletionPolicy is "Delete", so deleting the stack deletes the data.');
    expect(requireRetainedOnDelete(resource({ DeletionPolicy: 'Snapshot' }), CONSEQUENCE).verdict).toBe(Verdict.FAILED);
    expect(requireRetainedOnDelete(resource({ DeletionPolicy: ifThen('Retain', 'Delete') }), CONSEQUENCE).detail).toBe('Its DeletionPolicy is not a literal value, so deleting the stack deletes the data.');
  });

  test('a parameter passes when all its allowed values retain, and fails when one does not', () => {
    expect(requireRetainedOnDelete(resource({ DeletionPolicy: { Ref: 'Policy' } }), CONSEQUENCE).verdict).toBe(Verdict.PASSED);
    expect(requireRetainedOnDelete(resource({ DeletionPolicy: { Ref: 'AnyPolicy' } }), CONSEQUENCE).detail).toBe('Its DeletionPolicy is not a literal value, so deleting the stack deletes the data.');
  });
});
