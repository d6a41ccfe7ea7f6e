import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticsearch from 'aws-cdk-lib/aws-elasticsearch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as serverless from 'aws-cdk-lib/aws-opensearchserverless';
import { OPENSEARCH_RULES } from '../../../../pack/rules/opensearch';
import { PackRun, runPackOnStack } from '../../helpers';

const AT_REST = 'OpenSearchEncryptedAtRest';
const NODE_TO_NODE = 'OpenSearchNodeToNodeEncryption';
const HTTPS = 'OpenSearchHttpsOnly';
const VPC = 'OpenSearchInVpc';
const FGAC = 'OpenSearchFineGrainedAccessControl';
const AUDIT = 'OpenSearchAuditLogs';
const SERVERLESS_KMS = 'OpenSearchServerlessKmsEncryption';
const SERVERLESS_PUBLIC = 'OpenSearchServerlessNotPublic';
const DOMAIN_RULES = [AT_REST, NODE_TO_NODE, HTTPS, VPC, FGAC, AUDIT];
const IDS = new Set(OPENSEARCH_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('OpenSearch controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0a1b2c3d4e5f67890', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0a1b2c3d4e5f67890'] });
      const master = new iam.Role(stack, 'Master', { assumedBy: new iam.AccountRootPrincipal() });
      const auditLogGroup = new logs.LogGroup(stack, 'AuditLogs', { encryptionKey: key });
      const domain = (id: string, changes: Partial<opensearch.DomainProps> = {}) => new opensearch.Domain(stack, id, {
        version: opensearch.EngineVersion.OPENSEARCH_2_11,
        vpc,
        encryptionAtRest: { enabled: true, kmsKey: key },
        nodeToNodeEncryption: true,
        enforceHttps: true,
        tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
        fineGrainedAccessControl: { masterUserArn: master.roleArn },
        logging: { auditLogEnabled: true, auditLogGroup },
        suppressLogsResourcePolicy: true,
        ...changes,
      });
      const l1 = (d: opensearch.Domain) => d.node.defaultChild as opensearch.CfnDomain;
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      domain('Hardened');
      domain('Pfs', { tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2_PFS });
      // L2 props: fine-grained access control needs encryption and HTTPS, and audit logs need it, so
      // those break together.
      domain('NoEncryption', { encryptionAtRest: undefined, nodeToNodeEncryption: false, enforceHttps: false, fineGrainedAccessControl: undefined, logging: {} });
      domain('Tls10', { tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_0 });
      domain('Public', { vpc: undefined });
      domain('NoFgac', { fineGrainedAccessControl: undefined, logging: {} });
      domain('NoAudit', { logging: {} });
      // Overrides on the L2's default child.
      l1(domain('AtRestOverridden')).addPropertyOverride('EncryptionAtRestOptions.Enabled', false);
      l1(domain('NodeToNodeOverridden')).addPropertyOverride('NodeToNodeEncryptionOptions.Enabled', false);
      l1(domain('HttpsOverridden')).addPropertyOverride('DomainEndpointOptions.EnforceHTTPS', false);
      l1(domain('TlsPolicyRemoved')).addPropertyDeletionOverride('DomainEndpointOptions.TLSSecurityPolicy');
      l1(domain('VpcRemoved')).addPropertyDeletionOverride('VPCOptions');
      l1(domain('FgacOverridden')).addPropertyOverride('AdvancedSecurityOptions.Enabled', false);
      l1(domain('AuditOverridden')).addPropertyOverride('LogPublishingOptions.AUDIT_LOGS.Enabled', false);
      l1(domain('AuditGroupRemoved')).addPropertyDeletionOverride('LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn');
      // Intrinsics.
      l1(domain('NodeToNodeConditional')).addPropertyOverride('NodeToNodeEncryptionOptions.Enabled', Fn.conditionIf(isProd.logicalId, true, false));
      const httpsOn = new CfnParameter(stack, 'HttpsOn', { type: 'String', allowedValues: ['true'] });
      l1(domain('HttpsAllowedParameter')).addPropertyOverride('DomainEndpointOptions.EnforceHTTPS', httpsOn.valueAsString);
      const tls = new CfnParameter(stack, 'TlsPolicy', { type: 'String' });
      l1(domain('TlsFreeParameter')).addPropertyOverride('DomainEndpointOptions.TLSSecurityPolicy', tls.valueAsString);
      const subnets = new CfnParameter(stack, 'Subnets', { type: 'List<AWS::EC2::Subnet::Id>' });
      l1(domain('SubnetsParameter')).addPropertyOverride('VPCOptions.SubnetIds', subnets.valueAsList);
      l1(domain('VpcOptionsImported')).addPropertyOverride('VPCOptions', Fn.importValue('SharedVpcOptions'));

      // The legacy Elasticsearch domain, as an L1.
      const legacy = (id: string, enforceHttps: boolean) => new elasticsearch.CfnDomain(stack, id, {
        elasticsearchVersion: '7.10',
        encryptionAtRestOptions: { enabled: true, kmsKeyId: key.keyId },
        nodeToNodeEncryptionOptions: { enabled: true },
        domainEndpointOptions: { enforceHttps, tlsSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' },
        vpcOptions: { subnetIds: ['subnet-0a1b2c3d4e5f67890'] },
        advancedSecurityOptions: { enabled: true, masterUserOptions: { masterUserArn: master.roleArn } },
        logPublishingOptions: { AUDIT_LOGS: { enabled: true, cloudWatchLogsLogGroupArn: auditLogGroup.logGroupArn } },
      });
      legacy('Legacy', true);
      legacy('LegacyHttp', false);

      // OpenSearch Serverless security policies: JSON strings, keys joined in as tokens.
      const policy = (id: string, type: string, document: unknown) => new serverless.CfnSecurityPolicy(stack, id, {
        name: id.toLowerCase(), type, policy: typeof document === 'string' ? document : stack.toJsonString(document),
      });
      const rules = [{ ResourceType: 'collection', Resource: ['collection/customers'] }];
      policy('EncryptionCmk', 'encryption', { Rules: rules, AWSOwnedKey: false, KmsARN: key.keyArn });
      policy('EncryptionCmkStringify', 'encryption', JSON.stringify({ Rules: rules, AWSOwnedKey: false, KmsARN: key.keyArn }));
      policy('EncryptionOwned', 'encryption', { Rules: rules, AWSOwnedKey: true });
      policy('EncryptionNoKey', 'encryption', { Rules: rules, AWSOwnedKey: false });
      const document = new CfnParameter(stack, 'PolicyDocument', { type: 'String' });
      policy('EncryptionParameter', 'encryption', document.valueAsString);
      new serverless.CfnSecurityPolicy(stack, 'EncryptionConditional', {
        name: 'conditional', type: 'encryption',
        policy: Fn.conditionIf(isProd.logicalId, stack.toJsonString({ Rules: rules, AWSOwnedKey: false, KmsARN: key.keyArn }), JSON.stringify({ Rules: rules, AWSOwnedKey: true })).toString(),
      });
      const network = (allowFromPublic: boolean) => [{ Rules: [{ ResourceType: 'collection', Resource: ['collection/customers'] }, { ResourceType: 'dashboard', Resource: ['collection/customers'] }], AllowFromPublic: allowFromPublic, SourceVPCEs: allowFromPublic ? undefined : ['vpce-0a1b2c3d4e5f67890'] }];
      policy('NetworkPrivate', 'network', network(false));
      policy('NetworkPublic', 'network', network(true));
      const open = new CfnParameter(stack, 'AllowFromPublic', { type: 'String', allowedValues: ['true', 'false'] });
      policy('NetworkToken', 'network', Fn.join('', ['[{"Rules":[{"ResourceType":"collection","Resource":["collection/customers"]}],"AllowFromPublic":', open.valueAsString, '}]']));
    });
  });

  test('a hardened domain, a legacy Elasticsearch domain and private, customer-keyed Serverless policies fail no rule', () => {
    for (const path of ['Test/Hardened/Resource', 'Test/Pfs/Resource', 'Test/Legacy', 'Test/EncryptionCmk', 'Test/EncryptionCmkStringify', 'Test/NetworkPrivate']) {
      expect({ path, failed: failedRules(run, path) }).toEqual({ path, failed: [] });
    }
    for (const rule of DOMAIN_RULES) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
      expect(run.verdict('Test/Legacy', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    const cases: [string, string][] = [
      ['Tls10', HTTPS], ['Public', VPC], ['NoAudit', AUDIT],
      ['AtRestOverridden', AT_REST], ['NodeToNodeOverridden', NODE_TO_NODE], ['HttpsOverridden', HTTPS], ['TlsPolicyRemoved', HTTPS],
      ['VpcRemoved', VPC], ['FgacOverridden', FGAC], ['AuditOverridden', AUDIT], ['AuditGroupRemoved', AUDIT],
    ];
    for (const [id, rule] of cases) {
      expect({ id, failed: failedRules(run, `Test/${id}/Resource`) }).toEqual({ id, failed: [rule] });
    }
    expect(failedRules(run, 'Test/LegacyHttp')).toEqual([HTTPS]);
  });

  test('the L2 defaults fail encryption at rest, node-to-node encryption, HTTPS, fine-grained access control and audit logs', () => {
    expect(failedRules(run, 'Test/NoEncryption/Resource')).toEqual([AUDIT, FGAC, HTTPS, NODE_TO_NODE, AT_REST].sort());
    expect(failedRules(run, 'Test/NoFgac/Resource')).toEqual([AUDIT, FGAC].sort());
    expect(run.detail('Test/NoEncryption/Resource', AT_REST)).toMatch(/not encrypted at rest/);
  });

  describe(HTTPS, () => {
    test('says which part fails: plain HTTP, TLS 1.0, or the TLS 1.0 default', () => {
      expect(run.detail('Test/HttpsOverridden/Resource', HTTPS)).toMatch(/plain HTTP/);
      expect(run.detail('Test/Tls10/Resource', HTTPS)).toMatch(/Policy-Min-TLS-1-0-2019-07/);
      expect(run.detail('Test/TlsPolicyRemoved/Resource', HTTPS)).toMatch(/absent, so the service default/);
    });
    test('passes a parameter allowing only true; fails closed on a policy from a free parameter', () => {
      expect(run.verdict('Test/HttpsAllowedParameter/Resource', HTTPS)).toBe('passed');
      expect(run.detail('Test/TlsFreeParameter/Resource', HTTPS)).toMatch(/cannot know/);
    });
  });

  test(`${NODE_TO_NODE} fails an Fn::If with an off branch`, () => {
    expect(run.verdict('Test/NodeToNodeConditional/Resource', NODE_TO_NODE)).toBe('failed');
  });

  test(`${VPC} passes subnets from a List<Subnet::Id> parameter; fails a public endpoint and VPC options it cannot read`, () => {
    expect(run.verdict('Test/SubnetsParameter/Resource', VPC)).toBe('passed');
    expect(run.detail('Test/Public/Resource', VPC)).toMatch(/no VPCOptions/);
    expect(run.detail('Test/VpcOptionsImported/Resource', VPC)).toMatch(/cannot know/);
  });

  describe(SERVERLESS_KMS, () => {
    test('passes a customer key joined in as a token; fails the AWS-owned key and a policy without a key', () => {
      expect(run.verdict('Test/EncryptionCmk', SERVERLESS_KMS)).toBe('passed');
      expect(run.detail('Test/EncryptionOwned', SERVERLESS_KMS)).toMatch(/AWS-owned key/);
      expect(run.detail('Test/EncryptionNoKey', SERVERLESS_KMS)).toMatch(/no KmsARN/);
    });
    test('fails closed on a policy from a parameter, and fails an Fn::If with an AWS-owned branch', () => {
      expect(run.detail('Test/EncryptionParameter', SERVERLESS_KMS)).toMatch(/not a JSON document synth can read/);
      expect(run.verdict('Test/EncryptionConditional', SERVERLESS_KMS)).toBe('failed');
    });
    test('does not apply to network policies', () => {
      expect(run.verdict('Test/NetworkPublic', SERVERLESS_KMS)).toBe('not-applicable');
    });
  });

  describe(SERVERLESS_PUBLIC, () => {
    test('fails AllowFromPublic: true and passes VPC-endpoint-only access', () => {
      expect(run.detail('Test/NetworkPublic', SERVERLESS_PUBLIC)).toMatch(/AllowFromPublic: true/);
      expect(run.verdict('Test/NetworkPrivate', SERVERLESS_PUBLIC)).toBe('passed');
    });
    test('fails closed when AllowFromPublic is a token outside a JSON string', () => {
      expect(run.verdict('Test/NetworkToken', SERVERLESS_PUBLIC)).toBe('failed');
    });
    test('does not apply to encryption policies', () => {
      expect(run.verdict('Test/EncryptionOwned', SERVERLESS_PUBLIC)).toBe('not-applicable');
    });
  });
});
