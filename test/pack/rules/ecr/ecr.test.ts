import { CfnCondition, CfnParameter, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackRun, runPack } from '../../helpers';

const ECR_RULES = ['EcrScanOnPush', 'EcrImmutableTags', 'EcrKmsEncryption', 'EcrPolicyNotPublic', 'EcrRetained', 'EcrLifecyclePolicy'];

let run: PackRun;

/** The failed rules of ours on a resource. */
function failures(path: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === path);
  if (!r) {
    throw new Error(`No resource at ${path}`);
  }
  return r.failed.map((f) => f.rule).filter((rule) => ECR_RULES.includes(rule)).sort();
}

beforeAll(() => {
  run = runPack((app) => {
    const stack = new Stack(app, 'Test');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const override = (repository: ecr.Repository, path: string, value: unknown) =>
      (repository.node.defaultChild as ecr.CfnRepository).addPropertyOverride(path, value);
    // What a careful user writes; every case below changes one thing of it.
    const hardened = (id: string, props: Partial<ecr.RepositoryProps> = {}) => new ecr.Repository(stack, id, {
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: key,
      lifecycleRules: [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 10 }],
      ...props,
    });
    const good = hardened('Hardened');
    good.grantPull(new iam.OrganizationPrincipal('o-abc123def4'));
    good.grantPull(new iam.AccountPrincipal('111122223333'));
    // The L2 of this CDK version rejects KMS_DSSE: DSSE is written in CloudFormation.
    override(hardened('HardenedDsse'), 'EncryptionConfiguration.EncryptionType', 'KMS_DSSE');
    const dsseAwsManaged = hardened('DsseAwsManaged');
    override(dsseAwsManaged, 'EncryptionConfiguration.EncryptionType', 'KMS_DSSE');
    (dsseAwsManaged.node.defaultChild as ecr.CfnRepository).addPropertyDeletionOverride('EncryptionConfiguration.KmsKey');
    const l1 = new ecr.CfnRepository(stack, 'HardenedL1', {
      imageScanningConfiguration: { scanOnPush: true },
      imageTagMutability: 'IMMUTABLE',
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey: key.keyArn },
      lifecyclePolicy: { lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 }, action: { type: 'expire' } }] }) },
    });
    l1.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // CloudFormation also takes the string "true"; the L1 types only let an override write it.
    l1.addPropertyOverride('ImageScanningConfiguration.ScanOnPush', 'true');

    // EcrScanOnPush
    hardened('NoScan', { imageScanOnPush: false });
    hardened('ScanDefault', { imageScanOnPush: undefined });
    const scanParam = new CfnParameter(stack, 'ScanOnPush', { type: 'String', allowedValues: ['true', 'false'] });
    override(hardened('ScanFromParameter'), 'ImageScanningConfiguration.ScanOnPush', scanParam.valueAsString);
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(scanParam.valueAsString, 'true') });
    override(hardened('ScanOnlyInProd'), 'ImageScanningConfiguration.ScanOnPush', Fn.conditionIf(isProd.logicalId, true, false));
    override(hardened('ScanInBothBranches'), 'ImageScanningConfiguration.ScanOnPush', Fn.conditionIf(isProd.logicalId, true, 'true'));

    // EcrImmutableTags
    hardened('Mutable', { imageTagMutability: ecr.TagMutability.MUTABLE });
    hardened('MutableDefault', { imageTagMutability: undefined });
    hardened('WithExclusion', {
      imageTagMutability: ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION,
      imageTagMutabilityExclusionFilters: [ecr.ImageTagMutabilityExclusionFilter.wildcard('latest')],
    });
    override(hardened('MutableOverride'), 'ImageTagMutability', 'MUTABLE');
    const mutabilityParam = new CfnParameter(stack, 'Mutability', { type: 'String' });
    override(hardened('MutabilityFromParameter'), 'ImageTagMutability', mutabilityParam.valueAsString);

    // EcrKmsEncryption
    hardened('KmsAwsManaged', { encryption: ecr.RepositoryEncryption.KMS, encryptionKey: undefined });
    hardened('Aes256', { encryption: ecr.RepositoryEncryption.AES_256, encryptionKey: undefined });
    hardened('NoEncryption', { encryption: undefined, encryptionKey: undefined });
    hardened('ImportedKey', { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', Fn.importValue('SharedKeyArn')) });
    override(hardened('AwsAliasOverride'), 'EncryptionConfiguration.KmsKey', 'alias/aws/ecr');
    override(hardened('EncryptionOnlyInProd'), 'EncryptionConfiguration.EncryptionType', Fn.conditionIf(isProd.logicalId, 'KMS', 'AES256'));

    // EcrPolicyNotPublic
    hardened('PublicPull').grantPull(new iam.AnyPrincipal());
    hardened('PublicStar').addToResourcePolicy(new iam.PolicyStatement({ actions: ['ecr:BatchGetImage'], principals: [new iam.StarPrincipal()] }));
    hardened('PublicWithSourceAccount').addToResourcePolicy(new iam.PolicyStatement({
      actions: ['ecr:BatchGetImage'],
      principals: [new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.AnyPrincipal()],
      conditions: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    }));
    hardened('DenyEveryone').addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, actions: ['ecr:*'], principals: [new iam.AnyPrincipal()],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    override(hardened('PublicPolicyString'), 'RepositoryPolicyText',
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*' }] }));
    override(hardened('PolicyFromParameter'), 'RepositoryPolicyText', new CfnParameter(stack, 'Policy', { type: 'String' }).valueAsString);

    // EcrRetained
    hardened('Destroyed', { removalPolicy: RemovalPolicy.DESTROY });
    hardened('Snapshot', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    (hardened('RetainExceptOnCreate').node.defaultChild as ecr.CfnRepository).addOverride('DeletionPolicy', 'RetainExceptOnCreate');
    // An L1 without a removal policy gets no DeletionPolicy: CloudFormation deletes it.
    new ecr.CfnRepository(stack, 'L1NoPolicy', {
      imageScanningConfiguration: { scanOnPush: true },
      imageTagMutability: 'IMMUTABLE',
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey: key.keyArn },
      lifecyclePolicy: { lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 }, action: { type: 'expire' } }] }) },
    });
    (hardened('RetainOnlyInProd').node.defaultChild as ecr.CfnRepository).addOverride('DeletionPolicy', Fn.conditionIf(isProd.logicalId, 'Retain', 'Delete'));

    // EcrLifecyclePolicy
    hardened('NoLifecycle', { lifecycleRules: undefined });
    override(hardened('EmptyLifecycle'), 'LifecyclePolicy.LifecyclePolicyText', '{"rules":[]}');
    override(hardened('LifecycleFromParameter'), 'LifecyclePolicy.LifecyclePolicyText', new CfnParameter(stack, 'Lifecycle', { type: 'String' }).valueAsString);

    // Registry-level scanning, in stacks of their own: it covers every repository of its template.
    const registry = new Stack(app, 'Registry');
    new ecr.CfnRegistryScanningConfiguration(registry, 'Scanning', {
      scanType: 'BASIC',
      rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'ml-*', filterType: 'WILDCARD' }] }],
    });
    new ecr.Repository(registry, 'Covered', { repositoryName: 'ml-images' });
    new ecr.Repository(registry, 'NotCovered', { repositoryName: 'web-images' });
    new ecr.Repository(registry, 'GeneratedName');
    const enhanced = new Stack(app, 'Enhanced');
    new ecr.CfnRegistryScanningConfiguration(enhanced, 'Scanning', {
      scanType: 'ENHANCED',
      rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }],
    });
    new ecr.Repository(enhanced, 'GeneratedName');
  });
});

describe('hardened repositories', () => {
  test('an L2 repository built with every control passes every ECR rule', () => {
    expect(failures('Test/Hardened/Resource')).toEqual([]);
    expect(failures('Test/HardenedDsse/Resource')).toEqual([]);
    for (const rule of ECR_RULES) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
    }
  });

  test('an L1 repository with every control (string booleans) passes every ECR rule', () => {
    expect(failures('Test/HardenedL1')).toEqual([]);
  });
});

describe('EcrScanOnPush', () => {
  const RULE = 'EcrScanOnPush';

  test('fails a repository that does not scan on push, and on nothing else', () => {
    expect(failures('Test/NoScan/Resource')).toEqual([RULE]);
    expect(failures('Test/ScanDefault/Resource')).toEqual([RULE]);
  });

  test('fails closed when scanning comes from a parameter', () => {
    expect(run.verdict('Test/ScanFromParameter/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/ScanFromParameter/Resource', RULE)).toMatch(/cannot be known at synth/);
  });

  test('fails when a condition can turn scanning off, passes when every branch scans', () => {
    expect(run.verdict('Test/ScanOnlyInProd/Resource', RULE)).toBe('failed');
    expect(run.verdict('Test/ScanInBothBranches/Resource', RULE)).toBe('passed');
  });

  test('accepts registry-level scanning on push whose filter covers the repository', () => {
    expect(run.verdict('Registry/Covered/Resource', RULE)).toBe('passed');
    expect(run.verdict('Registry/NotCovered/Resource', RULE)).toBe('failed');
    expect(run.verdict('Registry/GeneratedName/Resource', RULE)).toBe('failed');
    expect(run.verdict('Enhanced/GeneratedName/Resource', RULE)).toBe('passed');
  });
});

describe('EcrImmutableTags', () => {
  const RULE = 'EcrImmutableTags';

  test('fails mutable tags, explicit or by default, and on nothing else', () => {
    expect(failures('Test/Mutable/Resource')).toEqual([RULE]);
    expect(failures('Test/MutableDefault/Resource')).toEqual([RULE]);
  });

  test('fails immutability with exclusions, whose excluded tags can move', () => {
    expect(failures('Test/WithExclusion/Resource')).toEqual([RULE]);
    expect(run.detail('Test/WithExclusion/Resource', RULE)).toMatch(/exclusion/);
  });

  test('judges a property override', () => {
    expect(run.verdict('Test/MutableOverride/Resource', RULE)).toBe('failed');
  });

  test('fails closed when mutability comes from a parameter', () => {
    expect(run.verdict('Test/MutabilityFromParameter/Resource', RULE)).toBe('failed');
  });
});

describe('EcrKmsEncryption', () => {
  const RULE = 'EcrKmsEncryption';

  test('fails KMS with the AWS-managed key, and on nothing else', () => {
    expect(failures('Test/KmsAwsManaged/Resource')).toEqual([RULE]);
    expect(run.detail('Test/KmsAwsManaged/Resource', RULE)).toMatch(/AWS-managed key/);
  });

  test('fails AES256, explicit or by default', () => {
    expect(failures('Test/Aes256/Resource')).toEqual([RULE]);
    expect(failures('Test/NoEncryption/Resource')).toEqual([RULE]);
  });

  test('fails DSSE without a key, which uses the AWS-managed key', () => {
    expect(failures('Test/DsseAwsManaged/Resource')).toEqual([RULE]);
  });

  test('a key given by an imported value counts as customer-managed', () => {
    expect(run.verdict('Test/ImportedKey/Resource', RULE)).toBe('passed');
  });

  test('fails an override to alias/aws/ecr and a condition that can choose AES256', () => {
    expect(run.verdict('Test/AwsAliasOverride/Resource', RULE)).toBe('failed');
    expect(run.verdict('Test/EncryptionOnlyInProd/Resource', RULE)).toBe('failed');
  });
});

describe('EcrPolicyNotPublic', () => {
  const RULE = 'EcrPolicyNotPublic';

  test('passes grants to an organization and to an account', () => {
    expect(run.verdict('Test/Hardened/Resource', RULE)).toBe('passed');
  });

  test('fails a grant to anyone, and on nothing else', () => {
    expect(failures('Test/PublicPull/Resource')).toEqual([RULE]);
    expect(failures('Test/PublicStar/Resource')).toEqual([RULE]);
  });

  test('passes a wildcard principal narrowed by aws:SourceAccount, and a Deny to everyone', () => {
    expect(run.verdict('Test/PublicWithSourceAccount/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/DenyEveryone/Resource', RULE)).toBe('passed');
  });

  test('reads a policy given as a JSON string', () => {
    expect(run.verdict('Test/PublicPolicyString/Resource', RULE)).toBe('failed');
  });

  test('fails closed on a policy from a parameter', () => {
    expect(run.verdict('Test/PolicyFromParameter/Resource', RULE)).toBe('failed');
  });
});

describe('EcrRetained', () => {
  const RULE = 'EcrRetained';

  test('fails a repository destroyed with the stack, and on nothing else', () => {
    expect(failures('Test/Destroyed/Resource')).toEqual([RULE]);
  });

  test('passes RETAIN_ON_UPDATE_OR_DELETE and RetainExceptOnCreate', () => {
    expect(run.verdict('Test/Snapshot/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/RetainExceptOnCreate/Resource', RULE)).toBe('passed');
  });

  test('fails an L1 repository without a deletion policy, which CloudFormation deletes', () => {
    expect(failures('Test/L1NoPolicy')).toEqual([RULE]);
  });

  test('fails a deletion policy a condition can set to Delete', () => {
    expect(run.verdict('Test/RetainOnlyInProd/Resource', RULE)).toBe('failed');
  });
});

describe('EcrLifecyclePolicy', () => {
  const RULE = 'EcrLifecyclePolicy';

  test('fails, as a warning, a repository without lifecycle rules, and on nothing else', () => {
    expect(failures('Test/NoLifecycle/Resource')).toEqual([RULE]);
    const v = run.violations.find((x) => x.ruleName === RULE && x.constructPaths.includes('Test/NoLifecycle/Resource'));
    expect(v?.severity).toBe('warning');
  });

  test('fails a lifecycle policy with no rule', () => {
    expect(run.verdict('Test/EmptyLifecycle/Resource', RULE)).toBe('failed');
  });

  test('passes a lifecycle policy given by a parameter (its presence is what is evidenced)', () => {
    expect(run.verdict('Test/LifecycleFromParameter/Resource', RULE)).toBe('passed');
  });
});
