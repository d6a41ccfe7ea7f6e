/*
 * The default app with people and an identity provider named in context, under every rule pack it
 * applies (CloudFormation Validate stays in default-app.suite.ts): what the shipped cdk.json leaves
 * out, because a fresh account has no people yet.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { buildDefaultApp, DefaultApp } from '../../platform/default-app';
import { cdkJsonContext, documentationText, listedAcknowledgementId, tempOutdir } from '../helpers/app-context';

const people = [
  { name: 'alice@example.com', personas: ['data-scientist'] },
  { name: 'bob@example.com', personas: ['ml-engineer', 'platform-admin'], environments: ['staging', 'prod'] },
  { name: 'carol@example.com', personas: ['model-approver'] },
  { name: 'dan@example.com', personas: ['auditor'] },
];
const saml = 'arn:aws:iam::111111111111:saml-provider/Okta';

let built: DefaultApp;
/** The environments' templates, in the order of built.environments. */
let templates: Template[];
let reports: { pluginName: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[];
let app: App;

beforeAll(() => {
  const outdir = tempOutdir();
  app = new App({ outdir, context: cdkJsonContext({
    '@aws-cdk/core:failSynthOnValidationErrors': false,
    'soc2ml:people': people,
    'soc2ml:identityProvider': { type: 'saml', arn: saml },
  }) });
  built = buildDefaultApp(app);
  app.synth();
  templates = built.environments.map((stack) => Template.fromStack(stack));
  const file = path.join(outdir, 'validation-report.json');
  reports = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')).pluginReports : [];
});

describe('the default app with people and an identity provider', () => {
  test('no rule pack reports an unacknowledged error', () => {
    expect(reports.map((r) => r.pluginName)).toEqual(expect.arrayContaining(['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']));
    const errors = reports.flatMap((r) => r.violations.filter((v) => v.severity === 'error').map((v) => `${r.pluginName} ${v.ruleName} on ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
    expect(errors).toEqual([]);
  });

  test('every acknowledgement it adds is listed in the README with its reason', () => {
    const readme = documentationText();
    const acks: { id: string; reason: string; at: string }[] = [];
    for (const c of app.node.findAll() as IConstruct[]) {
      for (const m of c.node.metadata.filter((x) => x.type === 'aws:cdk:acknowledged-rules')) {
        acks.push(...Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason, at: c.node.path })));
      }
    }
    for (const ack of acks) {
      const id = listedAcknowledgementId(ack.id, ack.at);
      expect({ id: ack.id, listed: readme.includes(`\`${id}\``), reasonListed: readme.includes(ack.reason) }).toEqual({ id: ack.id, listed: true, reasonListed: true });
    }
  });

  test('every managed policy stays under IAM\'s 6,144-character limit however long its references resolve', () => {
    // Each reference counted at 100 characters (longer than any ARN or id it can resolve to here).
    const text = (node: unknown): string => {
      if (typeof node === 'string') return node;
      if (Array.isArray(node)) return `[${node.map((n) => JSON.stringify(typeof n === 'string' ? n : text(n))).join(',')}]`;
      const o = node as Record<string, unknown>;
      if (o['Fn::Join']) return (o['Fn::Join'] as [string, unknown[]])[1].map(text).join((o['Fn::Join'] as [string])[0]);
      if (o.Ref === 'AWS::Partition' || o.Ref === 'AWS::Region' || o.Ref === 'AWS::AccountId') return 'x'.repeat(14);
      if (o.Ref !== undefined || o['Fn::GetAtt'] !== undefined) return 'x'.repeat(100);
      return `{${Object.entries(o).map(([k, v]) => `"${k}":${typeof v === 'string' ? JSON.stringify(v) : text(v)}`).join(',')}}`;
    };
    const sizes = templates.flatMap((template) => Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))
      .map(([id, p]) => ({ id, size: text(p.Properties.PolicyDocument).replace(/\s/g, '').length })));
    expect(sizes.length).toBeGreaterThan(20);
    expect(sizes.filter((s) => s.size > 6144)).toEqual([]);
  });

  test('persona roles trust the SAML provider for console sign-in', () => {
    const prod = templates[2];
    prod.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'soc2ml-prod-model-approver',
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRoleWithSAML', Effect: 'Allow', Principal: { Federated: saml }, Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }] },
    });
  });

  test('each person who works in Studio gets a profile in their environments, with their persona; auditors get none', () => {
    const profiles = templates.map((template) => Object.values(template.findResources('AWS::SageMaker::UserProfile'))
      .map((p) => [p.Properties.UserProfileName, p.Properties.Tags.find((t: { Key: string }) => t.Key === 'Persona').Value]).sort());
    expect(profiles).toEqual([
      [['alice-example-com', 'data-scientist'], ['carol-example-com', 'model-approver']],
      [['alice-example-com', 'data-scientist'], ['bob-example-com', 'ml-engineer'], ['carol-example-com', 'model-approver']],
      [['alice-example-com', 'data-scientist'], ['bob-example-com', 'ml-engineer'], ['carol-example-com', 'model-approver']],
    ]);
  });

  test('synth refuses a person who would approve their own models', () => {
    expect(() => buildDefaultApp(new App({ context: { 'soc2ml:people': [{ name: 'eve', personas: ['model-approver', 'data-scientist'] }] } })))
      .toThrow(/soc2ml:people\[0\] \("eve"\) holds personas model-approver and data-scientist, which segregation of duties keeps apart/);
  });
});
