import { Json, JsonObject } from '../../pack/json';
import {
  actionMatches, asArray, asBoolean, asNumber, branches, conditionValue, coversAllResources, flatten, hasNarrowingCondition,
  isCustomerManagedKey, isIntrinsic, isNoValue, isRefOrGetAtt, isTrue, isUnset, isWildcardPrincipal, mayBeTrue,
  NARROWING_CONDITION_KEYS, principalsOf, Statement, statementCoversAction, statementsOf,
} from '../../pack/values';

const NO_VALUE = { Ref: 'AWS::NoValue' };
const ifThen = (yes: Json, no: Json): JsonObject => ({ 'Fn::If': ['IsProd', yes, no] });

/** The single statement of a one-statement document. */
function only(statement: JsonObject): Statement {
  const statements = statementsOf({ Version: '2012-10-17', Statement: [statement] });
  expect(statements).toHaveLength(1);
  return statements[0];
}

describe('isIntrinsic', () => {
  test('a Ref or any Fn:: function is an intrinsic', () => {
    expect(isIntrinsic({ Ref: 'Param' })).toBe(true);
    expect(isIntrinsic({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe(true);
    expect(isIntrinsic({ 'Fn::Join': ['', ['a', 'b']] })).toBe(true);
  });

  test('an object with another key, or with more than one key, is not', () => {
    expect(isIntrinsic({ Condition: 'IsProd' })).toBe(false);
    expect(isIntrinsic({ Ref: 'Param', Extra: 1 })).toBe(false);
    expect(isIntrinsic({})).toBe(false);
  });

  test('strings, arrays, null and undefined are not', () => {
    expect(isIntrinsic('Ref')).toBe(false);
    expect(isIntrinsic([{ Ref: 'Param' }])).toBe(false);
    expect(isIntrinsic(null)).toBe(false);
    expect(isIntrinsic(undefined)).toBe(false);
  });
});

describe('isRefOrGetAtt', () => {
  test('is true for Ref and Fn::GetAtt only', () => {
    expect(isRefOrGetAtt({ Ref: 'Bucket' })).toBe(true);
    expect(isRefOrGetAtt({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe(true);
    expect(isRefOrGetAtt({ 'Fn::ImportValue': 'Shared' })).toBe(false);
    expect(isRefOrGetAtt('Bucket')).toBe(false);
  });
});

describe('branches', () => {
  test('a value without Fn::If is its only branch', () => {
    expect(branches('x')).toEqual(['x']);
    expect(branches(undefined)).toEqual([undefined]);
    expect(branches({ Ref: 'Param' })).toEqual([{ Ref: 'Param' }]);
  });

  test('Fn::If gives its true then its false value', () => {
    expect(branches(ifThen('a', 'b'))).toEqual(['a', 'b']);
  });

  test('nested Fn::If on either side is expanded, in order', () => {
    expect(branches(ifThen(ifThen('a', 'b'), ifThen('c', NO_VALUE)))).toEqual(['a', 'b', 'c', NO_VALUE]);
  });

  test('a malformed Fn::If (not three elements) is kept whole', () => {
    const malformed = { 'Fn::If': ['IsProd', 'a'] };
    expect(branches(malformed)).toEqual([malformed]);
  });
});

describe('isNoValue and isUnset', () => {
  test('only a Ref to AWS::NoValue is NoValue', () => {
    expect(isNoValue(NO_VALUE)).toBe(true);
    expect(isNoValue({ Ref: 'AWS::Region' })).toBe(false);
    expect(isNoValue(undefined)).toBe(false);
  });

  test('absent, null, empty string and NoValue are unset; false and 0 are set', () => {
    expect([undefined, null, '', NO_VALUE].map(isUnset)).toEqual([true, true, true, true]);
    expect([false, 0, ' ', {}].map(isUnset)).toEqual([false, false, false, false]);
  });
});

describe('asBoolean', () => {
  test('accepts booleans and their strings in any case', () => {
    expect([true, 'true', 'TRUE', 'True'].map(asBoolean)).toEqual([true, true, true, true]);
    expect([false, 'false', 'FALSE'].map(asBoolean)).toEqual([false, false, false]);
  });

  test('anything else cannot be known as a boolean', () => {
    expect(['yes', 1, 0, null, undefined, { Ref: 'Param' }].map(asBoolean)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('isTrue and mayBeTrue', () => {
  test('isTrue needs every branch literally true', () => {
    expect(isTrue(ifThen(true, 'true'))).toBe(true);
    expect(isTrue(ifThen(true, false))).toBe(false);
    expect(isTrue({ Ref: 'Param' })).toBe(false);
    expect(isTrue(undefined)).toBe(false);
  });

  test('mayBeTrue holds when some branch is true', () => {
    expect(mayBeTrue(ifThen(false, 'true'))).toBe(true);
    expect(mayBeTrue(ifThen(false, 'false'))).toBe(false);
  });

  test('mayBeTrue holds for a value that cannot be known, not for an absent one', () => {
    expect(mayBeTrue({ Ref: 'Param' })).toBe(true);
    expect(mayBeTrue(undefined)).toBe(false);
    expect(mayBeTrue(ifThen(false, NO_VALUE))).toBe(false);
  });
});

describe('asNumber', () => {
  test('reads numbers and numeric strings', () => {
    expect(asNumber(7)).toBe(7);
    expect(asNumber('30')).toBe(30);
    expect(asNumber('2.5')).toBe(2.5);
  });

  test('blank, non-numeric and intrinsic values are not numbers', () => {
    expect(['', '  ', 'thirty', true, null, undefined, { Ref: 'Days' }].map(asNumber)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('asArray', () => {
  test('wraps a single value, keeps an array, and makes absence empty', () => {
    expect(asArray('s3:GetObject')).toEqual(['s3:GetObject']);
    expect(asArray(['a', 'b'])).toEqual(['a', 'b']);
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
  });
});

describe('flatten', () => {
  test('renders Fn::Join with a placeholder for each Ref', () => {
    expect(flatten({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/X']] })).toBe('arn:${AWS::Partition}:iam::aws:policy/X');
  });

  test('keeps the placeholders of Fn::Sub, and replaces the variables of its map by what they stand for', () => {
    expect(flatten({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' })).toBe('arn:${AWS::Partition}:s3:::${Bucket}/*');
    expect(flatten({ 'Fn::Sub': ['${Name}-logs', { Name: 'x' }] })).toBe('x-logs');
    expect(flatten({ 'Fn::Sub': ['${Arn}/*', { Arn: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }] })).toBe('${Bucket.Arn}/*');
    expect(flatten({ 'Fn::Sub': ['${AWS::Region}-${Other}', { Name: 'x' }] })).toBe('${AWS::Region}-${Other}');
  });

  test('renders Fn::GetAtt in its list and string forms', () => {
    expect(flatten({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe('${Key.Arn}');
    expect(flatten({ 'Fn::GetAtt': 'Key.Arn' })).toBe('${Key.Arn}');
  });

  test('marks an import with what it imports', () => {
    expect(flatten({ 'Fn::ImportValue': 'SharedKeyArn' })).toBe('${Import:SharedKeyArn}');
    expect(flatten({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Key' } })).toBe('${Import:${AWS::StackName}-Key}');
  });

  test('another intrinsic (such as Fn::If) becomes an unknown placeholder', () => {
    expect(flatten(ifThen('a', 'b'))).toBe('${?}');
    expect(flatten({ 'Fn::Select': [0, ['a']] })).toBe('${?}');
  });

  test('scalars become strings, lists are joined with commas, absence is empty', () => {
    expect(flatten(42)).toBe('42');
    expect(flatten(false)).toBe('false');
    expect(flatten(['a', { Ref: 'B' }])).toBe('a,${B}');
    expect(flatten(undefined)).toBe('');
    expect(flatten(null)).toBe('');
  });
});

describe('isCustomerManagedKey', () => {
  test('key ids, key ARNs and customer aliases are customer-managed', () => {
    expect(isCustomerManagedKey('1234abcd-12ab-34cd-56ef-1234567890ab')).toBe(true);
    expect(isCustomerManagedKey('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')).toBe(true);
    expect(isCustomerManagedKey('alias/ml-data')).toBe(true);
  });

  test('references to a key (Ref, GetAtt, import) count as customer-managed', () => {
    expect(isCustomerManagedKey({ Ref: 'KeyParam' })).toBe(true);
    expect(isCustomerManagedKey({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe(true);
    expect(isCustomerManagedKey({ 'Fn::ImportValue': 'SharedKeyArn' })).toBe(true);
  });

  test('an AWS-managed alias, bare, as an ARN or built with Fn::Join, is not', () => {
    expect(isCustomerManagedKey('alias/aws/s3')).toBe(false);
    expect(isCustomerManagedKey('arn:aws:kms:eu-west-1:111122223333:alias/aws/s3')).toBe(false);
    expect(isCustomerManagedKey({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:eu-west-1:111122223333:alias/aws/sagemaker']] })).toBe(false);
  });

  test('an AWS-managed alias or an unset key in any Fn::If branch is not', () => {
    expect(isCustomerManagedKey(ifThen({ Ref: 'KeyParam' }, 'alias/aws/s3'))).toBe(false);
    expect(isCustomerManagedKey(ifThen({ Ref: 'KeyParam' }, NO_VALUE))).toBe(false);
    expect(isCustomerManagedKey(ifThen({ Ref: 'KeyParam' }, 'alias/ml-data'))).toBe(true);
  });

  test('an unset key is not customer-managed', () => {
    expect([undefined, null, '', NO_VALUE].map(isCustomerManagedKey)).toEqual([false, false, false, false]);
  });
});

describe('statementsOf', () => {
  test('normalizes a statement: effect, actions and NotActions flattened, resources as written', () => {
    const statement = only({
      Sid: 'Read',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] },
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    });
    expect(statement.effect).toBe('Allow');
    expect(statement.actions).toEqual(['s3:GetObject']);
    expect(statement.notActions).toBeUndefined();
    expect(statement.resources).toEqual([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }]);
    expect(statement.principal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' });
    expect(statement.condition).toEqual({ Bool: { 'aws:SecureTransport': 'true' } });
    expect(statement.raw.Sid).toBe('Read');
  });

  test('reads NotAction, NotPrincipal and Deny', () => {
    const statement = only({ Effect: 'Deny', NotAction: ['iam:*', { 'Fn::Sub': '${Service}:*' }], NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Resource: '*' });
    expect(statement.effect).toBe('Deny');
    expect(statement.actions).toBeUndefined();
    expect(statement.notActions).toEqual(['iam:*', '${Service}:*']);
    expect(statement.notPrincipal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' });
  });

  test('a condition that is not an object reads as none', () => {
    expect(only({ Effect: 'Allow', Action: '*', Condition: 'none' }).condition).toEqual({});
  });

  test('a single statement object (not in a list) is read', () => {
    expect(statementsOf({ Statement: { Effect: 'Allow', Action: 's3:*' } }).map((s) => s.actions)).toEqual([['s3:*']]);
  });

  test('a document given as a JSON string is parsed', () => {
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });
    expect(statementsOf(document).map((s) => [s.effect, s.actions])).toEqual([['Deny', ['s3:*']]]);
  });

  test('a string that is not JSON, a number or nothing gives no statements', () => {
    expect(statementsOf('{"Statement": [')).toEqual([]);
    expect(statementsOf(3)).toEqual([]);
    expect(statementsOf(undefined)).toEqual([]);
    expect(statementsOf({ Ref: 'PolicyParam' })).toEqual([]);
  });

  test('reads both branches of Fn::If around the document', () => {
    const document = ifThen({ Statement: [{ Effect: 'Allow', Action: 'a:A' }] }, JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'b:B' }] }));
    expect(statementsOf(document).map((s) => s.actions)).toEqual([['a:A'], ['b:B']]);
  });

  test('reads both branches of Fn::If around the statement list and around one statement', () => {
    const aroundList = { Statement: ifThen([{ Effect: 'Allow', Action: 'a:A' }], [{ Effect: 'Allow', Action: 'b:B' }]) };
    expect(statementsOf(aroundList).map((s) => s.actions)).toEqual([['a:A'], ['b:B']]);
    const aroundOne = { Statement: [{ Effect: 'Allow', Action: 'a:A' }, ifThen({ Effect: 'Allow', Action: 'b:B' }, ifThen({ Effect: 'Deny', Action: 'c:C' }, { Effect: 'Allow', Action: 'd:D' }))] };
    expect(statementsOf(aroundOne).map((s) => s.actions)).toEqual([['a:A'], ['b:B'], ['c:C'], ['d:D']]);
  });

  test('the same document object is parsed once and its statements are shared', () => {
    const document = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] };
    expect(statementsOf(document)).toBe(statementsOf(document));
  });
});

describe('actionMatches', () => {
  test('matches an exact action regardless of case', () => {
    expect(actionMatches('s3:GetObject', 's3:GetObject')).toBe(true);
    expect(actionMatches('S3:getobject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:GetObject', 'S3:GETOBJECT')).toBe(true);
  });

  test('* matches any run of characters and ? exactly one', () => {
    expect(actionMatches('s3:Get*', 's3:GetObjectVersion')).toBe(true);
    expect(actionMatches('*', 'iam:PassRole')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObbject')).toBe(false);
  });

  test('matches the whole action, not a prefix', () => {
    expect(actionMatches('s3:Get', 's3:GetObject')).toBe(false);
    expect(actionMatches('iam:Pass*', 'iam:GetRole')).toBe(false);
  });

  test('other regular-expression characters are literal', () => {
    expect(actionMatches('s3:Get.bject', 's3:GetObject')).toBe(false);
    expect(actionMatches('s3:(Get)', 's3:Get')).toBe(false);
    expect(actionMatches('${Service}:*', '${Service}:Get')).toBe(true);
  });
});

describe('statementCoversAction', () => {
  test('an Action list covers the actions its patterns match', () => {
    const statement = only({ Effect: 'Allow', Action: ['s3:Get*', 'kms:Decrypt'] });
    expect(statementCoversAction(statement, 'S3:GetObject')).toBe(true);
    expect(statementCoversAction(statement, 'kms:Decrypt')).toBe(true);
    expect(statementCoversAction(statement, 's3:PutObject')).toBe(false);
  });

  test('a NotAction covers every action it does not name, case-insensitively', () => {
    const statement = only({ Effect: 'Allow', NotAction: 'iam:*' });
    expect(statementCoversAction(statement, 's3:PutObject')).toBe(true);
    expect(statementCoversAction(statement, 'IAM:CreateUser')).toBe(false);
  });

  test('a statement with neither Action nor NotAction covers nothing', () => {
    expect(statementCoversAction(only({ Effect: 'Allow', Resource: '*' }), 's3:GetObject')).toBe(false);
  });
});

describe('principalsOf', () => {
  test('no principal has no principals of any kind', () => {
    expect(principalsOf(undefined)).toEqual({ aws: [], service: [], federated: [], canonicalUser: [], awsRaw: [] });
  });

  test('a bare * is an AWS principal *', () => {
    expect(principalsOf('*')).toEqual({ aws: ['*'], service: [], federated: [], canonicalUser: [], awsRaw: ['*'] });
  });

  test('each kind is read in its single and list forms', () => {
    expect(principalsOf({
      AWS: ['arn:aws:iam::111122223333:root', '*'],
      Service: 'lambda.amazonaws.com',
      Federated: ['cognito-identity.amazonaws.com'],
      CanonicalUser: 'abc123',
    })).toEqual({
      aws: ['arn:aws:iam::111122223333:root', '*'],
      service: ['lambda.amazonaws.com'],
      federated: ['cognito-identity.amazonaws.com'],
      canonicalUser: ['abc123'],
      awsRaw: ['arn:aws:iam::111122223333:root', '*'],
    });
  });

  test('AWS principals are flattened, and kept as written in awsRaw', () => {
    const account = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };
    const p = principalsOf({ AWS: account });
    expect(p.aws).toEqual(['arn:${AWS::Partition}:iam::${AWS::AccountId}:root']);
    expect(p.awsRaw).toEqual([account]);
  });

  test('a principal that is neither a string nor an object is an unknown AWS principal', () => {
    expect(principalsOf(['*'])).toEqual({ aws: ['${?}'], service: [], federated: [], canonicalUser: [], awsRaw: [['*']] });
  });
});

describe('isWildcardPrincipal', () => {
  test('* is everyone in each of its spellings', () => {
    expect(isWildcardPrincipal(only({ Effect: 'Allow', Principal: '*' }))).toBe(true);
    expect(isWildcardPrincipal(only({ Effect: 'Allow', Principal: { AWS: '*' } }))).toBe(true);
    expect(isWildcardPrincipal(only({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }))).toBe(true);
    expect(isWildcardPrincipal(only({ Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['*']] } } }))).toBe(true);
  });

  test('an account, a service or no principal is not everyone', () => {
    expect(isWildcardPrincipal(only({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' } }))).toBe(false);
    expect(isWildcardPrincipal(only({ Effect: 'Allow', Principal: { Service: '*' } }))).toBe(false);
    expect(isWildcardPrincipal(only({ Effect: 'Allow' }))).toBe(false);
  });
});

describe('hasNarrowingCondition', () => {
  const withCondition = (condition: JsonObject) => only({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Condition: condition });

  test('a narrowing key under a positive operator narrows', () => {
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'aws:SourceAccount': '111122223333' } }))).toBe(true);
    expect(hasNarrowingCondition(withCondition({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::logs-*' } }))).toBe(true);
    expect(hasNarrowingCondition(withCondition({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ['o-abc123'] } }))).toBe(true);
  });

  test('operator and key are matched case-insensitively', () => {
    expect(hasNarrowingCondition(withCondition({ stringequals: { 'AWS:SOURCEACCOUNT': '111122223333' } }))).toBe(true);
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'KMS:CallerAccount': '111122223333' } }))).toBe(true);
  });

  test('kms:ViaService alone does not narrow the caller, only the path', () => {
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } }))).toBe(false);
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '111122223333' } }))).toBe(true);
  });

  test('a reference as the value narrows (it names an account)', () => {
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }))).toBe(true);
  });

  test('a negated, IfExists or Null operator does not narrow', () => {
    expect(hasNarrowingCondition(withCondition({ StringNotEquals: { 'aws:SourceAccount': '111122223333' } }))).toBe(false);
    expect(hasNarrowingCondition(withCondition({ StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }))).toBe(false);
    expect(hasNarrowingCondition(withCondition({ Null: { 'aws:SourceAccount': 'false' } }))).toBe(false);
  });

  test('a bare wildcard, an empty string or an empty list does not narrow', () => {
    expect(hasNarrowingCondition(withCondition({ StringLike: { 'aws:SourceAccount': '*' } }))).toBe(false);
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'aws:SourceAccount': ['111122223333', '*'] } }))).toBe(false);
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'aws:SourceAccount': '' } }))).toBe(false);
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'aws:SourceAccount': [] } }))).toBe(false);
  });

  test('a key that is not a narrowing key, or no condition, does not narrow', () => {
    expect(hasNarrowingCondition(withCondition({ StringEquals: { 'aws:username': 'alice' } }))).toBe(false);
    expect(hasNarrowingCondition(only({ Effect: 'Allow', Principal: '*' }))).toBe(false);
  });

  test('the narrowing keys are lower case, as condition keys are compared lower-cased', () => {
    expect(NARROWING_CONDITION_KEYS.filter((k) => k !== k.toLowerCase())).toEqual([]);
  });
});

describe('conditionValue', () => {
  const statement = only({ Effect: 'Allow', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } } });

  test('finds a key under an operator, matching both case-insensitively', () => {
    expect(conditionValue(statement, 'bool', 'AWS:MULTIFACTORAUTHPRESENT')).toBe('true');
    expect(conditionValue(statement, 'NumericLessThan', 'aws:MultiFactorAuthAge')).toBe(3600);
  });

  test('is undefined for a key under another operator, or an absent key', () => {
    expect(conditionValue(statement, 'Bool', 'aws:MultiFactorAuthAge')).toBeUndefined();
    expect(conditionValue(statement, 'Bool', 'aws:SecureTransport')).toBeUndefined();
  });
});

describe('coversAllResources', () => {
  test('a * among the resources, literal or joined, covers all', () => {
    expect(coversAllResources(['*'])).toBe(true);
    expect(coversAllResources(['arn:aws:s3:::data', '*'])).toBe(true);
    expect(coversAllResources([{ 'Fn::Join': ['', ['*']] }])).toBe(true);
  });

  test('named resources or no resources do not', () => {
    expect(coversAllResources(['arn:aws:s3:::data/*'])).toBe(false);
    expect(coversAllResources([])).toBe(false);
    expect(coversAllResources(undefined)).toBe(false);
  });
});
