import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * EventBusPolicyNotPublic over the three ways a bus policy is written: the L2's
 * `addToResourcePolicy` (an AWS::Events::EventBusPolicy with `Statement`), the deprecated
 * `Principal`/`Condition` form, and the bus's own `Policy`.
 */

const RULE = 'EventBusPolicyNotPublic';
const ORG = { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const bus = (id: string, principal: iam.IPrincipal, conditions?: Record<string, unknown>) => {
        const b = new events.EventBus(stack, id);
        b.addToResourcePolicy(new iam.PolicyStatement({ sid: 'Put', principals: [principal], actions: ['events:PutEvents'], resources: [b.eventBusArn], conditions }));
        return b;
      };
      const policyOf = (b: events.EventBus) => b.node.findChild('cdk-Put').node.defaultChild as events.CfnEventBusPolicy;

      // L2: the same bus, the principal or condition changed.
      bus('OrganizationBus', new iam.OrganizationPrincipal('o-a1b2c3d4e5'));
      bus('AnyoneBus', new iam.AnyPrincipal());
      bus('AccountBus', new iam.AccountPrincipal('111111111111'));
      bus('AnyoneOfAccountBus', new iam.AnyPrincipal(), { StringEquals: { 'aws:SourceAccount': '111111111111' } });
      policyOf(bus('ConditionRemovedBus', new iam.OrganizationPrincipal('o-a1b2c3d4e5'))).addPropertyDeletionOverride('Statement.Condition');
      policyOf(bus('ImportedStatementBus', new iam.AccountPrincipal('111111111111'))).addPropertyOverride('Statement', Fn.importValue('SharedStatement'));
      policyOf(bus('StringStatementBus', new iam.AccountPrincipal('111111111111')))
        .addPropertyOverride('Statement', JSON.stringify({ Sid: 'Put', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: '*' }));
      policyOf(bus('ConditionalStatementBus', new iam.AccountPrincipal('111111111111')))
        .addPropertyOverride('Statement.Principal', Fn.conditionIf(useFeature.logicalId, { AWS: '111111111111' }, '*'));

      // The deprecated form of AWS::Events::EventBusPolicy.
      const legacy = (id: string, principal: string, condition?: events.CfnEventBusPolicy.ConditionProperty) =>
        new events.CfnEventBusPolicy(stack, id, { statementId: id, action: 'events:PutEvents', principal, condition });
      legacy('LegacyEveryone', '*');
      legacy('LegacyOrganization', '*', { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: 'o-a1b2c3d4e5' });
      legacy('LegacyAccount', '111111111111');
      const account = new CfnParameter(stack, 'PartnerAccount', { type: 'String' });
      legacy('LegacyParameterAccount', account.valueAsString);

      // The bus's own Policy (L1, and an override on the L2's bus).
      const document = (principal: unknown, condition?: object) => ({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Put', Effect: 'Allow', Principal: principal, Action: 'events:PutEvents', Resource: '*', ...(condition ? { Condition: condition } : {}) }],
      });
      new events.CfnEventBus(stack, 'L1OpenBus', { name: 'open', policy: document('*') });
      new events.CfnEventBus(stack, 'L1OrganizationBus', { name: 'org', policy: document('*', ORG) });
      new events.CfnEventBus(stack, 'L1NoPolicyBus', { name: 'none' });
      (new events.EventBus(stack, 'PolicyOverrideBus').node.defaultChild as events.CfnEventBus).addPropertyOverride('Policy', document({ AWS: '*' }));
    });
  });

  const policy = (id: string) => `Test/${id}/cdk-Put/Resource`;

  test('passes an organization, an account, and * narrowed by aws:SourceAccount (L2 addToResourcePolicy)', () => {
    expect(run.verdict(policy('OrganizationBus'), RULE)).toBe('passed');
    expect(run.verdict(policy('AccountBus'), RULE)).toBe('passed');
    expect(run.verdict(policy('AnyoneOfAccountBus'), RULE)).toBe('passed');
  });
  test('fails AnyPrincipal, and the organization grant with its condition removed by override', () => {
    expect(run.verdict(policy('AnyoneBus'), RULE)).toBe('failed');
    expect(run.detail(policy('AnyoneBus'), RULE)).toMatch(/statement cdk-Put allows any principal/);
    expect(run.verdict(policy('ConditionRemovedBus'), RULE)).toBe('failed');
  });
  test('reads a statement written as a JSON string, fails a public Fn::If branch, and fails closed on an import', () => {
    expect(run.verdict(policy('StringStatementBus'), RULE)).toBe('failed');
    expect(run.verdict(policy('ConditionalStatementBus'), RULE)).toBe('failed');
    expect(run.verdict(policy('ImportedStatementBus'), RULE)).toBe('failed');
    expect(run.detail(policy('ImportedStatementBus'), RULE)).toMatch(/not a literal document/);
  });
  test('the deprecated form: Principal * fails unless its Condition names an organization', () => {
    expect(run.verdict('Test/LegacyEveryone', RULE)).toBe('failed');
    expect(run.verdict('Test/LegacyOrganization', RULE)).toBe('passed');
    expect(run.verdict('Test/LegacyAccount', RULE)).toBe('passed');
    expect(run.verdict('Test/LegacyParameterAccount', RULE)).toBe('passed');
  });
  test('the bus\'s Policy: * fails, narrowed passes, absent passes, and an override on the L2 bus fails', () => {
    expect(run.verdict('Test/L1OpenBus', RULE)).toBe('failed');
    expect(run.verdict('Test/L1OrganizationBus', RULE)).toBe('passed');
    expect(run.verdict('Test/L1NoPolicyBus', RULE)).toBe('passed');
    expect(run.verdict('Test/PolicyOverrideBus/Resource', RULE)).toBe('failed');
    expect(run.verdict('Test/OrganizationBus/Resource', RULE)).toBe('passed');
  });
});
