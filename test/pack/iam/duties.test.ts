import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { MlPersonas, Persona } from '../../../index';
import { breaks, describeViolation, DUTIES, dutyViolations } from '../../../pack/iam/duties';
import { Decision } from '../../../pack/iam/evaluator';
import { Soc2MlChecks } from '../../../pack/soc2-ml-checks';
import { iamApp } from '../../helpers/iam-app';
import { mlScope } from '../../helpers/ml-scope';
import { runPack } from '../helpers';

const ROLE_TRUST = (principal: string) => ({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: { 'Fn::GetAtt': [principal, 'Arn'] } } }] });

describe('duties on the access matrix', () => {
  test('the small app keeps every duty', () => {
    expect(dutyViolations(iamApp()).map(describeViolation)).toEqual([]);
  });

  test('a role assumable by the data scientist that may approve models breaks "a data scientist cannot approve"', () => {
    const violations = dutyViolations(iamApp({
      Shortcut: { Type: 'AWS::IAM::Role', Properties: {
        AssumeRolePolicyDocument: ROLE_TRUST('DataScientist'),
        Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Sid: 'ApproveAnything', Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Resource: '*' }] } }],
      } },
    }));
    expect(violations.map((v) => [v.duty.id, v.subject.id, v.through.map((t) => t.id)])).toEqual([['DataScientistCannotApprove', 'Prod/DataScientist', ['Prod/Shortcut']]]);
    expect(describeViolation(violations[0])).toBe('Segregation of duties "a data scientist cannot approve a model package" is broken: Prod/DataScientist (data-scientist), through Prod/Shortcut (which it can assume), is allowed sagemaker:UpdateModelPackage on Prod/Group, by Prod/Shortcut (Properties/Policies/0/PolicyDocument) ApproveAnything (Allow).');
  });

  test('roles are followed through trust policies that name everyone, and through chains of roles', () => {
    const approve = { PolicyName: 'p', PolicyDocument: { Statement: [{ Sid: 'ApproveAnything', Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Resource: '*' }] } };
    const open = dutyViolations(iamApp({
      Open: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } }] }, Policies: [approve] } },
    }));
    expect(open.filter((v) => v.duty.id === 'DataScientistCannotApprove').map((v) => [v.subject.id, v.through.map((t) => t.id)])).toEqual([['Prod/DataScientist', ['Prod/Open']]]);
    const chained = dutyViolations(iamApp({
      Hop: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: ROLE_TRUST('DataScientist'), Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }] } },
      Approve: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: ROLE_TRUST('Hop'), Policies: [approve] } },
    }));
    expect(chained.map((v) => [v.duty.id, v.subject.id, v.through.map((t) => t.id)])).toEqual([['DataScientistCannotApprove', 'Prod/DataScientist', ['Prod/Hop', 'Prod/Approve']]]);
  });

  test('a workload role a persona trusts by ARN breaks "no workload role can assume a persona"', () => {
    const violations = dutyViolations(iamApp({
      Approver: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: ROLE_TRUST('Training'), Tags: [{ Key: 'Persona', Value: 'model-approver' }] } },
    }));
    expect(violations.map((v) => [v.duty.id, v.subject.id, v.cell.target.id])).toEqual([['WorkloadsCannotAssumePersonas', 'Prod/Training', 'Prod/Approver']]);
  });

  test('a decision resting only on an AWS-managed policy is not asserted; one on the app\'s own condition is', () => {
    expect(breaks({ decision: Decision.CONDITIONAL, keys: ['AWS-managed policy SecurityAudit'], statements: [] })).toBe(false);
    expect(breaks({ decision: Decision.CONDITIONAL, keys: ['sagemaker:ModelApprovalStatus'], statements: [] })).toBe(true);
    expect(breaks({ decision: Decision.DENIED, keys: [], statements: [] })).toBe(false);
  });

  test('every duty has words', () => {
    expect(DUTIES.every((d) => d.text.length > 10)).toBe(true);
  });
});

describe('a user\'s own code breaking segregation of duties fails synth', () => {
  function build(breakIt: (stack: Stack, personas: MlPersonas) => void) {
    return runPack((app: App) => {
      const stack = new Stack(app, 'Team', { env: { account: '111122223333', region: 'eu-west-1' } });
      const personas = new MlPersonas(stack, 'Personas', { ...mlScope(stack) });
      new sagemaker.CfnModelPackageGroup(stack, 'Group', { modelPackageGroupName: 'churn' });
      breakIt(stack, personas);
    });
  }

  const run = build((stack, personas) => {
    // A role of the user's own, assumable by the data scientist, that may approve model versions.
    const shortcut = new iam.Role(stack, 'Shortcut', { assumedBy: new iam.ArnPrincipal(personas.role(Persona.DATA_SCIENTIST).roleArn) });
    shortcut.addToPolicy(new iam.PolicyStatement({ sid: 'ApproveModels', actions: ['sagemaker:UpdateModelPackage'], resources: ['*'] }));
  });

  test('the finding names the duty, the principals and the statement', () => {
    const v = run.violations.find((x) => x.ruleName === 'IamSegregationOfDuties');
    expect(v?.severity).toBe('error');
    expect(v?.constructPaths).toEqual(['Team/Personas/DataScientist/Resource']);
    // Without path metadata (as in tests) principals are named by stack and logical id.
    expect(v?.description).toMatch(/"a data scientist cannot approve a model package" is broken: Team\/PersonasDataScientist\w+ \(data-scientist\), through Team\/Shortcut\w+ \(which it can assume\), is allowed sagemaker:UpdateModelPackage on Team\/Group, by Team\/ShortcutDefaultPolicy\w+ ApproveModels \(Allow\)/);
  });

  test('without the shortcut the personas keep every duty', () => {
    const clean = build(() => undefined);
    expect(clean.violations.filter((x) => x.ruleName === 'IamSegregationOfDuties')).toEqual([]);
    expect(clean.verdict('Team/Personas/DataScientist/Resource', 'IamSegregationOfDuties')).toBe('passed');
  });

  test('synth throws when the app fails on validation errors', () => {
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': true } });
    Validations.of(app).addPlugins(new Soc2MlChecks(app, { recordVerdicts: false }));
    const stack = new Stack(app, 'Team', { env: { account: '111122223333', region: 'eu-west-1' } });
    const personas = new MlPersonas(stack, 'Personas', { ...mlScope(stack) });
    new sagemaker.CfnModelPackageGroup(stack, 'Group', { modelPackageGroupName: 'churn' });
    // An override that removes the data scientist's denies (in whichever of its policies they sit) and lets it approve.
    for (const managed of personas.policies(Persona.DATA_SCIENTIST)) {
      const policy = managed.node.defaultChild as iam.CfnManagedPolicy;
      const resolved = stack.resolve(policy.policyDocument) as { Statement: { Effect: string }[] };
      policy.addPropertyOverride('PolicyDocument.Statement', [...resolved.Statement.filter((s) => s.Effect !== 'Deny'), { Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Resource: '*' }]);
    }
    expect(() => app.synth()).toThrow(/a data scientist cannot approve a model package" is broken: Team\/PersonasDataScientist[^]*Soc2Ml::IamSegregationOfDuties/);
  });
});
