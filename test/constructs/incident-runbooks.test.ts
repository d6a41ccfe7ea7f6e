import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IncidentRunbook, IncidentRunbooks } from '../../index';
import { REVOKE_POLICY_NAME } from '../../constructs/private/incident-runbook-documents';
import {
  assertDryRunChangesNothing, DRY_RUN_PARAMETER, dryRunSteps, isMutatingStep, RunbookContent, runbookActions, scriptCalls,
} from '../../constructs/private/runbook-model';
import { logicalId } from '../helpers/ml-scope';

/** The actions each runbook's steps call, written out here independently of the construct. */
const EXPECTED_CALLED_ACTIONS: Record<IncidentRunbook, string[]> = {
  [IncidentRunbook.ENDPOINT_ROLLBACK]: ['sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig', 'sagemaker:ListEndpointConfigs', 'sagemaker:UpdateEndpoint'],
  [IncidentRunbook.ENDPOINT_OUT_OF_SERVICE]: ['iam:DetachRolePolicy', 'iam:ListEntitiesForPolicy'],
  [IncidentRunbook.REVOKE_PERSONA_SESSIONS]: ['iam:GetRole', 'iam:PutRolePolicy'],
  [IncidentRunbook.QUARANTINE_DATA_PREFIX]: ['s3:GetBucketObjectLockConfiguration', 's3:GetBucketPolicy', 's3:ListBucketVersions', 's3:PutBucketPolicy', 's3:PutObjectLegalHold'],
  [IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE]: [
    'cloudtrail:LookupEvents', 's3:GetObject', 's3:ListBucket', 's3:PutObject',
    'sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig', 'sagemaker:DescribeModel', 'sagemaker:DescribeModelPackage',
  ],
};

/** KMS actions S3 or SageMaker perform with the caller's permissions: no step names them. */
const ON_BEHALF_ACTIONS: Record<IncidentRunbook, string[]> = {
  [IncidentRunbook.ENDPOINT_ROLLBACK]: ['kms:CreateGrant', 'kms:DescribeKey'],
  [IncidentRunbook.ENDPOINT_OUT_OF_SERVICE]: [],
  [IncidentRunbook.REVOKE_PERSONA_SESSIONS]: [],
  [IncidentRunbook.QUARANTINE_DATA_PREFIX]: [],
  [IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE]: ['kms:Decrypt', 'kms:GenerateDataKey'],
};

describe('IncidentRunbooks', () => {
  const stack = new Stack(new App(), 'S');
  const key = new kms.Key(stack, 'Key');
  const data = new s3.Bucket(stack, 'Data');
  const capture = new s3.Bucket(stack, 'Capture');
  const evidence = new s3.Bucket(stack, 'Evidence', { objectLockEnabled: true });
  const persona = new iam.Role(stack, 'Persona', { assumedBy: new iam.AccountRootPrincipal() });
  const invoke = new iam.ManagedPolicy(stack, 'Invoke', { statements: [new iam.PolicyStatement({ actions: ['sagemaker:InvokeEndpoint'], resources: ['*'] })] });
  const oncall = new iam.Role(stack, 'OnCall', { assumedBy: new iam.AccountRootPrincipal() });
  const runbooks = new IncidentRunbooks(stack, 'Runbooks', {
    environmentName: 'prod',
    endpointKeys: [key],
    invokePolicies: [invoke],
    personaRoles: [persona],
    dataBuckets: [data],
    forensicSourceBuckets: [capture],
    forensicSourceKeys: [key],
    evidenceStore: { bucket: evidence, encryptionKey: key },
    responders: [oncall],
  });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
  const documentOf = (r: IncidentRunbook) => resources[stack.resolve(runbooks.documents[r].logicalId)].Properties;
  const contentOf = (r: IncidentRunbook) => documentOf(r).Content as RunbookContent;
  const allowedActions = (r: IncidentRunbook): string[] => {
    const roleId = logicalId(stack, runbooks.roles[r]);
    const policies = Object.values(resources).filter((res) => res.Type === 'AWS::IAM::ManagedPolicy'
      && JSON.stringify(res.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
    const statements = policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[] }[] }).Statement);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    return [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();
  };

  test.each(Object.values(IncidentRunbook))('%s is an Automation document of schema 0.3, named for the environment, run as its own role', (r) => {
    const document = documentOf(r);
    expect(document).toMatchObject({ Name: `soc2ml-prod-${r}`, DocumentType: 'Automation', DocumentFormat: 'JSON', UpdateMethod: 'NewVersion' });
    const content = contentOf(r);
    expect(content.schemaVersion).toBe('0.3');
    expect(content.assumeRole).toEqual({ 'Fn::GetAtt': [logicalId(stack, runbooks.roles[r]), 'Arn'] });
    // Every {{Parameter}} a step names is declared, and every declared parameter has a description.
    const declared = Object.keys(content.parameters);
    const used = [...JSON.stringify(content.mainSteps).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
    expect(used.filter((p) => !declared.includes(p) && !content.mainSteps.some((s) => s.name === p))).toEqual([]);
    for (const [name, parameter] of Object.entries(content.parameters)) {
      expect([name, typeof parameter.description]).toEqual([name, 'string']);
      expect(['String', 'Boolean', 'StringList']).toContain(parameter.type);
    }
    expect(content.parameters[DRY_RUN_PARAMETER]).toMatchObject({ type: 'Boolean', default: true });
    // Step names are unique and every step is reachable from somewhere.
    const names = content.mainSteps.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test.each(Object.values(IncidentRunbook))('%s: its role allows exactly the actions its steps call', (r) => {
    const called = runbookActions(contentOf(r));
    expect(called).toEqual([...EXPECTED_CALLED_ACTIONS[r]].sort());
    expect(allowedActions(r)).toEqual([...called, ...ON_BEHALF_ACTIONS[r]].sort());
  });

  test.each(Object.values(IncidentRunbook))('%s: a dry run reaches no step that changes anything, and a real run does', (r) => {
    const content = contentOf(r);
    const reached = dryRunSteps(content);
    expect(reached.filter(isMutatingStep)).toEqual([]);
    expect(reached.map((s) => s.name)).toContain('DryRunEnds');
    // The changing steps exist: without the dry run they run.
    expect(content.mainSteps.filter(isMutatingStep).length).toBeGreaterThan(0);
    expect(() => assertDryRunChangesNothing(r, content)).not.toThrow();
  });

  test('a runbook whose dry run reaches a changing step is refused, naming the step', () => {
    const content = contentOf(IncidentRunbook.ENDPOINT_ROLLBACK);
    const ungated = { ...content, mainSteps: content.mainSteps.filter((s) => s.name !== 'ChangeOnlyWithoutDryRun' && s.name !== 'DryRunEnds') };
    expect(() => assertDryRunChangesNothing('x', ungated)).toThrow(/a dry run reaches UpdateEndpoint, .*BooleanEquals false/);
    const noDefault = { ...content, parameters: { ...content.parameters, [DRY_RUN_PARAMETER]: { type: 'Boolean', description: 'd', default: false } } };
    expect(() => assertDryRunChangesNothing('x', noDefault)).toThrow(/no DryRun parameter defaulting to true/);
  });

  test('script calls are read from the code, paginators included', () => {
    expect(scriptCalls("c = boto3.client('cloudtrail')\nc.get_paginator('lookup_events')\nx = boto3.client('s3')\nx.list_objects_v2(Bucket=b)\n")).toEqual([
      { service: 'cloudtrail', api: 'LookupEvents' }, { service: 's3', api: 'ListObjectsV2' },
    ]);
    expect(() => scriptCalls("x = boto3.client('ec2')")).toThrow(/boto3 client 'ec2'/);
  });

  test('roles are assumed only by Systems Manager automations of this account', () => {
    for (const role of Object.values(runbooks.roles)) {
      const trust = resources[logicalId(stack, role)].Properties.AssumeRolePolicyDocument as { Statement: { Principal: unknown; Condition: Record<string, Record<string, unknown>> }[] };
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0].Principal).toEqual({ Service: 'ssm.amazonaws.com' });
      expect(trust.Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
      expect(JSON.stringify(trust.Statement[0].Condition.ArnLike)).toContain(':automation-execution/*');
    }
  });

  test('the out-of-service role detaches only invoke policies; the revoke role touches only persona roles', () => {
    const policy = Object.values(resources).find((res) => res.Type === 'AWS::IAM::ManagedPolicy'
      && JSON.stringify(res.Properties.Roles) === JSON.stringify([{ Ref: logicalId(stack, runbooks.roles[IncidentRunbook.ENDPOINT_OUT_OF_SERVICE]) }]))!;
    const detach = (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Condition?: Record<string, Record<string, unknown[]>> }[] }).Statement.find((s) => s.Action === 'iam:DetachRolePolicy')!;
    expect(detach.Condition!.ArnLike['iam:PolicyARN']).toEqual([{ Ref: logicalId(stack, invoke) }, expect.objectContaining({ 'Fn::Join': expect.anything() })]);
    expect(JSON.stringify(detach.Condition!.ArnLike['iam:PolicyARN'][1])).toContain(':policy/prod-invoke-*');
    const revoke = contentOf(IncidentRunbook.REVOKE_PERSONA_SESSIONS);
    expect(revoke.parameters.RoleName.allowedValues).toEqual([{ Ref: logicalId(stack, persona) }]);
    const deny = revoke.mainSteps.find((s) => s.name === 'DenyOlderSessions')!;
    expect(deny.inputs.PolicyName).toBe(REVOKE_POLICY_NAME);
    expect(JSON.parse(String(deny.inputs.PolicyDocument).replace('{{Now.Time}}', '2024-01-01T00:00:00Z')).Statement[0]).toEqual({
      Sid: 'RevokeOlderSessions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' } },
    });
  });

  test('the quarantine deny exempts the forensic and quarantine runbooks only', () => {
    const plan = contentOf(IncidentRunbook.QUARANTINE_DATA_PREFIX).mainSteps.find((s) => s.name === 'Plan')!;
    expect((plan.inputs.InputPayload as Record<string, unknown>).Exempt).toEqual({
      'Fn::Join': ['', [
        { 'Fn::GetAtt': [logicalId(stack, runbooks.roles[IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE]), 'Arn'] }, ',',
        { 'Fn::GetAtt': [logicalId(stack, runbooks.roles[IncidentRunbook.QUARANTINE_DATA_PREFIX]), 'Arn'] },
      ]],
    });
  });

  test('responders may start the runbooks, follow their executions and pass their roles to Systems Manager only', () => {
    const policy = resources[logicalId(stack, runbooks.startPolicy)].Properties;
    expect(policy.Roles).toEqual([{ Ref: logicalId(stack, oncall) }]);
    const statements = (policy.PolicyDocument as { Statement: { Action: unknown; Condition?: unknown; Resource: unknown }[] }).Statement;
    expect(statements.map((s) => s.Action)).toEqual([
      'ssm:StartAutomationExecution',
      ['ssm:GetAutomationExecution', 'ssm:DescribeAutomationStepExecutions', 'ssm:StopAutomationExecution'],
      'iam:PassRole',
    ]);
    expect(statements[2].Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } });
    expect(statements[2].Resource).toHaveLength(5);
    expect(JSON.stringify(statements[0].Resource)).toContain('automation-definition/soc2ml-prod-EndpointRollback:*');
  });

  test('a runbook with nothing to act on is refused, naming the prop', () => {
    const s = new Stack(new App(), 'T');
    const k = new kms.Key(s, 'K');
    const b = new s3.Bucket(s, 'B');
    expect(() => new IncidentRunbooks(s, 'R', {
      environmentName: 'prod', endpointKeys: [k], personaRoles: [], dataBuckets: [b], forensicSourceBuckets: [b], forensicSourceKeys: [k],
      evidenceStore: { bucket: b, encryptionKey: k },
    })).toThrow(/personaRoles is \[\]: pass the persona roles/);
  });
});
