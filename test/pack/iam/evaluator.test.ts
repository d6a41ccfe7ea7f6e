import { conditionApplies, Decision, evaluateRequest, EvaluationRequest, globMatches, NamedPolicy, PolicySet, UNRESOLVED } from '../../../pack/iam/evaluator';

/*
 * Known answers from AWS's documented policy evaluation logic ("Policy evaluation logic",
 * "Policy evaluation for requests within a single account", "Permissions boundaries for IAM
 * entities", "Key policies in AWS KMS").
 */

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/carlos`;
const BUCKET_OBJECTS = 'arn:aws:s3:::amzn-s3-demo-bucket/';
const policy = (name: string, ...Statement: object[]): NamedPolicy => ({ name, document: { Statement } as never });
const request = (action: string, resource: string, extra: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
  principal: { arn: ROLE, account: ACCOUNT, kind: 'role' }, action, resource, context: { 'aws:securetransport': 'true' }, ...extra,
});
const decide = (r: EvaluationRequest, p: PolicySet) => evaluateRequest(r, p);

describe('evaluateRequest: single-account policy evaluation', () => {
  const readObjects = policy('identity', { Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: `${BUCKET_OBJECTS}*` });

  test('no policy allows: implicit deny', () => {
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [] }).decision).toBe(Decision.DENIED);
  });

  test('an identity-policy Allow allows, naming the statement', () => {
    const e = decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [readObjects] });
    expect(e).toEqual({ decision: Decision.ALLOWED, keys: [], statements: ['identity Read (Allow)'] });
  });

  test('an explicit Deny overrides every Allow, in any policy', () => {
    const deny = policy('bucket', { Sid: 'NoReads', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET_OBJECTS}*` });
    const e = decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [readObjects], resource: deny });
    expect(e.decision).toBe(Decision.DENIED);
    expect(e.statements).toEqual(['bucket NoReads (Deny)']);
  });

  test('a permissions boundary intersects: the identity policy allows s3:*, the boundary only reads', () => {
    const all = policy('identity', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const boundary = policy('boundary', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [all], boundary }).decision).toBe(Decision.ALLOWED);
    expect(decide(request('s3:PutObject', `${BUCKET_OBJECTS}a`), { identity: [all], boundary }).decision).toBe(Decision.DENIED);
  });

  test('a boundary grants nothing by itself', () => {
    const boundary = policy('boundary', { Effect: 'Allow', Action: '*', Resource: '*' });
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [], boundary }).decision).toBe(Decision.DENIED);
  });

  test('a resource policy naming the role grants without an identity policy, within the role\'s boundary', () => {
    const bucket = policy('bucket', { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: `${BUCKET_OBJECTS}*` });
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [], resource: bucket }).decision).toBe(Decision.ALLOWED);
    const boundary = policy('boundary', { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' });
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [], resource: bucket, boundary }).decision).toBe(Decision.DENIED);
  });

  test('a resource policy naming an IAM user grants past the user\'s boundary', () => {
    const user = `arn:aws:iam::${ACCOUNT}:user/carlos`;
    const bucket = policy('bucket', { Effect: 'Allow', Principal: { AWS: user }, Action: 's3:GetObject', Resource: `${BUCKET_OBJECTS}*` });
    const boundary = policy('boundary', { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' });
    const r = request('s3:GetObject', `${BUCKET_OBJECTS}a`, { principal: { arn: user, account: ACCOUNT, kind: 'user' } });
    expect(decide(r, { identity: [], resource: bucket, boundary }).decision).toBe(Decision.ALLOWED);
  });

  test('a resource policy naming the account delegates to the identity policies', () => {
    const bucket = policy('bucket', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: `${BUCKET_OBJECTS}*` });
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [], resource: bucket }).decision).toBe(Decision.DENIED);
  });

  test('a KMS key policy is required: an identity Allow alone does not decrypt', () => {
    const key = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`;
    const use = policy('identity', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: key });
    const keyPolicyOther = policy('key', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/other` }, Action: 'kms:*', Resource: '*' });
    const keyPolicyAccount = policy('key', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });
    expect(decide(request('kms:Decrypt', key), { identity: [use], resource: keyPolicyOther, resourcePolicyRequired: true }).decision).toBe(Decision.DENIED);
    expect(decide(request('kms:Decrypt', key), { identity: [use], resource: keyPolicyAccount, resourcePolicyRequired: true }).decision).toBe(Decision.ALLOWED);
    expect(decide(request('kms:Decrypt', key), { identity: [], resource: keyPolicyAccount, resourcePolicyRequired: true }).decision).toBe(Decision.DENIED);
  });

  test('NotAction: a Deny of everything but reads denies writes and leaves reads', () => {
    const all = policy('identity', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const readOnly = policy('deny', { Effect: 'Deny', NotAction: ['s3:Get*', 's3:List*'], Resource: '*' });
    expect(decide(request('s3:PutObject', `${BUCKET_OBJECTS}a`), { identity: [all, readOnly] }).decision).toBe(Decision.DENIED);
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [all, readOnly] }).decision).toBe(Decision.ALLOWED);
  });

  test('actions of another service: NotAction covers them, Action does not; a wildcard service covers every service; case does not matter', () => {
    const all = policy('identity', { Effect: 'Allow', Action: '*', Resource: '*' });
    const onlyS3 = policy('deny', { Effect: 'Deny', NotAction: 's3:*', Resource: '*' });
    expect(decide(request('KMS:Decrypt', '*'), { identity: [all, onlyS3] }).decision).toBe(Decision.DENIED);
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [all, onlyS3] }).decision).toBe(Decision.ALLOWED);
    const s3Reads = policy('identity', { Effect: 'Allow', Action: ['s3:Get*', 'S3:LISTBUCKET'], Resource: '*' });
    expect(decide(request('kms:Decrypt', '*'), { identity: [s3Reads] }).decision).toBe(Decision.DENIED);
    expect(decide(request('s3:ListBucket', '*'), { identity: [s3Reads] }).decision).toBe(Decision.ALLOWED);
    const anyGet = policy('identity', { Effect: 'Allow', Action: '*:Get*', Resource: '*' });
    expect(decide(request('ssm:GetParameter', '*'), { identity: [anyGet] }).decision).toBe(Decision.ALLOWED);
  });

  test('statements of the action\'s service and of any service are all found, named in the policy\'s order', () => {
    const mixed = policy('mixed',
      { Sid: 'AnyGet', Effect: 'Allow', Action: '*:GetObject', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'true' } } },
      { Sid: 'Kms', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
      { Sid: 'S3', Effect: 'Allow', Action: ['s3:GetObject', 'kms:Encrypt'], Resource: '*', Condition: { StringEquals: { 's3:ExistingObjectTag/team': 'ml' } } },
      { Sid: 'NotIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
      { Sid: 'NoAction', Effect: 'Allow', Resource: '*' });
    const e = decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [mixed] });
    expect(e.decision).toBe(Decision.CONDITIONAL);
    expect(e.statements).toEqual(['mixed AnyGet (Allow)', 'mixed S3 (Allow)', 'mixed NotIam (Allow)']);
    expect(decide(request('kms:Decrypt', '*'), { identity: [mixed] })).toEqual({ decision: Decision.ALLOWED, keys: [], statements: ['mixed Kms (Allow)'] });
    expect(decide(request('iam:PassRole', '*'), { identity: [mixed] }).decision).toBe(Decision.DENIED);
  });

  test('NotResource: an Allow of everything but one bucket', () => {
    const notOne = policy('identity', { Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET_OBJECTS}*` });
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [notOne] }).decision).toBe(Decision.DENIED);
    expect(decide(request('s3:GetObject', 'arn:aws:s3:::other/a'), { identity: [notOne] }).decision).toBe(Decision.ALLOWED);
  });

  test('a condition the request context cannot decide leaves the decision conditional on its keys', () => {
    const approve = policy('identity', { Sid: 'Approve', Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Resource: '*', Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'Approved' } } });
    const e = decide(request('sagemaker:UpdateModelPackage', 'arn:aws:sagemaker:eu-west-1:1:model-package/g/1'), { identity: [approve] });
    expect(e).toEqual({ decision: Decision.CONDITIONAL, keys: ['sagemaker:ModelApprovalStatus'], statements: ['identity Approve (Allow)'] });
  });

  test('a conditional Deny makes an Allow conditional; a Deny whose condition the context decides false does not apply', () => {
    const write = policy('identity', { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' });
    const bucket = policy('bucket', {
      Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET_OBJECTS}*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET_OBJECTS}*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const e = decide(request('s3:PutObject', `${BUCKET_OBJECTS}a`), { identity: [write], resource: bucket });
    expect(e.decision).toBe(Decision.CONDITIONAL);
    expect(e.keys).toEqual(['s3:x-amz-server-side-encryption']);
  });

  test('an AWS-managed policy, whose text synth lacks, makes the request conditional on it', () => {
    const e = decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [], unknownIdentity: ['SecurityAudit'] });
    expect(e).toMatchObject({ decision: Decision.CONDITIONAL, keys: ['AWS-managed policy SecurityAudit'] });
  });

  test('a resource synth could not resolve is conditional, not a match and not a miss', () => {
    const unresolved = policy('identity', { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${UNRESOLVED}/*` });
    expect(decide(request('s3:GetObject', `${BUCKET_OBJECTS}a`), { identity: [unresolved] })).toMatchObject({ decision: Decision.CONDITIONAL, keys: ['unresolved resource'] });
  });
});

describe('globMatches', () => {
  test('ARNs match case-sensitively, with * spanning segments', () => {
    expect(globMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b', false)).toBe(true);
    expect(globMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a', false)).toBe(false);
  });

  test('some resource under a prefix: a pattern for the bucket alone covers no object', () => {
    expect(globMatches('arn:aws:s3:::bucket/training/*', BUCKET_OBJECTS.replace('amzn-s3-demo-bucket', 'bucket'), true)).toBe(true);
    expect(globMatches('arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/', true)).toBe(false);
    expect(globMatches('arn:aws:s3:::b?cket/*', 'arn:aws:s3:::bucket/', true)).toBe(true);
  });
});

describe('conditionApplies', () => {
  test('a key the context holds as absent fails Bool and satisfies Null: true', () => {
    const context = { 'aws:multifactorauthpresent': [] as string[] };
    expect(conditionApplies({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, context).v).toBe('no');
    expect(conditionApplies({ Null: { 'aws:MultiFactorAuthPresent': 'true' } }, context).v).toBe('yes');
    expect(conditionApplies({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, context).v).toBe('yes');
  });

  test('numeric operators decide against the context', () => {
    expect(conditionApplies({ NumericLessThan: { 's3:TlsVersion': '1.2' } }, { 's3:tlsversion': '1.2' }).v).toBe('no');
    expect(conditionApplies({ NumericLessThan: { 's3:TlsVersion': '1.3' } }, { 's3:tlsversion': '1.2' }).v).toBe('yes');
  });
});
