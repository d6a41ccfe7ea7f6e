import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { TRANSFER_RULES } from '../../../../pack/rules/transfer';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The Transfer Family controls over CfnServer (aws-cdk-lib has no L2). Each case is the hardened
 * server (SFTP only, a current security policy, structured logs, a VPC endpoint) with one change:
 * a property, an override, an `Fn::If`, a parameter with or without AllowedValues, an import.
 */

const FTP = 'TransferNoPlaintextFtp';
const POLICY = 'TransferModernSecurityPolicy';
const LOGGED = 'TransferServerLogged';
const IN_VPC = 'TransferServerInVpc';
const IDS = new Set(TRANSFER_RULES.map((r) => r.rule.id));

const MODERN = 'TransferSecurityPolicy-2024-01';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/transfer-logging';

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('Transfer Family controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'sftp', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const securityGroup = new ec2.SecurityGroup(stack, 'SftpSg', { vpc, allowAllOutbound: false });
      const logGroup = new logs.LogGroup(stack, 'TransferLogs', { encryptionKey: key });
      const loggingRole = new iam.Role(stack, 'LoggingRole', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
      const hardened: transfer.CfnServerProps = {
        protocols: ['SFTP'],
        identityProviderType: 'SERVICE_MANAGED',
        securityPolicyName: MODERN,
        structuredLogDestinations: [logGroup.logGroupArn],
        endpointType: 'VPC',
        endpointDetails: { vpcId: vpc.vpcId, subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [securityGroup.securityGroupId] },
      };
      const server = (id: string, changes: Partial<transfer.CfnServerProps> = {}) => new transfer.CfnServer(stack, id, { ...hardened, ...changes });
      const allowed = (id: string, values: string[]) => new CfnParameter(stack, id, { type: 'String', allowedValues: values }).valueAsString;
      const free = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;
      const list = (id: string, values?: string[]) => new CfnParameter(stack, id, { type: 'CommaDelimitedList', allowedValues: values }).valueAsList;

      server('Hardened');

      // Protocols
      server('ProtocolsAbsent', { protocols: undefined });
      server('Ftps', { protocols: ['SFTP', 'FTPS'] });
      server('SftpAndFtp', { protocols: ['SFTP', 'FTP'] });
      server('FtpOverride').addPropertyOverride('Protocols', ['FTP']);
      server('FtpEntryInBranch', { protocols: ['SFTP', Fn.conditionIf(useFeature.logicalId, 'FTP', Fn.ref('AWS::NoValue')).toString()] });
      server('FtpListInBranch').addPropertyOverride('Protocols', Fn.conditionIf(useFeature.logicalId, ['SFTP'], ['SFTP', 'FTP']));
      server('FtpsEntryInBranch', { protocols: ['SFTP', Fn.conditionIf(useFeature.logicalId, 'FTPS', Fn.ref('AWS::NoValue')).toString()] });
      server('ProtocolParameterSafe', { protocols: [allowed('ProtocolSafe', ['SFTP', 'FTPS'])] });
      server('ProtocolParameterEither', { protocols: [allowed('ProtocolEither', ['SFTP', 'FTP'])] });
      server('ProtocolParameterFree', { protocols: [free('Protocol')] });
      server('ProtocolListSafe', { protocols: list('ProtocolsSafe', ['SFTP', 'FTPS']) });
      server('ProtocolListEither', { protocols: list('ProtocolsEither', ['SFTP', 'FTP']) });
      server('ProtocolsImported', { protocols: Fn.split(',', Fn.importValue('SharedProtocols')) });

      // Security policy
      server('PolicyAbsent', { securityPolicyName: undefined });
      server('Policy2018', { securityPolicyName: 'TransferSecurityPolicy-2018-11' });
      server('Restricted2018').addPropertyOverride('SecurityPolicyName', 'TransferSecurityPolicy-Restricted-2018-11');
      server('Policy2020', { securityPolicyName: 'TransferSecurityPolicy-2020-06' });
      server('PolicyFips', { securityPolicyName: 'TransferSecurityPolicy-FIPS-2024-05' });
      server('PolicyPq', { securityPolicyName: 'TransferSecurityPolicy-PQ-SSH-Experimental-2023-04' });
      server('PolicyRestricted2024', { securityPolicyName: 'TransferSecurityPolicy-Restricted-2024-06' });
      server('PolicyUndated', { securityPolicyName: 'TransferSecurityPolicy-Latest' });
      server('PolicyInBranch', { securityPolicyName: Fn.conditionIf(useFeature.logicalId, MODERN, Fn.ref('AWS::NoValue')).toString() });
      server('PolicyParameterModern', { securityPolicyName: allowed('PolicyModern', [MODERN, 'TransferSecurityPolicy-FIPS-2024-01']) });
      server('PolicyParameterEither', { securityPolicyName: allowed('PolicyEither', [MODERN, 'TransferSecurityPolicy-2018-11']) });
      server('PolicyParameterFree', { securityPolicyName: free('Policy') });

      // Logging
      server('NoLogging', { structuredLogDestinations: undefined });
      server('RoleOnly', { structuredLogDestinations: undefined, loggingRole: loggingRole.roleArn });
      server('DestinationsEmpty', { structuredLogDestinations: [] });
      server('DestinationsInBranch').addPropertyOverride('StructuredLogDestinations', Fn.conditionIf(useFeature.logicalId, [logGroup.logGroupArn], Fn.ref('AWS::NoValue')));
      server('DestinationEntryInBranch', { structuredLogDestinations: [Fn.conditionIf(useFeature.logicalId, logGroup.logGroupArn, Fn.ref('AWS::NoValue')).toString()] });
      server('DestinationsOrRole', { loggingRole: Fn.conditionIf(useFeature.logicalId, Fn.ref('AWS::NoValue'), loggingRole.roleArn).toString() })
        .addPropertyOverride('StructuredLogDestinations', Fn.conditionIf(useFeature.logicalId, [logGroup.logGroupArn], Fn.ref('AWS::NoValue')));
      server('RoleParameterNamed', { structuredLogDestinations: undefined, loggingRole: allowed('RoleNamed', [ROLE_ARN]) });
      server('RoleParameterOptional', { structuredLogDestinations: undefined, loggingRole: allowed('RoleOptional', ['', ROLE_ARN]) });
      server('RoleParameterFree', { structuredLogDestinations: undefined, loggingRole: free('Role') });
      server('DestinationsParameterFree', { structuredLogDestinations: list('Destinations') });
      server('DestinationsImported', { structuredLogDestinations: Fn.split(',', Fn.importValue('SharedLogGroups')) });

      // Endpoint
      server('EndpointAbsent', { endpointType: undefined, endpointDetails: undefined });
      server('Public', { endpointType: 'PUBLIC', endpointDetails: undefined });
      server('VpcEndpoint', { endpointType: 'VPC_ENDPOINT', endpointDetails: { vpcEndpointId: 'vpce-0a1b2c3d4e5f67890' } });
      server('EndpointInBranch', { endpointType: Fn.conditionIf(useFeature.logicalId, 'VPC', 'PUBLIC').toString() });
      server('EndpointParameterVpc', { endpointType: allowed('EndpointVpc', ['VPC']) });
      server('EndpointParameterFree', { endpointType: free('Endpoint') });
    });
  });

  test('the hardened server passes every rule', () => {
    for (const rule of [FTP, POLICY, LOGGED, IN_VPC]) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/SftpAndFtp')).toEqual([FTP]);
    expect(failedRules(run, 'Test/PolicyAbsent')).toEqual([POLICY]);
    expect(failedRules(run, 'Test/NoLogging')).toEqual([LOGGED]);
    expect(failedRules(run, 'Test/Public')).toEqual([IN_VPC]);
  });

  test('a public endpoint and an old security policy are warnings; plaintext FTP and no logs are errors', () => {
    const severity = (id: string) => run.violations.find((v) => v.ruleName.endsWith(id))?.severity;
    expect([severity(IN_VPC), severity(POLICY)]).toEqual(['warning', 'warning']);
    expect([severity(FTP), severity(LOGGED)]).toEqual(['error', 'error']);
  });

  describe(FTP, () => {
    test('passes SFTP, FTPS and the default (SFTP) when Protocols is absent', () => {
      expect(run.verdict('Test/ProtocolsAbsent', FTP)).toBe('passed');
      expect(run.verdict('Test/Ftps', FTP)).toBe('passed');
      expect(run.verdict('Test/FtpsEntryInBranch', FTP)).toBe('passed');
    });

    test('fails FTP among the protocols, written or overridden', () => {
      expect(run.detail('Test/SftpAndFtp', FTP)).toBe('It accepts plain FTP (Protocols includes FTP): user names, passwords and the files themselves cross the network in clear text, readable and alterable by anyone on the path.');
      expect(run.detail('Test/FtpOverride', FTP)).toMatch(/^It accepts plain FTP \(Protocols includes FTP\)/);
    });

    test('judges every branch of the list and of each entry, and a parameter by its AllowedValues', () => {
      expect(run.detail('Test/FtpEntryInBranch', FTP)).toMatch(/Protocols includes FTP \(in at least one branch\)/);
      expect(run.detail('Test/FtpListInBranch', FTP)).toMatch(/Protocols includes FTP \(in at least one branch\)/);
      expect(run.verdict('Test/ProtocolParameterSafe', FTP)).toBe('passed');
      expect(run.detail('Test/ProtocolParameterEither', FTP)).toMatch(/Protocols includes FTP \(in at least one branch\)/);
      expect(run.verdict('Test/ProtocolListSafe', FTP)).toBe('passed');
      expect(run.detail('Test/ProtocolListEither', FTP)).toMatch(/Protocols includes FTP \(in at least one branch\)/);
    });

    test('fails closed on protocols synth cannot read', () => {
      expect(run.detail('Test/ProtocolParameterFree', FTP)).toMatch(/^Its Protocols come from a value synth cannot read/);
      expect(run.detail('Test/ProtocolsImported', FTP)).toMatch(/^Its Protocols come from a value synth cannot read/);
    });
  });

  describe(POLICY, () => {
    test('passes policies of 2020-06 and later: dated, FIPS, post-quantum and Restricted', () => {
      expect(run.verdict('Test/Policy2020', POLICY)).toBe('passed');
      expect(run.verdict('Test/PolicyFips', POLICY)).toBe('passed');
      expect(run.verdict('Test/PolicyPq', POLICY)).toBe('passed');
      expect(run.verdict('Test/PolicyRestricted2024', POLICY)).toBe('passed');
    });

    test('fails an absent policy: CloudFormation attaches TransferSecurityPolicy-2018-11', () => {
      expect(run.detail('Test/PolicyAbsent', POLICY)).toBe('It names no SecurityPolicyName, so CloudFormation attaches TransferSecurityPolicy-2018-11, which still offers SHA-1 key exchange (diffie-hellman-group14-sha1), SHA-1 and 64-bit MACs (hmac-sha1, umac-64) and, for FTPS, TLS cipher suites without forward secrecy (TLS_RSA_WITH_AES_*).');
    });

    test('fails the 2018-11 policies, and a name the rule cannot date', () => {
      expect(run.detail('Test/Policy2018', POLICY)).toMatch(/^Its SecurityPolicyName is TransferSecurityPolicy-2018-11, a policy of the 2018-11 algorithm set: it still offers SHA-1 key exchange/);
      expect(run.detail('Test/Restricted2018', POLICY)).toMatch(/^Its SecurityPolicyName is TransferSecurityPolicy-Restricted-2018-11, a policy of the 2018-11 algorithm set/);
      expect(run.detail('Test/PolicyUndated', POLICY)).toMatch(/^Its SecurityPolicyName is "TransferSecurityPolicy-Latest", which is not a Transfer Family server security policy named by its date/);
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on a free parameter', () => {
      expect(run.detail('Test/PolicyInBranch', POLICY)).toMatch(/^It names no SecurityPolicyName \(in at least one branch\)/);
      expect(run.verdict('Test/PolicyParameterModern', POLICY)).toBe('passed');
      expect(run.detail('Test/PolicyParameterEither', POLICY)).toMatch(/TransferSecurityPolicy-2018-11 \(in at least one branch\), a policy of the 2018-11 algorithm set/);
      expect(run.detail('Test/PolicyParameterFree', POLICY)).toMatch(/^Its SecurityPolicyName comes from a value synth cannot read/);
    });
  });

  describe(LOGGED, () => {
    test('passes structured logs to a log group, or a logging role', () => {
      expect(run.verdict('Test/Hardened', LOGGED)).toBe('passed');
      expect(run.verdict('Test/RoleOnly', LOGGED)).toBe('passed');
      expect(run.verdict('Test/RoleParameterNamed', LOGGED)).toBe('passed');
    });

    test('fails a server with neither mechanism, or an empty destination list', () => {
      expect(run.detail('Test/NoLogging', LOGGED)).toBe('It sends no logs to CloudWatch Logs: it has neither StructuredLogDestinations nor a LoggingRole, so who connected and which files they uploaded, downloaded or deleted is not recorded.');
      expect(run.verdict('Test/DestinationsEmpty', LOGGED)).toBe('failed');
    });

    test('judges every branch, and each mechanism apart', () => {
      expect(run.detail('Test/DestinationsInBranch', LOGGED)).toMatch(/nor a LoggingRole \(in at least one branch\)/);
      expect(run.verdict('Test/DestinationEntryInBranch', LOGGED)).toBe('failed');
      expect(run.verdict('Test/DestinationsOrRole', LOGGED)).toBe('failed');
      expect(run.detail('Test/RoleParameterOptional', LOGGED)).toMatch(/^It sends no logs to CloudWatch Logs/);
    });

    test('fails closed on a role or destinations synth cannot read', () => {
      expect(run.detail('Test/RoleParameterFree', LOGGED)).toMatch(/^Its LoggingRole or StructuredLogDestinations come from a value synth cannot read/);
      expect(run.detail('Test/DestinationsParameterFree', LOGGED)).toMatch(/synth cannot read/);
      expect(run.detail('Test/DestinationsImported', LOGGED)).toMatch(/synth cannot read/);
    });
  });

  describe(IN_VPC, () => {
    test('passes a VPC endpoint, and the deprecated VPC_ENDPOINT', () => {
      expect(run.verdict('Test/VpcEndpoint', IN_VPC)).toBe('passed');
      expect(run.verdict('Test/EndpointParameterVpc', IN_VPC)).toBe('passed');
    });

    test('warns on a PUBLIC endpoint, written or left to the default', () => {
      expect(run.detail('Test/Public', IN_VPC)).toBe('Its endpoint is public (EndpointType PUBLIC): any internet address can connect and try credentials, and no security group can narrow the clients to the VPC or to customers\' addresses.');
      expect(run.detail('Test/EndpointAbsent', IN_VPC)).toMatch(/^Its endpoint is public \(EndpointType absent, so PUBLIC\)/);
    });

    test('judges every branch; fails closed on a free parameter', () => {
      expect(run.detail('Test/EndpointInBranch', IN_VPC)).toMatch(/\(EndpointType PUBLIC \(in at least one branch\)\)/);
      expect(run.detail('Test/EndpointParameterFree', IN_VPC)).toMatch(/^Its EndpointType comes from a value synth cannot read/);
    });
  });
});
