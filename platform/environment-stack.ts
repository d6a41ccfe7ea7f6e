import { Fn, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AuditTrail, AuditTrailScope } from '../constructs/audit-trail';
import { PersonaTrust } from '../constructs/persona-trust';
import { TagKeys } from '../core/tags';
import { AccountBaselineStack } from './account-baseline-stack';
import { IncidentEvidence, MlEnvironment, MlEnvironmentProps } from './ml-environment';
import { IdentityProviderKind, IdentityProviderSettings } from '../settings/platform-settings';

export interface EnvironmentStackProps extends StackProps, MlEnvironmentProps {
  /** The baseline of the account and region this environment is deployed to (deployed first). */
  readonly baseline: AccountBaselineStack;
  /**
   * The identity provider people federate through (from `soc2ml:identityProvider`); it replaces
   * `personaTrust`.
   *
   * @default - `personaTrust`
   */
  readonly identityProvider?: IdentityProviderSettings;
}

/** One ML environment (dev, staging or prod) in its own stack. */
export class EnvironmentStack extends Stack {
  /** The environment's platform. */
  public readonly platform: MlEnvironment;
  /** The baseline of the account and region the environment is deployed to. */
  public readonly baseline: AccountBaselineStack;
  /** Object-level events of the stack's confidential and restricted buckets. */
  public readonly dataEventsTrail: AuditTrail;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    Tags.of(this).add(TagKeys.ENVIRONMENT, props.environmentName);
    this.baseline = props.baseline;
    this.addStackDependency(props.baseline, 'the account baseline holds what the environment relies on once per account and region');
    props.baseline.acknowledgeAdoptedDetector(this);
    this.platform = new MlEnvironment(this, 'Platform', {
      ...props,
      incidentEvidence: props.incidentEvidence ?? this.archiveOf(props.baseline),
      auditLogRetention: props.auditLogRetention ?? props.baseline.auditLogRetention,
      personaTrust: props.identityProvider ? this.trustFor(props.identityProvider) : props.personaTrust,
    });
    // The stack holds only the environment, so every role in it is the platform's, the roles of
    // CDK's stack-level custom-resource providers included.
    this.platform.permissionsBoundary.applyTo(this);
    // Data events only: the account trail in the baseline records management events once per
    // account. This trail finds every classified bucket of the stack from its tags at synth and
    // delivers to the baseline's tamper-evident bucket, admitted by name (no reference back).
    this.dataEventsTrail = new AuditTrail(this, 'DataEventsTrail', {
      environmentName: props.environmentName,
      trailScope: AuditTrailScope.DATA_EVENTS,
      bucket: props.baseline.auditTrailBucket,
      encryptionKey: this.platform.keys.logs,
      logRetention: props.baseline.auditLogRetention,
    });
  }

  /**
   * Incident records and forensic evidence go to the account's evidence archive. Its bucket is
   * imported by a named export of the baseline, so the forensic role's policy names it the same
   * way at construction and in the template (its wildcard is acknowledged as written).
   */
  private archiveOf(baseline: AccountBaselineStack): IncidentEvidence {
    const archive = baseline.evidenceArchive;
    const exportName = `${baseline.stackName}-EvidenceArchiveBucketArn`;
    if (!baseline.node.tryFindChild(`Export${exportName}`)) {
      baseline.exportValue(archive.bucket.bucket.bucketArn, { name: exportName, description: 'The evidence archive bucket, where environments copy forensic evidence' });
    }
    return {
      store: { bucket: s3.Bucket.fromBucketArn(this, 'EvidenceArchiveBucket', Fn.importValue(exportName)), encryptionKey: archive.encryptionKey },
      recordQueue: archive.ingestQueue,
    };
  }

  private trustFor(provider: IdentityProviderSettings): PersonaTrust {
    if (provider.kind === IdentityProviderKind.SAML) {
      return PersonaTrust.saml(iam.SamlProvider.fromSamlProviderArn(this, 'IdentityProvider', provider.arn));
    }
    return PersonaTrust.oidc(iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(this, 'IdentityProvider', provider.arn), provider.audience!);
  }
}
