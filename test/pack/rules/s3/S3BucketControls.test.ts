import * as fs from 'fs';
import * as path from 'path';
import { CfnCondition, CfnParameter, Fn, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { S3_RULES } from '../../../../pack/rules/s3';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The S3 bucket controls, without the `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature
 * flag (the L2 then authorizes log delivery by ACL). Every case is the hardened bucket with one
 * change, so each pair differs only in the property under test.
 */

const TLS = 'S3BucketTlsOnly';
const BPA = 'S3BucketPublicAccessBlocked';
const OWNER = 'S3BucketOwnerEnforced';
const VERSIONED = 'S3BucketVersioned';
const LOGGED = 'S3BucketAccessLogged';
const CLASSIFIED = 'S3BucketClassified';
const RETAINED = 'S3BucketRetained';
const PERSONAL = 'S3BucketPersonalDataProtected';

const S3_IDS = new Set(S3_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => S3_IDS.has(id)).sort();
}

describe('S3 bucket controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      // Without the feature flag, S3 delivers access logs through the log-delivery ACL, which
      // needs ObjectWriter ownership on the target.
      const logBucket = new s3.Bucket(stack, 'LogBucket', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        versioned: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Tags.of(logBucket).add('DataClassification', 'internal');

      const bucket = (id: string, changes: Partial<s3.BucketProps> = {}, classification: string | null = 'confidential') => {
        const b = new s3.Bucket(stack, id, {
          encryption: s3.BucketEncryption.KMS,
          encryptionKey: key,
          bucketKeyEnabled: true,
          enforceSSL: true,
          versioned: true,
          blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
          objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
          serverAccessLogsBucket: logBucket,
          removalPolicy: RemovalPolicy.RETAIN,
          ...changes,
        });
        if (classification !== null) {
          Tags.of(b).add('DataClassification', classification);
        }
        return b;
      };
      const l1 = (b: s3.Bucket) => b.node.defaultChild as s3.CfnBucket;
      const policyOf = (b: s3.Bucket) => b.policy!.node.defaultChild as s3.CfnBucketPolicy;
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });

      bucket('Hardened');

      // A log target whose source bucket is in another stack: only its log-delivery ACL tells.
      const sharedLogs = new s3.Bucket(stack, 'SharedLogBucket', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      });
      new s3.Bucket(new Stack(stack.node.scope as Construct, 'Other'), 'Source', { serverAccessLogsBucket: sharedLogs });

      // TLS only
      bucket('TlsNotEnforced', { enforceSSL: false });
      bucket('TlsOtherPolicyOnly', { enforceSSL: false }).addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AccountRootPrincipal()], actions: ['s3:GetObject'], resources: ['*'],
      }));
      bucket('TlsMinimumVersion', { minimumTLSVersion: 1.2 });
      // The same statement with its ARNs written by Fn::Sub, in both of its forms.
      const subbed = bucket('TlsSubArns');
      policyOf(subbed).addPropertyOverride('PolicyDocument.Statement.0.Resource', [
        { 'Fn::Sub': ['${Arn}', { Arn: subbed.bucketArn }] },
        { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::\${${Stack.of(subbed).getLogicalId(subbed.node.defaultChild as s3.CfnBucket)}}/*` },
      ]);
      policyOf(bucket('TlsConditionOverridden')).addPropertyOverride('PolicyDocument.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
      const objectsOnly = bucket('TlsObjectsOnly');
      policyOf(objectsOnly).addPropertyOverride('PolicyDocument.Statement.0.Resource', [objectsOnly.arnForObjects('*')]);
      policyOf(bucket('TlsGetOnly')).addPropertyOverride('PolicyDocument.Statement.0.Action', 's3:Get*');
      policyOf(bucket('TlsExtraCondition')).addPropertyOverride('PolicyDocument.Statement.0.Condition.StringEquals', { 'aws:PrincipalAccount': '111111111111' });
      policyOf(bucket('TlsImportedPolicy')).addPropertyOverride('PolicyDocument', Fn.importValue('SharedPolicy'));
      const conditional = bucket('TlsConditionalPolicy');
      policyOf(conditional).addPropertyOverride('PolicyDocument', Fn.conditionIf(useFeature.logicalId, policyOf(conditional).policyDocument, { Version: '2012-10-17', Statement: [] }));
      // An L1 bucket with a literal name, its policy naming it literally, one statement for the
      // bucket and one for its objects, and a boolean (not string) condition value.
      new s3.CfnBucket(stack, 'LiteralName', { bucketName: 'soc2ml-literal-bucket' });
      new s3.CfnBucketPolicy(stack, 'LiteralNamePolicy', {
        bucket: 'soc2ml-literal-bucket',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: 'arn:aws:s3:::soc2ml-literal-bucket', Condition: { Bool: { 'aws:SecureTransport': false } } },
            { Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: 'arn:aws:s3:::soc2ml-literal-bucket/*', Condition: { Bool: { 'aws:SecureTransport': false } } },
          ],
        },
      });

      // Block Public Access
      bucket('BpaAbsent', { blockPublicAccess: undefined });
      l1(bucket('BpaDeclaredPartly')).addPropertyDeletionOverride('PublicAccessBlockConfiguration.RestrictPublicBuckets');
      bucket('BpaAclsOnly', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
      l1(bucket('BpaOverridden')).addPropertyOverride('PublicAccessBlockConfiguration.RestrictPublicBuckets', false);
      l1(bucket('BpaStrings')).addPropertyOverride('PublicAccessBlockConfiguration', {
        BlockPublicAcls: 'true', BlockPublicPolicy: 'true', IgnorePublicAcls: 'true', RestrictPublicBuckets: 'true',
      });
      const blockPolicy = new CfnParameter(stack, 'BlockPolicy', { type: 'String', allowedValues: ['true', 'false'] });
      l1(bucket('BpaParameter')).addPropertyOverride('PublicAccessBlockConfiguration.BlockPublicPolicy', blockPolicy.valueAsString);

      // Object ownership
      bucket('OwnerAbsent', { objectOwnership: undefined });
      bucket('OwnerWriter', { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER });
      bucket('OwnerPreferred', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
      l1(bucket('OwnerOverridden')).addPropertyOverride('OwnershipControls.Rules.0.ObjectOwnership', 'ObjectWriter');
      l1(bucket('OwnerPublicAcl')).addPropertyOverride('AccessControl', 'PublicRead');
      l1(bucket('OwnerConditional')).addPropertyOverride('OwnershipControls.Rules.0.ObjectOwnership', Fn.conditionIf(useFeature.logicalId, 'BucketOwnerEnforced', 'ObjectWriter'));

      // Versioning
      bucket('Unversioned', { versioned: false });
      l1(bucket('VersioningSuspended')).addPropertyOverride('VersioningConfiguration.Status', 'Suspended');
      l1(bucket('VersioningConditional')).addPropertyOverride('VersioningConfiguration.Status', Fn.conditionIf(useFeature.logicalId, 'Enabled', 'Suspended'));

      // Server access logging
      bucket('NotLogged', { serverAccessLogsBucket: undefined });
      // LoggingConfiguration without a destination: S3 writes the logs into the bucket itself.
      const toItself = l1(bucket('LogsToItself'));
      toItself.addPropertyDeletionOverride('LoggingConfiguration.DestinationBucketName');
      toItself.addPropertyOverride('LoggingConfiguration.LogFilePrefix', 'self/');
      l1(bucket('LogsToImported')).addPropertyOverride('LoggingConfiguration.DestinationBucketName', Fn.importValue('SharedLogBucketName'));
      const ownRef = bucket('LogsToOwnRef');
      l1(ownRef).addPropertyOverride('LoggingConfiguration.DestinationBucketName', ownRef.bucketName);
      l1(bucket('LogsConditional')).addPropertyOverride('LoggingConfiguration', Fn.conditionIf(useFeature.logicalId, { DestinationBucketName: logBucket.bucketName }, Fn.ref('AWS::NoValue')));

      // Classification
      bucket('Unclassified', {}, null);
      bucket('ClassifiedCapitalized', {}, 'Confidential');
      bucket('ClassifiedUnknown', {}, 'secret');
      bucket('ClassifiedRestricted', {}, 'restricted');
      l1(bucket('ClassificationOverridden')).addPropertyOverride('Tags', [{ Key: 'DataClassification', Value: 'secret' }]);
      const level = new CfnParameter(stack, 'Level', { type: 'String', allowedValues: ['internal', 'confidential'] });
      bucket('ClassifiedByAllowedParameter', {}, level.valueAsString);
      const freeLevel = new CfnParameter(stack, 'FreeLevel', { type: 'String' });
      bucket('ClassifiedByFreeParameter', {}, freeLevel.valueAsString);

      // Retention
      bucket('Destroyed', { removalPolicy: RemovalPolicy.DESTROY });
      bucket('RetainedExceptOnCreate', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
      l1(bucket('ReplaceDeletes')).cfnOptions.updateReplacePolicy = undefined;
      l1(bucket('RetentionConditional')).addOverride('DeletionPolicy', Fn.conditionIf(useFeature.logicalId, 'Retain', 'Delete'));

      // Personal data
      const personal = (id: string, personalData: string, classification: string) => {
        Tags.of(bucket(id, {}, classification)).add('PersonalData', personalData);
      };
      personal('PersonalConfidential', 'true', 'confidential');
      personal('PersonalRestrictedUpper', 'TRUE', 'restricted');
      personal('PersonalInternal', 'true', 'internal');
      personal('NotPersonalPublic', 'false', 'public');
      const holdsPersonal = new CfnParameter(stack, 'HoldsPersonal', { type: 'String' });
      personal('PersonalByParameterInternal', holdsPersonal.valueAsString, 'internal');
      personal('PersonalByParameterRestricted', holdsPersonal.valueAsString, 'restricted');
    });
  });

  test('a fully hardened bucket fails no rule', () => {
    expect(run.verdicts.find((r) => r.constructPath === 'Test/Hardened/Resource')!.failed).toEqual([]);
    for (const rule of [TLS, BPA, OWNER, VERSIONED, LOGGED, CLASSIFIED, RETAINED]) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
    }
    expect(run.verdict('Test/Hardened/Resource', PERSONAL)).toBe('not-applicable');
  });

  test('its ACL-delivery log bucket fails only S3BucketOwnerEnforced, which ACL delivery requires', () => {
    expect(failedRules(run, 'Test/LogBucket/Resource')).toEqual([OWNER]);
    expect(run.verdict('Test/LogBucket/Resource', LOGGED)).toBe('not-applicable');
  });

  test('a log target logged to from another stack is recognized by its log-delivery ACL', () => {
    expect(run.verdict('Other/Source/Resource', LOGGED)).toBe('passed');
    expect(run.verdict('Test/SharedLogBucket/Resource', LOGGED)).toBe('not-applicable');
    expect(run.verdict('Test/SharedLogBucket/Resource', 'S3BucketKmsEncryption')).toBe('passed');
  });

  test('each single-control break fails only its rule', () => {
    const cases: [string, string][] = [
      ['TlsNotEnforced', TLS], ['TlsConditionOverridden', TLS],
      ['BpaDeclaredPartly', BPA], ['BpaAclsOnly', BPA], ['BpaOverridden', BPA],
      ['OwnerWriter', OWNER], ['OwnerPreferred', OWNER], ['OwnerOverridden', OWNER],
      ['Unversioned', VERSIONED], ['VersioningSuspended', VERSIONED],
      ['NotLogged', LOGGED], ['LogsToItself', LOGGED],
      ['Unclassified', CLASSIFIED], ['ClassifiedUnknown', CLASSIFIED],
      ['Destroyed', RETAINED], ['ReplaceDeletes', RETAINED],
      ['PersonalInternal', PERSONAL],
    ];
    for (const [id, rule] of cases) {
      expect({ id, failed: failedRules(run, `Test/${id}/Resource`) }).toEqual({ id, failed: [rule] });
    }
  });

  describe(TLS, () => {
    test('passes enforceSSL, with or without a minimum TLS version', () => {
      expect(run.verdict('Test/Hardened/Resource', TLS)).toBe('passed');
      expect(run.verdict('Test/TlsMinimumVersion/Resource', TLS)).toBe('passed');
    });
    test('passes the statement with its bucket and object ARNs written by Fn::Sub', () => {
      expect(run.verdict('Test/TlsSubArns/Resource', TLS)).toBe('passed');
    });
    test('fails a bucket without a bucket policy', () => {
      expect(run.verdict('Test/TlsNotEnforced/Resource', TLS)).toBe('failed');
      expect(run.detail('Test/TlsNotEnforced/Resource', TLS)).toMatch(/no bucket policy/);
    });
    test('fails a bucket policy without the TLS statement', () => {
      expect(run.verdict('Test/TlsOtherPolicyOnly/Resource', TLS)).toBe('failed');
    });
    test('fails overrides that weaken the statement: condition, resources, actions, extra condition', () => {
      expect(run.verdict('Test/TlsConditionOverridden/Resource', TLS)).toBe('failed');
      expect(run.verdict('Test/TlsObjectsOnly/Resource', TLS)).toBe('failed');
      expect(run.verdict('Test/TlsGetOnly/Resource', TLS)).toBe('failed');
      expect(run.verdict('Test/TlsExtraCondition/Resource', TLS)).toBe('failed');
    });
    test('fails closed on a policy it cannot read (an import) or that a condition may drop', () => {
      expect(run.verdict('Test/TlsImportedPolicy/Resource', TLS)).toBe('failed');
      expect(run.detail('Test/TlsImportedPolicy/Resource', TLS)).toMatch(/cannot be proven/);
      expect(run.verdict('Test/TlsConditionalPolicy/Resource', TLS)).toBe('failed');
    });
    test('passes an L1 policy naming the bucket literally, split over two statements', () => {
      expect(run.verdict('Test/LiteralName', TLS)).toBe('passed');
    });
  });

  describe(BPA, () => {
    test('passes BLOCK_ALL and string "true" values', () => {
      expect(run.verdict('Test/Hardened/Resource', BPA)).toBe('passed');
      expect(run.verdict('Test/BpaStrings/Resource', BPA)).toBe('passed');
    });
    test('passes when the template does not declare it: S3 blocks all public access on every new bucket', () => {
      expect(l1Of(run, 'Test/BpaAbsent/Resource').PublicAccessBlockConfiguration).toBeUndefined();
      expect(run.verdict('Test/BpaAbsent/Resource', BPA)).toBe('passed');
    });
    test('fails a declared configuration that leaves a setting out (S3 turns it off)', () => {
      expect(run.verdict('Test/BpaDeclaredPartly/Resource', BPA)).toBe('failed');
      expect(run.detail('Test/BpaDeclaredPartly/Resource', BPA)).toMatch(/RestrictPublicBuckets/);
    });
    test('fails partial blocking and an override turning a setting off', () => {
      expect(run.verdict('Test/BpaAclsOnly/Resource', BPA)).toBe('failed');
      expect(run.verdict('Test/BpaOverridden/Resource', BPA)).toBe('failed');
      expect(run.detail('Test/BpaOverridden/Resource', BPA)).toMatch(/RestrictPublicBuckets/);
    });
    test('fails closed on a setting from a parameter that may be false', () => {
      expect(run.verdict('Test/BpaParameter/Resource', BPA)).toBe('failed');
    });
  });

  describe(OWNER, () => {
    test('passes BucketOwnerEnforced', () => {
      expect(run.verdict('Test/Hardened/Resource', OWNER)).toBe('passed');
    });
    test('passes when the template does not declare it: S3 disables ACLs on every new bucket', () => {
      expect(l1Of(run, 'Test/OwnerAbsent/Resource').OwnershipControls).toBeUndefined();
      expect(run.verdict('Test/OwnerAbsent/Resource', OWNER)).toBe('passed');
    });
    test('fails ObjectWriter, BucketOwnerPreferred and an override', () => {
      for (const id of ['OwnerWriter', 'OwnerPreferred', 'OwnerOverridden']) {
        expect(run.verdict(`Test/${id}/Resource`, OWNER)).toBe('failed');
      }
    });
    test('fails a public canned ACL', () => {
      expect(run.verdict('Test/OwnerPublicAcl/Resource', OWNER)).toBe('failed');
      expect(run.detail('Test/OwnerPublicAcl/Resource', OWNER)).toMatch(/PublicRead/);
    });
    test('fails a condition with an ObjectWriter branch', () => {
      expect(run.verdict('Test/OwnerConditional/Resource', OWNER)).toBe('failed');
    });
  });

  describe(VERSIONED, () => {
    test('passes versioned: true', () => {
      expect(run.verdict('Test/Hardened/Resource', VERSIONED)).toBe('passed');
    });
    test('fails unversioned and suspended', () => {
      expect(run.verdict('Test/Unversioned/Resource', VERSIONED)).toBe('failed');
      expect(run.verdict('Test/VersioningSuspended/Resource', VERSIONED)).toBe('failed');
    });
    test('fails a condition with a Suspended branch', () => {
      expect(run.verdict('Test/VersioningConditional/Resource', VERSIONED)).toBe('failed');
    });
  });

  describe(LOGGED, () => {
    test('passes logging to another bucket, also one given by import', () => {
      expect(run.verdict('Test/Hardened/Resource', LOGGED)).toBe('passed');
      expect(run.verdict('Test/LogsToImported/Resource', LOGGED)).toBe('passed');
    });
    test('fails a bucket without logging', () => {
      expect(run.verdict('Test/NotLogged/Resource', LOGGED)).toBe('failed');
    });
    test('fails a bucket logging to itself', () => {
      expect(run.verdict('Test/LogsToItself/Resource', LOGGED)).toBe('failed');
      expect(run.detail('Test/LogsToItself/Resource', LOGGED)).toMatch(/itself/);
      expect(run.verdict('Test/LogsToOwnRef/Resource', LOGGED)).toBe('failed');
    });
    test('fails logging that a condition may remove', () => {
      expect(run.verdict('Test/LogsConditional/Resource', LOGGED)).toBe('failed');
    });
    test('does not apply to the log target', () => {
      expect(run.verdict('Test/LogBucket/Resource', LOGGED)).toBe('not-applicable');
    });
  });

  describe(CLASSIFIED, () => {
    test('passes the lowercase classifications', () => {
      expect(run.verdict('Test/Hardened/Resource', CLASSIFIED)).toBe('passed');
      expect(run.verdict('Test/ClassifiedRestricted/Resource', CLASSIFIED)).toBe('passed');
      expect(run.verdict('Test/LogBucket/Resource', CLASSIFIED)).toBe('passed');
    });
    test('fails a bucket without the tag, or with an unknown value', () => {
      expect(run.verdict('Test/Unclassified/Resource', CLASSIFIED)).toBe('failed');
      expect(run.verdict('Test/ClassifiedUnknown/Resource', CLASSIFIED)).toBe('failed');
    });
    test('judges an override of the tags', () => {
      expect(run.verdict('Test/ClassificationOverridden/Resource', CLASSIFIED)).toBe('failed');
    });
    test('is case-sensitive: "Confidential" fails, as ABAC conditions would not match it', () => {
      expect(run.verdict('Test/ClassifiedCapitalized/Resource', CLASSIFIED)).toBe('failed');
      expect(run.detail('Test/ClassifiedCapitalized/Resource', CLASSIFIED)).toMatch(/lowercase/);
    });
    test('a parameter passes only when all its AllowedValues are classifications', () => {
      expect(run.verdict('Test/ClassifiedByAllowedParameter/Resource', CLASSIFIED)).toBe('passed');
      expect(run.verdict('Test/ClassifiedByFreeParameter/Resource', CLASSIFIED)).toBe('failed');
    });
  });

  describe(RETAINED, () => {
    test('passes RETAIN and RETAIN_ON_UPDATE_OR_DELETE (RetainExceptOnCreate)', () => {
      expect(run.verdict('Test/Hardened/Resource', RETAINED)).toBe('passed');
      expect(run.verdict('Test/RetainedExceptOnCreate/Resource', RETAINED)).toBe('passed');
    });
    test('fails DESTROY', () => {
      expect(run.verdict('Test/Destroyed/Resource', RETAINED)).toBe('failed');
    });
    test('fails when only the DeletionPolicy retains', () => {
      expect(run.verdict('Test/ReplaceDeletes/Resource', RETAINED)).toBe('failed');
      expect(run.detail('Test/ReplaceDeletes/Resource', RETAINED)).toMatch(/UpdateReplacePolicy/);
    });
    test('fails a DeletionPolicy with a Delete branch', () => {
      expect(run.verdict('Test/RetentionConditional/Resource', RETAINED)).toBe('failed');
    });
  });

  describe(PERSONAL, () => {
    test('passes personal data classified confidential or restricted (PersonalData in any case)', () => {
      expect(run.verdict('Test/PersonalConfidential/Resource', PERSONAL)).toBe('passed');
      expect(run.verdict('Test/PersonalRestrictedUpper/Resource', PERSONAL)).toBe('passed');
    });
    test('fails personal data classified internal', () => {
      expect(run.verdict('Test/PersonalInternal/Resource', PERSONAL)).toBe('failed');
    });
    test('does not apply without the tag or with PersonalData=false', () => {
      expect(run.verdict('Test/Hardened/Resource', PERSONAL)).toBe('not-applicable');
      expect(run.verdict('Test/NotPersonalPublic/Resource', PERSONAL)).toBe('not-applicable');
    });
    test('a PersonalData tag from a parameter may be true, so the classification must cover it', () => {
      expect(run.verdict('Test/PersonalByParameterInternal/Resource', PERSONAL)).toBe('failed');
      expect(run.verdict('Test/PersonalByParameterRestricted/Resource', PERSONAL)).toBe('passed');
    });
  });
});

/** The synthesized properties of the bucket at a construct path (read from the assembly: the stack is deliberately undeployable). */
function l1Of(run: PackRun, constructPath: string): Record<string, unknown> {
  const [stackName] = constructPath.split('/');
  const template = JSON.parse(fs.readFileSync(path.join(run.outdir, `${stackName}.template.json`), 'utf-8')) as { Resources: Record<string, { Properties?: Record<string, unknown> }> };
  const logicalId = run.verdicts.find((v) => v.constructPath === constructPath)!.logicalId!;
  return template.Resources[logicalId].Properties ?? {};
}
