import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as dax from 'aws-cdk-lib/aws-dax';
import { DAX_RULES } from '../../../../pack/rules/dax';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * DaxEncryptedAtRest and DaxEncryptedInTransit over CfnCluster (aws-cdk-lib has no DAX L2): each
 * variant is the hardened cluster with one change (a prop, an override, a condition, a parameter
 * with and without AllowedValues, an import).
 */

const AT_REST = 'DaxEncryptedAtRest';
const IN_TRANSIT = 'DaxEncryptedInTransit';
const IDS = new Set(DAX_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('DAX clusters', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const cluster = (id: string, changes: Partial<dax.CfnClusterProps> = {}) => new dax.CfnCluster(stack, id, {
        clusterName: id.toLowerCase(),
        iamRoleArn: 'arn:aws:iam::111122223333:role/dax-features',
        nodeType: 'dax.r5.large',
        replicationFactor: 3,
        subnetGroupName: 'isolated',
        sseSpecification: { sseEnabled: true },
        clusterEndpointEncryptionType: 'TLS',
        ...changes,
      });
      const parameter = (id: string, allowedValues?: string[]) => new CfnParameter(stack, id, { type: 'String', allowedValues }).valueAsString;

      cluster('Hardened');

      cluster('SseAbsent', { sseSpecification: undefined });
      cluster('SseOff', { sseSpecification: { sseEnabled: false } });
      cluster('SseEnabledLeftOut', { sseSpecification: {} });
      cluster('SseAsString').addPropertyOverride('SSESpecification.SSEEnabled', 'true');
      cluster('SseInBranch').addPropertyOverride('SSESpecification', Fn.conditionIf(useFeature.logicalId, { SSEEnabled: true }, Fn.ref('AWS::NoValue')));
      cluster('SseParameterOn').addPropertyOverride('SSESpecification.SSEEnabled', parameter('SseOn', ['true']));
      cluster('SseParameterEither').addPropertyOverride('SSESpecification.SSEEnabled', parameter('SseEither', ['true', 'false']));
      cluster('SseParameterFree').addPropertyOverride('SSESpecification.SSEEnabled', parameter('SseFree'));
      cluster('SseImported').addPropertyOverride('SSESpecification', Fn.importValue('SharedDaxSse'));

      cluster('TlsAbsent', { clusterEndpointEncryptionType: undefined });
      cluster('TlsNone', { clusterEndpointEncryptionType: 'NONE' });
      cluster('TlsInBranch', { clusterEndpointEncryptionType: Fn.conditionIf(useFeature.logicalId, 'TLS', 'NONE').toString() });
      cluster('TlsParameterTls', { clusterEndpointEncryptionType: parameter('EndpointTls', ['TLS']) });
      cluster('TlsParameterEither', { clusterEndpointEncryptionType: parameter('EndpointEither', ['TLS', 'NONE']) });
      cluster('TlsParameterFree', { clusterEndpointEncryptionType: parameter('EndpointFree') });
    });
  });

  test('the hardened cluster passes both rules, and each break fails only its rule', () => {
    expect(run.verdict('Test/Hardened', AT_REST)).toBe('passed');
    expect(run.verdict('Test/Hardened', IN_TRANSIT)).toBe('passed');
    expect(failedRules(run, 'Test/SseOff')).toEqual([AT_REST]);
    expect(failedRules(run, 'Test/TlsNone')).toEqual([IN_TRANSIT]);
  });

  describe(AT_REST, () => {
    test('fails encryption at rest turned off or left out (off by default)', () => {
      expect(run.detail('Test/SseOff', AT_REST)).toBe('Its cached items are not encrypted at rest: SSESpecification.SSEEnabled is false, so what DAX writes to disk, including the copies on its read replicas, is stored unencrypted.');
      expect(run.detail('Test/SseAbsent', AT_REST)).toMatch(/SSESpecification\.SSEEnabled is absent \(encryption at rest is off by default\), so what DAX writes/);
      expect(run.detail('Test/SseEnabledLeftOut', AT_REST)).toMatch(/SSEEnabled is absent/);
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on what synth cannot read', () => {
      expect(run.verdict('Test/SseAsString', AT_REST)).toBe('passed');
      expect(run.detail('Test/SseInBranch', AT_REST)).toMatch(/SSEEnabled is absent \(encryption at rest is off by default\) \(in at least one branch\)/);
      expect(run.verdict('Test/SseParameterOn', AT_REST)).toBe('passed');
      expect(run.detail('Test/SseParameterEither', AT_REST)).toMatch(/SSEEnabled is "false" \(in at least one branch\)/);
      expect(run.detail('Test/SseParameterFree', AT_REST)).toMatch(/^Its SSESpecification\.SSEEnabled comes from a value synth cannot know/);
      expect(run.detail('Test/SseImported', AT_REST)).toMatch(/^Its SSESpecification\.SSEEnabled comes from a value synth cannot know/);
    });
  });

  describe(IN_TRANSIT, () => {
    test('fails an endpoint without TLS, NONE or left out (NONE is the default)', () => {
      expect(run.detail('Test/TlsNone', IN_TRANSIT)).toBe('Its endpoint accepts clients in clear text: ClusterEndpointEncryptionType is "NONE", so the items applications read and write cross the network unencrypted.');
      expect(run.detail('Test/TlsAbsent', IN_TRANSIT)).toMatch(/ClusterEndpointEncryptionType is absent \(NONE, the default\), so/);
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on a free parameter', () => {
      expect(run.detail('Test/TlsInBranch', IN_TRANSIT)).toMatch(/ClusterEndpointEncryptionType is "NONE" \(in at least one branch\)/);
      expect(run.verdict('Test/TlsParameterTls', IN_TRANSIT)).toBe('passed');
      expect(run.detail('Test/TlsParameterEither', IN_TRANSIT)).toMatch(/"NONE" \(in at least one branch\)/);
      expect(run.detail('Test/TlsParameterFree', IN_TRANSIT)).toMatch(/^Its ClusterEndpointEncryptionType comes from a value synth cannot know/);
    });
  });
});
