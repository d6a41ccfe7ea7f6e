import { CfnCondition, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, platform } from './fixtures';

const PROFILE_SGS = 'SageMakerUserProfileDomainSecurityGroups';
const REMOTE = 'SageMakerSpaceNoRemoteAccess';

describe('SageMaker Studio user profile and space rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const p = platform(stack);
      const [sg] = p.securityGroupIds;
      const other = new ec2.SecurityGroup(stack, 'OtherSg', { vpc: p.vpc, allowAllOutbound: false }).securityGroupId;
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
      const domain = (id: string, securityGroups?: string[]) => new sagemaker.CfnDomain(stack, id, {
        domainName: id.toLowerCase(),
        authMode: 'IAM',
        defaultUserSettings: { executionRole: p.role.roleArn, securityGroups },
        vpcId: p.vpc.vpcId,
        subnetIds: p.subnetIds,
        appNetworkAccessType: 'VpcOnly',
        kmsKeyId: p.key.keyArn,
      });
      const studio = domain('Domain', [sg]);
      const profile = (id: string, securityGroups?: string[], domainId: sagemaker.CfnUserProfileProps['domainId'] = studio.attrDomainId) =>
        new sagemaker.CfnUserProfile(stack, id, { domainId, userProfileName: id.toLowerCase(), userSettings: { executionRole: p.role.roleArn, securityGroups } });
      const parameter = (id: string, allowedValues?: string[]) => new CfnParameter(stack, id, { type: 'String', allowedValues }).valueAsString;

      profile('Inherits');
      profile('EmptyList', []);
      // The pair differs only in the group.
      profile('DomainGroup', [sg]);
      profile('OtherGroup', [other]);
      profile('DomainAndOther', [sg, other]);
      profile('DomainByRef', [sg], studio);
      profile('IfOther', [Fn.conditionIf(isProd.logicalId, sg, other).toString()]);
      profile('OverrideGroup', [sg]).addPropertyOverride('UserSettings.SecurityGroups', [other]);
      // Literal ids and parameters.
      const literal = domain('LiteralDomain', ['sg-0123456789abcdef0']);
      profile('LiteralSame', ['sg-0123456789abcdef0'], literal.attrDomainId);
      profile('LiteralOther', ['sg-0fedcba9876543210'], literal.attrDomainId);
      profile('ParameterOnlyDomainGroup', [parameter('OnlyDomainGroup', ['sg-0123456789abcdef0'])], literal.attrDomainId);
      profile('ParameterEitherGroup', [parameter('EitherGroup', ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'])], literal.attrDomainId);
      const shared = parameter('SharedGroup');
      const byParameter = domain('ParameterDomain', [shared]);
      profile('SameParameter', [shared], byParameter.attrDomainId);
      profile('FreeParameter', [parameter('FreeGroup')], byParameter.attrDomainId);
      profile('WholeListToken', Fn.split(',', Fn.importValue('StudioGroups')), studio.attrDomainId);
      profile('NoDomainGroups', [sg], domain('OpenDomain').attrDomainId);
      // Domains outside the template.
      profile('ImportedDomainInherits', undefined, 'd-abc123def456');
      profile('ImportedDomainGroups', [sg], 'd-abc123def456');
      profile('ExportedDomainGroups', [sg], Fn.importValue('StudioDomainId'));

      const space = (id: string, remoteAccess?: string) => new sagemaker.CfnSpace(stack, id, {
        domainId: studio.attrDomainId,
        spaceName: id.toLowerCase(),
        spaceSettings: remoteAccess === undefined ? undefined : { appType: 'JupyterLab', remoteAccess },
      });
      space('SpaceDefault');
      // The pair differs only in RemoteAccess.
      space('SpaceDisabled', 'DISABLED');
      space('SpaceEnabled', 'ENABLED');
      space('SpaceLowerCaseEnabled', 'enabled');
      space('SpaceParameterDisabled', parameter('OnlyDisabled', ['DISABLED']));
      space('SpaceParameterEither', parameter('EitherAccess', ['ENABLED', 'DISABLED']));
      space('SpaceParameterFree', parameter('FreeAccess'));
      space('SpaceIfEnabled', Fn.conditionIf(isProd.logicalId, 'DISABLED', 'ENABLED').toString());
      space('SpaceOverride', 'DISABLED').addPropertyOverride('SpaceSettings.RemoteAccess', 'ENABLED');
      new sagemaker.CfnSpace(stack, 'SpaceUnreadable', { domainId: studio.attrDomainId, spaceName: 'unreadable', spaceSettings: Token.asAny(Fn.importValue('SpaceSettings')) });
    });
  });

  test('a domain, a profile in its groups and a space without remote access fail no rule', () => {
    for (const path of ['Test/Domain', 'Test/DomainGroup', 'Test/SpaceDisabled']) {
      expect(failedRules(run, path)).toEqual([]);
    }
    expect(failedRules(run, 'Test/OtherGroup')).toEqual([PROFILE_SGS]);
    expect(failedRules(run, 'Test/SpaceEnabled')).toEqual([REMOTE]);
  });

  describe(PROFILE_SGS, () => {
    test('a profile that names no groups takes the domain\'s, wherever the domain is', () => {
      expect(run.verdict('Test/Inherits', PROFILE_SGS)).toBe('passed');
      expect(run.verdict('Test/EmptyList', PROFILE_SGS)).toBe('passed');
      expect(run.verdict('Test/ImportedDomainInherits', PROFILE_SGS)).toBe('passed');
    });
    test('passes the domain\'s group and fails another, or one more', () => {
      expect(run.verdict('Test/DomainGroup', PROFILE_SGS)).toBe('passed');
      expect(run.verdict('Test/DomainByRef', PROFILE_SGS)).toBe('passed');
      expect(run.verdict('Test/OtherGroup', PROFILE_SGS)).toBe('failed');
      expect(run.detail('Test/OtherGroup', PROFILE_SGS)).toMatch(/^Its security group \$\{OtherSg\w+\.GroupId\} steps outside the domain's network boundary: it is not one of its domain Domain's/);
      expect(run.verdict('Test/DomainAndOther', PROFILE_SGS)).toBe('failed');
    });
    test('compares literal ids, and parameters by their AllowedValues', () => {
      expect(run.verdict('Test/LiteralSame', PROFILE_SGS)).toBe('passed');
      expect(run.verdict('Test/LiteralOther', PROFILE_SGS)).toBe('failed');
      expect(run.verdict('Test/ParameterOnlyDomainGroup', PROFILE_SGS)).toBe('passed');
      expect(run.verdict('Test/ParameterEitherGroup', PROFILE_SGS)).toBe('failed');
    });
    test('the domain\'s own parameter matches; another parameter without AllowedValues fails closed', () => {
      expect(run.verdict('Test/SameParameter', PROFILE_SGS)).toBe('passed');
      expect(run.verdict('Test/FreeParameter', PROFILE_SGS)).toBe('failed');
      expect(run.detail('Test/FreeParameter', PROFILE_SGS)).toMatch(/cannot be known at synth/);
      expect(run.verdict('Test/WholeListToken', PROFILE_SGS)).toBe('failed');
      expect(run.detail('Test/WholeListToken', PROFILE_SGS)).toMatch(/cannot be read at synth/);
    });
    test('a domain that names no groups admits none', () => {
      expect(run.verdict('Test/NoDomainGroups', PROFILE_SGS)).toBe('failed');
      expect(run.detail('Test/NoDomainGroups', PROFILE_SGS)).toMatch(/names no DefaultUserSettings\.SecurityGroups/);
    });
    test('judges every Fn::If branch and a property override', () => {
      expect(run.verdict('Test/IfOther', PROFILE_SGS)).toBe('failed');
      expect(run.verdict('Test/OverrideGroup', PROFILE_SGS)).toBe('failed');
    });
    test('fails closed when the profile names groups for a domain outside the template', () => {
      expect(run.verdict('Test/ImportedDomainGroups', PROFILE_SGS)).toBe('failed');
      expect(run.detail('Test/ImportedDomainGroups', PROFILE_SGS)).toMatch(/d-abc123def456\) is not a domain of this template/);
      expect(run.verdict('Test/ExportedDomainGroups', PROFILE_SGS)).toBe('failed');
    });
    test('is an error with criterion CC6.6', () => {
      const v = run.violations.find((x) => x.ruleName === PROFILE_SGS);
      expect(v?.severity).toBe('error');
      expect(v?.description).toMatch(/\(SOC 2 CC6\.6\)$/);
    });
  });

  describe(REMOTE, () => {
    test('passes a space without the setting (remote access is off by default) or DISABLED; fails ENABLED in any case', () => {
      expect(run.verdict('Test/SpaceDefault', REMOTE)).toBe('passed');
      expect(run.verdict('Test/SpaceDisabled', REMOTE)).toBe('passed');
      expect(run.verdict('Test/SpaceEnabled', REMOTE)).toBe('failed');
      expect(run.detail('Test/SpaceEnabled', REMOTE)).toMatch(/local IDE/);
      expect(run.verdict('Test/SpaceLowerCaseEnabled', REMOTE)).toBe('failed');
    });
    test('a parameter counts by its AllowedValues; without them it fails closed', () => {
      expect(run.verdict('Test/SpaceParameterDisabled', REMOTE)).toBe('passed');
      expect(run.verdict('Test/SpaceParameterEither', REMOTE)).toBe('failed');
      expect(run.verdict('Test/SpaceParameterFree', REMOTE)).toBe('failed');
      expect(run.detail('Test/SpaceParameterFree', REMOTE)).toMatch(/SpaceSettings\.RemoteAccess comes from a value that cannot be known at synth/);
      expect(run.verdict('Test/SpaceUnreadable', REMOTE)).toBe('failed');
    });
    test('judges every Fn::If branch and a property override', () => {
      expect(run.verdict('Test/SpaceIfEnabled', REMOTE)).toBe('failed');
      expect(run.verdict('Test/SpaceOverride', REMOTE)).toBe('failed');
    });
    test('is an error with criteria CC6.6 and CC6.1', () => {
      const v = run.violations.find((x) => x.ruleName === REMOTE);
      expect(v?.severity).toBe('error');
      expect(v?.description).toMatch(/\(SOC 2 CC6\.6, CC6\.1\)$/);
    });
  });
});
