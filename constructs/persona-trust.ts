import { Aws, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { checkName, NameRules } from '../core/names';
import { Soc2MlError } from '../core/errors';

/** Seconds within which the MFA sign-in must have happened to assume a persona role. */
const MFA_MAX_AGE_SECONDS = 3600;

enum TrustKind {
  MFA = 'mfa',
  SAML = 'saml',
  OIDC = 'oidc',
}

/**
 * Who may assume the persona roles: IAM users with MFA, or people federated through your SAML or
 * OIDC identity provider (which then authenticates them, MFA included).
 */
export class PersonaTrust {
  /**
   * IAM users of this account, signed in with MFA within the last hour, whose role session is named
   * after their user name (so CloudTrail and Studio know who acted). The default.
   */
  public static readonly ACCOUNT_WITH_MFA = new PersonaTrust(TrustKind.MFA);

  /** IAM users of another account (for example an identity account), with MFA as above. */
  public static accountWithMfa(accountId: string): PersonaTrust {
    checkName(NameRules.ACCOUNT_ID, accountId, 'accountId');
    return new PersonaTrust(TrustKind.MFA, accountId);
  }

  /** People federated through a SAML 2.0 identity provider, for console sign-in (`SAML:aud` is the AWS sign-in endpoint). */
  public static saml(provider: iam.ISamlProvider): PersonaTrust {
    return new PersonaTrust(TrustKind.SAML, undefined, provider);
  }

  /**
   * People federated through an OpenID Connect identity provider, for tokens issued to `audience`
   * (the provider's ARN must be a literal, so the `<issuer>:aud` condition key can be written).
   */
  public static oidc(provider: iam.IOpenIdConnectProvider, audience: string): PersonaTrust {
    if (Token.isUnresolved(provider.openIdConnectProviderArn)) {
      throw new Soc2MlError('provider is an OIDC provider whose ARN is only known at deploy time: pass iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(scope, id, "arn:aws:iam::111111111111:oidc-provider/login.example.com"), so the "<issuer>:aud" condition key can be written.');
    }
    if (typeof audience !== 'string' || audience.trim() === '') {
      throw new Soc2MlError(`audience is ${JSON.stringify(audience)}: pass the client id your identity provider puts in the token's "aud" claim, so tokens issued to other applications cannot assume persona roles.`);
    }
    return new PersonaTrust(TrustKind.OIDC, undefined, undefined, provider, audience);
  }

  private constructor(
    private readonly kind: TrustKind,
    private readonly accountId?: string,
    private readonly samlProvider?: iam.ISamlProvider,
    private readonly oidcProvider?: iam.IOpenIdConnectProvider,
    private readonly audience?: string,
  ) {}

  /** Whether people sign in as IAM users with MFA (rather than through an identity provider). */
  public get requiresMfa(): boolean {
    return this.kind === TrustKind.MFA;
  }

  /**
   * The principal a persona role trusts.
   * @internal
   */
  public _principal(): iam.IPrincipal {
    switch (this.kind) {
      case TrustKind.SAML:
        return new iam.SamlConsolePrincipal(this.samlProvider!);
      case TrustKind.OIDC: {
        const issuer = this.oidcProvider!.openIdConnectProviderArn.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, '');
        return new iam.OpenIdConnectPrincipal(this.oidcProvider!, { StringEquals: { [`${issuer}:aud`]: this.audience! } });
      }
      default:
        return new iam.AccountPrincipal(this.accountId ?? Aws.ACCOUNT_ID).withConditions({
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': String(MFA_MAX_AGE_SECONDS) },
          // The session carries the person's user name, so ${aws:userid} identifies the person.
          StringLike: { 'sts:RoleSessionName': '${aws:username}' },
        });
    }
  }
}
