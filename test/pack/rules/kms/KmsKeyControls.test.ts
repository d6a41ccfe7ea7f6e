import { Aws, CfnCondition, CfnDeletionPolicy, CfnParameter, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { KMS_RULES } from '../../../../pack/rules/kms';
import { PackRun, runPackOnStack } from '../../helpers';

const RETAINED = 'KmsKeyRetained';
const NOT_PUBLIC = 'KmsKeyPolicyNotPublic';
const KMS_IDS = new Set(KMS_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => KMS_IDS.has(id)).sort();
}

const ACCOUNT_ROOT = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } };
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: ACCOUNT_ROOT, Action: 'kms:*', Resource: '*' }, ...statements] });

describe('KMS key controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = (id: string, props: kms.KeyProps = {}) =>
        new kms.Key(stack, id, { enableKeyRotation: true, pendingWindow: Duration.days(30), removalPolicy: RemovalPolicy.RETAIN, ...props });
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });

      key('Hardened');

      // Retention
      key('Destroyed', { removalPolicy: RemovalPolicy.DESTROY });
      key('RetainedExceptOnCreate', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
      new kms.CfnKey(stack, 'L1Default', { enableKeyRotation: true });
      new kms.CfnKey(stack, 'L1Retained', { enableKeyRotation: true }).cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
      (key('RetentionConditional').node.defaultChild as kms.CfnKey).addOverride('DeletionPolicy', Fn.conditionIf(useFeature.logicalId, 'Retain', 'Delete'));
      const retention = new CfnParameter(stack, 'Retention', { type: 'String', allowedValues: ['Retain', 'RetainExceptOnCreate'] });
      (key('RetentionByParameter').node.defaultChild as kms.CfnKey).addOverride('DeletionPolicy', retention.valueAsString);

      // Key policy
      key('GrantedToAnyone').grantDecrypt(new iam.AnyPrincipal());
      key('GrantedToOrganization').grantDecrypt(new iam.AnyPrincipal().withConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }));
      key('GrantedToAccount').grantDecrypt(new iam.AccountPrincipal('111111111111'));
      key('DeniesAnyone').addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['kms:CreateGrant'], resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'false' } },
      }));
      key('WeakCondition').addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'],
        conditions: { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } },
      }));
      (key('PrincipalOverridden').node.defaultChild as kms.CfnKey).addPropertyOverride('KeyPolicy.Statement.0.Principal', { AWS: '*' });
      new kms.CfnKey(stack, 'NoPolicy', { enableKeyRotation: true });
      // CloudFormation also takes the policy as a JSON string (CDK's props do not: an override).
      new kms.CfnKey(stack, 'StringPolicy', { enableKeyRotation: true }).addPropertyOverride('KeyPolicy', JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }],
      }));
      new kms.CfnKey(stack, 'ImportedPolicy', { enableKeyRotation: true, keyPolicy: Fn.importValue('SharedKeyPolicy') });
      new kms.CfnKey(stack, 'ConditionalPolicy', {
        enableKeyRotation: true,
        keyPolicy: Fn.conditionIf(useFeature.logicalId, policy(), policy({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'kms:*', Resource: '*' })),
      });
      // A single statement under Fn::If, inside an otherwise literal document.
      new kms.CfnKey(stack, 'ConditionalStatement', {
        enableKeyRotation: true,
        keyPolicy: { Version: '2012-10-17', Statement: [Fn.conditionIf(useFeature.logicalId, { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }, Aws.NO_VALUE)] },
      });
    });
  });

  test('a fully hardened key fails no rule', () => {
    expect(run.verdicts.find((r) => r.constructPath === 'Test/Hardened/Resource')!.failed).toEqual([]);
    expect(run.verdict('Test/Hardened/Resource', RETAINED)).toBe('passed');
    expect(run.verdict('Test/Hardened/Resource', NOT_PUBLIC)).toBe('passed');
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/Destroyed/Resource')).toEqual([RETAINED]);
    expect(failedRules(run, 'Test/GrantedToAnyone/Resource')).toEqual([NOT_PUBLIC]);
    expect(failedRules(run, 'Test/PrincipalOverridden/Resource')).toEqual([NOT_PUBLIC]);
  });

  describe(RETAINED, () => {
    test('passes RETAIN (the L2 default) and RETAIN_ON_UPDATE_OR_DELETE (RetainExceptOnCreate)', () => {
      expect(run.verdict('Test/Hardened/Resource', RETAINED)).toBe('passed');
      expect(run.verdict('Test/RetainedExceptOnCreate/Resource', RETAINED)).toBe('passed');
      expect(run.verdict('Test/L1Retained', RETAINED)).toBe('passed');
    });
    test('fails DESTROY and an L1 key without a DeletionPolicy', () => {
      expect(run.verdict('Test/Destroyed/Resource', RETAINED)).toBe('failed');
      expect(run.verdict('Test/L1Default', RETAINED)).toBe('failed');
      expect(run.detail('Test/L1Default', RETAINED)).toMatch(/absent/);
    });
    test('fails a condition with a Delete branch; passes a parameter allowing only retaining values', () => {
      expect(run.verdict('Test/RetentionConditional/Resource', RETAINED)).toBe('failed');
      expect(run.verdict('Test/RetentionByParameter/Resource', RETAINED)).toBe('passed');
    });
  });

  describe(NOT_PUBLIC, () => {
    test('passes the default policy, an account grant and a key without KeyPolicy', () => {
      expect(run.verdict('Test/Hardened/Resource', NOT_PUBLIC)).toBe('passed');
      expect(run.verdict('Test/GrantedToAccount/Resource', NOT_PUBLIC)).toBe('passed');
      expect(run.verdict('Test/NoPolicy', NOT_PUBLIC)).toBe('passed');
    });
    test('fails a grant to any principal', () => {
      expect(run.verdict('Test/GrantedToAnyone/Resource', NOT_PUBLIC)).toBe('failed');
      expect(run.verdict('Test/StringPolicy', NOT_PUBLIC)).toBe('failed');
    });
    test('passes a grant to any principal narrowed to an organization', () => {
      expect(run.verdict('Test/GrantedToOrganization/Resource', NOT_PUBLIC)).toBe('passed');
    });
    test('fails a condition that does not narrow (…IfExists)', () => {
      expect(run.verdict('Test/WeakCondition/Resource', NOT_PUBLIC)).toBe('failed');
    });
    test('Deny statements to any principal are fine', () => {
      expect(run.verdict('Test/DeniesAnyone/Resource', NOT_PUBLIC)).toBe('passed');
    });
    test('judges an override of the principal', () => {
      expect(run.verdict('Test/PrincipalOverridden/Resource', NOT_PUBLIC)).toBe('failed');
    });
    test('fails closed on an imported policy, and on a condition with a public branch', () => {
      expect(run.verdict('Test/ImportedPolicy', NOT_PUBLIC)).toBe('failed');
      expect(run.detail('Test/ImportedPolicy', NOT_PUBLIC)).toMatch(/not a literal document/);
      expect(run.verdict('Test/ConditionalPolicy', NOT_PUBLIC)).toBe('failed');
      expect(run.verdict('Test/ConditionalStatement', NOT_PUBLIC)).toBe('failed');
    });
  });
});
