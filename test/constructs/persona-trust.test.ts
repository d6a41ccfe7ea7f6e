import { App, Aws, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PersonaTrust } from '../../index';

const SAML_ARN = 'arn:aws:iam::111111111111:saml-provider/Okta';
const OIDC_ARN = 'arn:aws:iam::111111111111:oidc-provider/login.example.com';

/** The trust policy statements of a role that trusts `trust`, made in a stack of its own. */
function trustStatements(trust: (stack: Stack) => PersonaTrust): unknown[] {
  const stack = new Stack(new App(), 'Trust');
  new iam.Role(stack, 'Persona', { assumedBy: trust(stack)._principal() });
  const roles = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'));
  expect(roles).toHaveLength(1);
  return roles[0].Properties.AssumeRolePolicyDocument.Statement;
}

/** The conditions of every trust of IAM users: MFA within the hour, session named after the user. */
const MFA_CONDITIONS = {
  Bool: { 'aws:MultiFactorAuthPresent': 'true' },
  NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
  StringLike: { 'sts:RoleSessionName': '${aws:username}' },
};

const root = (account: unknown) => ({ AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', account, ':root']] } });

describe('PersonaTrust.ACCOUNT_WITH_MFA', () => {
  test('trusts this account\'s IAM users signed in with MFA within the hour, whose session carries their user name', () => {
    expect(trustStatements(() => PersonaTrust.ACCOUNT_WITH_MFA)).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: root({ Ref: 'AWS::AccountId' }),
      Condition: MFA_CONDITIONS,
    }]);
  });

  test('requires MFA', () => {
    expect(PersonaTrust.ACCOUNT_WITH_MFA.requiresMfa).toBe(true);
  });
});

describe('PersonaTrust.accountWithMfa', () => {
  test('trusts the IAM users of the named account, under the same MFA and session-name conditions', () => {
    const statements = trustStatements(() => PersonaTrust.accountWithMfa('222222222222'));
    expect(statements).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] } },
      Condition: MFA_CONDITIONS,
    }]);
    expect(PersonaTrust.accountWithMfa('222222222222').requiresMfa).toBe(true);
  });

  test.each(['acme', '11111111111', '1111111111111', ' 111111111111', '1111-1111-1111'])(
    'refuses account id %j, naming the prop, the value and the fix',
    (accountId) => {
      const quoted = JSON.stringify(accountId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(() => PersonaTrust.accountWithMfa(accountId))
        .toThrow(new RegExp(`^accountId is ${quoted}: an AWS account id is 12 digits, for example "111111111111"\\.$`));
    },
  );

  test('refuses a number given from JavaScript, showing it as given', () => {
    expect(() => PersonaTrust.accountWithMfa(111111111111 as unknown as string)).toThrow(/^accountId is 111111111111: an AWS account id is 12 digits/);
  });

  test('accepts an account known only at deploy time (a token)', () => {
    expect(trustStatements(() => PersonaTrust.accountWithMfa(Aws.ACCOUNT_ID))).toEqual([
      expect.objectContaining({ Principal: root({ Ref: 'AWS::AccountId' }), Condition: MFA_CONDITIONS }),
    ]);
  });
});

describe('PersonaTrust.saml', () => {
  test('trusts console sign-in federated through the provider, for the AWS sign-in audience only', () => {
    const statements = trustStatements((stack) => PersonaTrust.saml(iam.SamlProvider.fromSamlProviderArn(stack, 'Idp', SAML_ARN)));
    expect(statements).toEqual([{
      Action: 'sts:AssumeRoleWithSAML',
      Effect: 'Allow',
      Principal: { Federated: SAML_ARN },
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }]);
  });

  test('leaves MFA to the identity provider', () => {
    const stack = new Stack(new App(), 'Trust');
    expect(PersonaTrust.saml(iam.SamlProvider.fromSamlProviderArn(stack, 'Idp', SAML_ARN)).requiresMfa).toBe(false);
  });
});

describe('PersonaTrust.oidc', () => {
  test('trusts web identities of the provider whose token was issued to the audience, keyed by the issuer', () => {
    const statements = trustStatements((stack) => PersonaTrust.oidc(iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'Idp', OIDC_ARN), 'ml-platform'));
    expect(statements).toEqual([{
      Action: 'sts:AssumeRoleWithWebIdentity',
      Effect: 'Allow',
      Principal: { Federated: OIDC_ARN },
      Condition: { StringEquals: { 'login.example.com:aud': 'ml-platform' } },
    }]);
  });

  test('the issuer is the ARN\'s provider path, whatever the partition, paths included', () => {
    const arn = 'arn:aws-us-gov:iam::111111111111:oidc-provider/login.example.com/tenant-1';
    const statements = trustStatements((stack) => PersonaTrust.oidc(iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'Idp', arn), 'client-7'));
    expect(statements).toEqual([expect.objectContaining({ Condition: { StringEquals: { 'login.example.com/tenant-1:aud': 'client-7' } } })]);
  });

  test('leaves MFA to the identity provider', () => {
    const stack = new Stack(new App(), 'Trust');
    expect(PersonaTrust.oidc(iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'Idp', OIDC_ARN), 'ml-platform').requiresMfa).toBe(false);
  });

  test.each([[''], ['   '], [undefined]])('refuses audience %j, naming it and the fix', (audience) => {
    const stack = new Stack(new App(), 'Trust');
    const provider = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'Idp', OIDC_ARN);
    const shown = audience === undefined ? 'undefined' : JSON.stringify(audience);
    expect(() => PersonaTrust.oidc(provider, audience as string))
      .toThrow(`audience is ${shown}: pass the client id your identity provider puts in the token's "aud" claim, so tokens issued to other applications cannot assume persona roles.`);
  });

  test('refuses a provider whose ARN is known only at deploy time, showing how to import one by ARN', () => {
    const stack = new Stack(new App(), 'Trust');
    const created = new iam.OpenIdConnectProvider(stack, 'New', { url: 'https://login.example.org', clientIds: ['ml-platform'] });
    expect(() => PersonaTrust.oidc(created, 'ml-platform'))
      .toThrow(/^provider is an OIDC provider whose ARN is only known at deploy time: pass iam\.OpenIdConnectProvider\.fromOpenIdConnectProviderArn\(/);
  });
});
