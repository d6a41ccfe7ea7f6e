import { ArnFormat, CfnCondition, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { PackRun, runPack } from '../../helpers';

const ROTATION = 'SecretRotation';
const PUBLIC = 'SecretPolicyNotPublic';
const ORG = 'o-a1b2c3d4e5';

describe('Secrets Manager controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPack((app) => {
      // The rotation application of addRotationSingleUser needs a region-specific stack.
      const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
      const rotator = lambda.Function.fromFunctionArn(stack, 'Rotator', stack.formatArn({ service: 'lambda', resource: 'function', resourceName: 'rotator', arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
      const secret = (id: string) => new secretsmanager.Secret(stack, id);
      // Decided only at deploy time (a parameter): the schedule may or may not exist.
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(new CfnParameter(stack, 'Environment').valueAsString, 'prod') });
      // Decided at synth (the stack's region is literal): the schedule is never created.
      const inEurope = new CfnCondition(stack, 'InEurope', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
      (secret('RotatedInEurope').addRotationSchedule('Rotation', { rotationLambda: rotator }).node.defaultChild as secretsmanager.CfnRotationSchedule)
        .cfnOptions.condition = inEurope;

      secret('Rotated').addRotationSchedule('Rotation', { rotationLambda: rotator, automaticallyAfter: Duration.days(30) });
      secret('NotRotated');
      (secret('RotatedConditionally').addRotationSchedule('Rotation', { rotationLambda: rotator }).node.defaultChild as secretsmanager.CfnRotationSchedule)
        .cfnOptions.condition = isProd;
      (secret('RotationRulesRemoved').addRotationSchedule('Rotation', { rotationLambda: rotator }).node.defaultChild as secretsmanager.CfnRotationSchedule)
        .addPropertyDeletionOverride('RotationRules');
      // A schedule for another secret does not rotate this one.
      const other = secret('Other');
      new secretsmanager.CfnRotationSchedule(stack, 'OtherRotation', { secretId: other.secretArn, rotationLambdaArn: rotator.functionArn, rotationRules: { automaticallyAfterDays: 30 } });
      secret('Neighbour');

      // A database's generated secret rotated by addRotationSingleUser: the schedule names its attachment.
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0a1b2c3d4e5f67890', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d4e5f67890', 'subnet-0a1b2c3d4e5f67891'] });
      const database = (id: string) => new rds.DatabaseInstance(stack, id, { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }), vpc });
      database('RotatedDatabase').addRotationSingleUser();
      database('UnrotatedDatabase');

      // Resource policies
      const withStatement = (id: string, statement: iam.PolicyStatement) => {
        const s = secret(id);
        s.addToResourcePolicy(statement);
        return s.node.findChild('Policy').node.defaultChild as secretsmanager.CfnResourcePolicy;
      };
      const read = (principal: iam.IPrincipal, conditions?: Record<string, unknown>) => new iam.PolicyStatement({ principals: [principal], actions: ['secretsmanager:GetSecretValue'], resources: ['*'], conditions });
      withStatement('AccountPolicy', read(new iam.AccountPrincipal('222222222222')));
      withStatement('PublicPolicy', read(new iam.AnyPrincipal()));
      withStatement('OrgPolicy', read(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': ORG } }));
      withStatement('NotOrgPolicy', read(new iam.AnyPrincipal(), { StringNotEquals: { 'aws:PrincipalOrgID': ORG } }));
      withStatement('JsonStringPolicy', read(new iam.AccountPrincipal('222222222222'))).addPropertyOverride('ResourcePolicy',
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }));
      const document = new CfnParameter(stack, 'PolicyDocument', { type: 'String' });
      withStatement('ParameterPolicy', read(new iam.AccountPrincipal('222222222222'))).addPropertyOverride('ResourcePolicy', document.valueAsString);
    });
  });

  describe(ROTATION, () => {
    test('passes a secret with a rotation schedule and fails one without, differing only in the schedule', () => {
      expect(run.verdict('Test/Rotated/Resource', ROTATION)).toBe('passed');
      expect(run.verdict('Test/NotRotated/Resource', ROTATION)).toBe('failed');
      expect(run.detail('Test/NotRotated/Resource', ROTATION)).toMatch(/No AWS::SecretsManager::RotationSchedule/);
    });
    test('finds the schedule addRotationSingleUser writes for a database secret, through its attachment', () => {
      expect(run.verdict('Test/RotatedDatabase/Secret/Resource', ROTATION)).toBe('passed');
      expect(run.verdict('Test/UnrotatedDatabase/Secret/Resource', ROTATION)).toBe('failed');
    });
    test('fails a schedule that exists only under a condition, and one without rotation rules', () => {
      expect(run.detail('Test/RotatedConditionally/Resource', ROTATION)).toMatch(/only when condition IsProd holds/);
      expect(run.detail('Test/RotationRulesRemoved/Resource', ROTATION)).toMatch(/no RotationRules/);
    });
    test('a schedule under a condition decided false at synth is never created: the secret is not rotated', () => {
      expect(run.detail('Test/RotatedInEurope/Resource', ROTATION)).toMatch(/No AWS::SecretsManager::RotationSchedule/);
    });
    test('a schedule rotates only the secret it names', () => {
      expect(run.verdict('Test/Other/Resource', ROTATION)).toBe('passed');
      expect(run.verdict('Test/Neighbour/Resource', ROTATION)).toBe('failed');
    });
  });

  describe(PUBLIC, () => {
    test('passes a named account and everyone narrowed to the organization; fails everyone', () => {
      expect(run.verdict('Test/AccountPolicy/Policy/Resource', PUBLIC)).toBe('passed');
      expect(run.verdict('Test/OrgPolicy/Policy/Resource', PUBLIC)).toBe('passed');
      expect(run.verdict('Test/PublicPolicy/Policy/Resource', PUBLIC)).toBe('failed');
      expect(run.detail('Test/PublicPolicy/Policy/Resource', PUBLIC)).toMatch(/allows any principal/);
    });
    test('a negated condition does not narrow', () => {
      expect(run.verdict('Test/NotOrgPolicy/Policy/Resource', PUBLIC)).toBe('failed');
    });
    test('reads a policy written as a JSON string, and fails closed on one from a parameter', () => {
      expect(run.verdict('Test/JsonStringPolicy/Policy/Resource', PUBLIC)).toBe('failed');
      expect(run.detail('Test/ParameterPolicy/Policy/Resource', PUBLIC)).toMatch(/cannot be shown not to be public/);
    });
  });
});
