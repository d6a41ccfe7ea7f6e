import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iamRoles from 'aws-cdk-lib/aws-iam';
import { MlPersonas, MlPersonasProps, MlWorkloadRoles, Persona, PersonaTrust, SageMakerGuardrails, SecurityAlertTopic } from '../../index';
import { logicalId, mlScope } from '../helpers/ml-scope';
import { runPackOnStack } from '../pack/helpers';

type Statement = { Sid?: string; Effect: string; Action?: string | string[]; NotAction?: string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function build(props: Partial<MlPersonasProps> = {}) {
  const stack = new Stack(new App(), 'S');
  const scope = mlScope(stack);
  const guardrails = new SageMakerGuardrails(stack, 'Guardrails', { subnets: scope.subnets, securityGroups: [scope.securityGroup], volumeKeys: [scope.dataKey], outputKeys: [scope.modelsKey] });
  const workload = new MlWorkloadRoles(stack, 'Workload', scope);
  const personas = new MlPersonas(stack, 'Personas', {
    ...scope,
    guardrails,
    trainingRole: workload.training,
    modelBuildRole: workload.modelBuild,
    inferenceRole: workload.inference,
    monitoringRole: workload.monitoring,
    alerts: new SecurityAlertTopic(stack, 'Alerts'),
    ...props,
  });
  const template = Template.fromStack(stack);
  const statementsOf = (persona: Persona): Statement[] => personas.policies(persona)
    .flatMap((p) => template.toJSON().Resources[logicalId(stack, p)].Properties.PolicyDocument.Statement);
  return { stack, scope, personas, workload, guardrails, template, statementsOf };
}

const ALL = Object.values(Persona);

describe('MlPersonas', () => {
  const { stack, personas, workload, guardrails, template, statementsOf } = build({ production: true });
  const allows = (p: Persona) => statementsOf(p).filter((s) => s.Effect === 'Allow');
  const denies = (p: Persona) => statementsOf(p).filter((s) => s.Effect === 'Deny');
  const allowedActions = (p: Persona) => allows(p).flatMap((s) => list(s.Action));

  test('one role per persona, named soc2ml-<environment>-<persona>, tagged Persona, one-hour sessions', () => {
    for (const persona of ALL) {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `soc2ml-prod-${persona}`,
        MaxSessionDuration: 3600,
        Tags: Match.arrayWith([{ Key: 'Persona', Value: persona }]),
      });
    }
  });

  test('people assume a persona role only with MFA used within the hour, in a session named after their user', () => {
    const role = template.toJSON().Resources[logicalId(stack, personas.role(Persona.DATA_SCIENTIST))];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
      Condition: {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
        StringLike: { 'sts:RoleSessionName': '${aws:username}' },
      },
    }]);
  });

  test('the data scientist, ML engineer and approver have a Studio execution role that names the person (source identity); the auditor and admin none', () => {
    for (const persona of [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER, Persona.MODEL_APPROVER]) {
      const role = template.toJSON().Resources[logicalId(stack, personas.executionRole(persona)!)];
      expect(role.Properties.AssumeRolePolicyDocument.Statement.map((s: Statement) => [s.Action, (s as unknown as { Principal: unknown }).Principal])).toEqual([
        ['sts:AssumeRole', { Service: 'sagemaker.amazonaws.com' }],
        ['sts:SetSourceIdentity', { Service: 'sagemaker.amazonaws.com' }],
      ]);
    }
    expect(personas.executionRole(Persona.AUDITOR)).toBeUndefined();
    expect(personas.executionRole(Persona.PLATFORM_ADMIN)).toBeUndefined();
  });

  test('a persona\'s permissions and the guardrails are attached to its role and its Studio execution role, as managed policies', () => {
    expect(guardrails.policies.length).toBeGreaterThan(0);
    for (const persona of ALL) {
      const roles = [personas.role(persona), ...(personas.executionRole(persona) ? [personas.executionRole(persona)!] : [])].map((r) => ({ Ref: logicalId(stack, r) }));
      for (const policy of [...personas.policies(persona), ...guardrails.policies]) {
        expect(template.toJSON().Resources[logicalId(stack, policy)].Properties.Roles).toEqual(expect.arrayContaining(roles));
      }
    }
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('only the model approver may change a model version\'s approval status, and only to Approved or Rejected', () => {
    for (const persona of ALL) {
      const updating = allows(persona).filter((s) => list(s.Action).includes('sagemaker:UpdateModelPackage'));
      if (persona === Persona.MODEL_APPROVER) {
        expect(updating).toEqual([expect.objectContaining({
          Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': ['Approved', 'Rejected'] } },
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*/prod-*']] },
        })]);
      } else {
        expect({ persona, updating }).toEqual({ persona, updating: [] });
      }
    }
    for (const persona of [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER, Persona.PLATFORM_ADMIN]) {
      expect(denies(persona)).toContainEqual(expect.objectContaining({
        Sid: 'SegregationOfDutiesNoApproval',
        Action: ['sagemaker:UpdateModelPackage', 'sagemaker:PutModelPackageGroupPolicy', 'sagemaker:DeleteModelPackageGroupPolicy'],
        Resource: '*',
      }));
    }
  });

  test('the ML engineer registers model versions as PendingManualApproval only; any other status is denied (the admin too)', () => {
    expect(allows(Persona.ML_ENGINEER)).toContainEqual(expect.objectContaining({
      Action: 'sagemaker:CreateModelPackage',
      Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
    }));
    for (const persona of [Persona.ML_ENGINEER, Persona.PLATFORM_ADMIN]) {
      expect(denies(persona)).toContainEqual(expect.objectContaining({
        Sid: 'DenyRegisteringOtherThanPending',
        Action: 'sagemaker:CreateModelPackage',
        Condition: { StringNotEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
      }));
    }
    expect(allowedActions(Persona.DATA_SCIENTIST)).not.toContain('sagemaker:CreateModelPackage');
  });

  test('the approver cannot train, register, change or deploy models, nor write artifacts or images', () => {
    const [changes] = denies(Persona.MODEL_APPROVER).filter((s) => s.Sid === 'SegregationOfDutiesNoModelChanges');
    expect(changes.Action).toEqual(expect.arrayContaining([
      'sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob', 'sagemaker:CreateHyperParameterTuningJob', 'sagemaker:CreateModel',
      'sagemaker:DeleteModel', 'sagemaker:CreateModelPackage', 'sagemaker:DeleteModelPackage', 'sagemaker:StartPipelineExecution',
      'sagemaker:CreateEndpoint', 'sagemaker:UpdateEndpoint', 'sagemaker:CreateEndpointConfig',
    ]));
    expect(denies(Persona.MODEL_APPROVER)).toContainEqual(expect.objectContaining({
      Sid: 'SegregationOfDutiesNoArtifactWrites', Action: expect.arrayContaining(['s3:PutObject', 's3:DeleteObject', 'ecr:PutImage']), Resource: '*',
    }));
    expect(allowedActions(Persona.MODEL_APPROVER).filter((a) => /^sagemaker:(Create|Delete|Start|Stop|Put)|^s3:Put|^ecr:Put/.test(a))).toEqual([]);
  });

  test('in production, data scientists are explicitly denied every deployment action', () => {
    expect(denies(Persona.DATA_SCIENTIST)).toContainEqual({
      Sid: 'SegregationOfDutiesNoProductionDeployment', Effect: 'Deny', Resource: '*',
      Action: ['sagemaker:CreateEndpointConfig', 'sagemaker:DeleteEndpointConfig', 'sagemaker:CreateEndpoint', 'sagemaker:UpdateEndpoint', 'sagemaker:UpdateEndpointWeightsAndCapacities', 'sagemaker:DeleteEndpoint', 'sagemaker:CreateInferenceComponent', 'sagemaker:UpdateInferenceComponent'],
    });
    const dev = build({ production: false });
    expect(dev.statementsOf(Persona.DATA_SCIENTIST).map((s) => s.Sid)).not.toContain('SegregationOfDutiesNoProductionDeployment');
    expect(dev.statementsOf(Persona.DATA_SCIENTIST).flatMap((s) => (s.Effect === 'Allow' ? list(s.Action) : []))).not.toContain('sagemaker:CreateEndpoint');
  });

  test('the auditor reads and changes nothing: every allowed action reads, and everything that is not a read is denied', () => {
    expect(allowedActions(Persona.AUDITOR).filter((a) => !/:(Describe|Get|List|Search|BatchDescribe|LookupEvents|SelectResourceConfig|FilterLogEvents|StartQuery|StopQuery)/.test(a))).toEqual([]);
    const [readOnly] = denies(Persona.AUDITOR);
    expect(readOnly.Sid).toBe('SegregationOfDutiesReadOnly');
    expect(readOnly.Resource).toBe('*');
    expect(readOnly.NotAction!.filter((a) => !/:(Describe|Get|List)\*$|^sagemaker:(Search|BatchDescribeModelPackage)$|^logs:(FilterLogEvents|StartQuery|StopQuery)$|^cloudtrail:LookupEvents$|^config:(SelectResourceConfig|BatchGetResourceConfig)$|^iam:(Generate|Simulate)|^access-analyzer:ValidatePolicy$/.test(a))).toEqual([]);
    expect(readOnly.NotAction).toEqual(expect.arrayContaining(['sagemaker:Describe*', 's3:List*', 'iam:Get*', 'cloudtrail:LookupEvents']));
    // Every read the auditor is given survives the denial.
    const survives = (action: string) => readOnly.NotAction!.some((n) => new RegExp(`^${n.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(action));
    expect(allowedActions(Persona.AUDITOR).filter((a) => !survives(a))).toEqual([]);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'soc2ml-prod-auditor',
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/SecurityAudit']] }],
    });
  });

  test('roles are passed only to SageMaker, and only the ones each persona needs', () => {
    const passed = (persona: Persona) => allows(persona).filter((s) => list(s.Action).includes('iam:PassRole'));
    const ref = (r: iam.IRole) => ({ 'Fn::GetAtt': [logicalId(stack, r), 'Arn'] });
    expect(passed(Persona.DATA_SCIENTIST)).toEqual([expect.objectContaining({
      Resource: [ref(workload.training), ref(personas.executionRole(Persona.DATA_SCIENTIST)!)],
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    })]);
    expect(passed(Persona.ML_ENGINEER)[0].Resource).toEqual([ref(workload.training), ref(workload.modelBuild), ref(workload.inference), ref(workload.monitoring), ref(personas.executionRole(Persona.ML_ENGINEER)!)]);
    expect(passed(Persona.MODEL_APPROVER)).toEqual([]);
    expect(passed(Persona.AUDITOR)).toEqual([]);
  });

  test('SageMaker permissions name the environment\'s resources (<environment>-*), never another environment\'s', () => {
    const envArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*/prod-*']] };
    for (const persona of [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER]) {
      const creating = allows(persona).filter((s) => list(s.Action).includes('sagemaker:CreateTrainingJob'));
      expect(creating.map((s) => s.Resource)).toEqual([envArn]);
    }
  });

  test('the break-glass admin has full access to the ML services only (no IAM writes), and every assumption is announced', () => {
    const [full] = allows(Persona.PLATFORM_ADMIN);
    expect(full.Action).toEqual(['sagemaker:*', 's3:*', 'kms:*', 'ecr:*', 'logs:*', 'cloudwatch:*', 'events:*', 'sns:*', 'glue:*', 'athena:*', 'ec2:*', 'application-autoscaling:*', 'elasticfilesystem:*']);
    expect(allowedActions(Persona.PLATFORM_ADMIN).filter((a) => a.startsWith('iam:') && !/^iam:(Get|List|PassRole)/.test(a))).toEqual([]);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.sts'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'],
          requestParameters: { roleArn: [{ 'Fn::GetAtt': [logicalId(stack, personas.role(Persona.PLATFORM_ADMIN)), 'Arn'] }] },
        },
      },
      Targets: [Match.objectLike({ InputTransformer: Match.objectLike({ InputTemplate: Match.stringLikeRegexp('Break-glass: <detail-userIdentity-arn> assumed the platform-admin role of prod') }) })],
    });
  });

  test('refuses people who break segregation of duties, naming the person, the personas and the fix', () => {
    expect(() => build({ people: [{ name: 'alice', personas: [Persona.MODEL_APPROVER, Persona.DATA_SCIENTIST] }] }))
      .toThrow(/people\[0\] \("alice"\) holds personas model-approver and data-scientist, which segregation of duties keeps apart: an approver must not approve models they trained\. Give the two personas to different people, or remove one of them from "alice"\./);
    expect(() => build({ people: [{ name: 'bob', personas: [Persona.MODEL_APPROVER, Persona.ML_ENGINEER] }] })).toThrow(/holds personas model-approver and ml-engineer/);
    expect(() => build({ people: [{ name: 'carol', personas: [Persona.PLATFORM_ADMIN, Persona.MODEL_APPROVER] }] })).toThrow(/holds personas model-approver and platform-admin/);
    expect(() => build({ people: [{ name: 'dan', personas: [Persona.AUDITOR, Persona.PLATFORM_ADMIN] }] })).toThrow(/holds personas auditor and platform-admin/);
  });
});

describe('PersonaTrust', () => {
  test('SAML: console federation through the provider, audience-bound', () => {
    const stack = new Stack(new App(), 'S');
    const provider = iamRoles.SamlProvider.fromSamlProviderArn(stack, 'Idp', 'arn:aws:iam::111111111111:saml-provider/Okta');
    const { template, personas } = build({ trust: PersonaTrust.saml(provider) });
    const role = template.toJSON().Resources[logicalId(personas.role(Persona.ML_ENGINEER).stack, personas.role(Persona.ML_ENGINEER))];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRoleWithSAML',
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111111111111:saml-provider/Okta' },
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }]);
  });

  test('OIDC: tokens issued to the given audience only', () => {
    const stack = new Stack(new App(), 'S');
    const provider = iamRoles.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'Idp', 'arn:aws:iam::111111111111:oidc-provider/login.example.com');
    const { template, personas } = build({ trust: PersonaTrust.oidc(provider, 'ml-platform') });
    const role = template.toJSON().Resources[logicalId(personas.role(Persona.AUDITOR).stack, personas.role(Persona.AUDITOR))];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRoleWithWebIdentity',
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/login.example.com' },
      Condition: { StringEquals: { 'login.example.com:aud': 'ml-platform' } },
    }]);
    expect(() => PersonaTrust.oidc(provider, '')).toThrow(/audience is "": pass the client id/);
    const created = new iamRoles.OpenIdConnectProvider(stack, 'New', { url: 'https://login.example.org', clientIds: ['x'] });
    expect(() => PersonaTrust.oidc(created, 'x')).toThrow(/provider is an OIDC provider whose ARN is only known at deploy time/);
  });

  test('MFA users of an identity account', () => {
    const { template, personas } = build({ trust: PersonaTrust.accountWithMfa('111111111111') });
    const role = template.toJSON().Resources[logicalId(personas.role(Persona.AUDITOR).stack, personas.role(Persona.AUDITOR))];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } });
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    expect(() => PersonaTrust.accountWithMfa('acme')).toThrow(/accountId is "acme": an AWS account id is 12 digits/);
  });
});

describe('MlPersonas under the pack', () => {
  const run = runPackOnStack((stack) => {
    const scope = mlScope(stack);
    new MlPersonas(stack, 'Personas', scope);
  });

  test('persona roles pass IamHumanTrustRequiresMfa, and no policy grants administrator access', () => {
    for (const persona of ['DataScientist', 'MlEngineer', 'ModelApprover', 'Auditor', 'PlatformAdmin']) {
      expect(run.verdict(`Test/Personas/${persona}/Resource`, 'IamHumanTrustRequiresMfa')).toBe('passed');
      expect(run.verdict(`Test/Personas/${persona}Policy/Resource`, 'IamNoAdminStatements')).toBe('passed');
    }
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/Personas/')))).toEqual([]);
  });
});
