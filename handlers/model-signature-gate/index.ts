/*
 * The model signature gate, and in production the model release gate: invoked by EventBridge when
 * a model version of the registry is approved. It re-hashes the artifact the version serves and
 * verifies the recorded signature with the environment's KMS signing key; with release checks
 * (`RELEASE_CHECKS`) it also requires model-quality statistics meeting the family's minimums and a
 * bias report. On any failure it sets the version back to Rejected, with every reason as the
 * approval description, and announces why to the alert topic. A version that cannot be checked
 * (no signature, another key, a changed or unreadable artifact, missing or malformed metrics) is
 * not approved: the gate fails closed.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DescribeModelPackageCommand, DescribeModelPackageCommandOutput, SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { checkRelease, parseReleaseRequirements, ReleaseRequirements } from '../shared/model-release';
import { Verdict, verifyModelPackage } from '../shared/model-signature';
import { GateEnvironment } from '../../core/signature-format';

const sagemaker = new SageMakerClient({});
const s3 = new S3Client({});
const kms = new KMSClient({});
const sns = new SNSClient({});

/** The part of a "SageMaker Model Package State Change" event the gate reads. */
export interface ModelPackageStateChange {
  readonly detail?: {
    readonly ModelPackageArn?: string;
    readonly ModelApprovalStatus?: string;
  };
}

/** What the gate decided, also written to its log. */
export interface GateResult {
  readonly verdict: 'verified' | 'rejected' | 'skipped';
  readonly modelPackageArn?: string;
  readonly reason?: string;
  /** What the release checks read and accepted (the metrics met, the bias report recorded). */
  readonly evidence?: string[];
}

const APPROVED = 'Approved';
const REJECTED = 'Rejected';
/** SageMaker's limit on ApprovalDescription, and SNS's on a subject. */
const MAX_APPROVAL_DESCRIPTION = 1024;
const MAX_SUBJECT = 100;

export async function handler(event: ModelPackageStateChange): Promise<GateResult> {
  const keyArn = requiredEnvironment(GateEnvironment.SIGNING_KEY_ARN);
  const topicArn = requiredEnvironment(GateEnvironment.ALERT_TOPIC_ARN);
  const release = releaseRequirements();
  const arn = event.detail?.ModelPackageArn;
  if (!arn) {
    return done({ verdict: 'skipped', reason: 'the event names no model package' });
  }

  // The event may be old (retries) and holds only part of the package: read what is there now.
  const pkg = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
  if (pkg.ModelApprovalStatus !== APPROVED) {
    return done({ verdict: 'skipped', modelPackageArn: arn, reason: `it is ${pkg.ModelApprovalStatus ?? 'without a status'} now, not ${APPROVED}` });
  }

  const signature = await verifySignature(pkg, keyArn);
  const findings = release === undefined ? { failures: [], evidence: [] }
    : 'error' in release ? { failures: [release.error], evidence: [] }
      : await checkRelease(s3, pkg, release);
  const reasons = [...(signature.valid ? [] : [signature.reason]), ...findings.failures];
  if (signature.valid && reasons.length === 0) {
    return done({ verdict: 'verified', modelPackageArn: arn, reason: `the signature of ${signature.artifact} (SHA-256 ${signature.digest}) verifies with ${keyArn}`, evidence: findings.evidence });
  }
  const reason = reasons.length === 1 ? reasons[0] : reasons.map((r, i) => `(${i + 1}) ${r}`).join(' ');
  await reject(pkg, arn, topicArn, reason, release ? 'model release gate' : 'model signature gate');
  return done({ verdict: 'rejected', modelPackageArn: arn, reason, evidence: findings.evidence });
}

/** The signature's verdict; an error verifying is a failure, not an outage to retry. */
async function verifySignature(pkg: DescribeModelPackageCommandOutput, keyArn: string): Promise<Verdict> {
  try {
    return await verifyModelPackage({ s3, kms }, pkg, keyArn);
  } catch (e) {
    // Fail closed: what cannot be verified now is not approved. An approver approves again once
    // the cause (an unreadable artifact, a KMS error) is fixed, and the gate checks again.
    const error = e as Error;
    return { valid: false, reason: `it could not be verified (${error.name}: ${error.message})` };
  }
}

/**
 * Set the version back to Rejected with the reasons as its approval description (the state change
 * this causes reaches the registry's alert rule too), and announce it to the alert topic.
 */
async function reject(pkg: DescribeModelPackageCommandOutput, arn: string, topicArn: string, reason: string, gate: string): Promise<void> {
  await sagemaker.send(new UpdateModelPackageCommand({
    ModelPackageArn: arn,
    ModelApprovalStatus: REJECTED,
    ApprovalDescription: truncate(`Rejected by the cdk-soc2-ml ${gate}: ${reason}`, MAX_APPROVAL_DESCRIPTION),
  }));
  const name = `${pkg.ModelPackageGroupName ?? pkg.ModelPackageName} version ${pkg.ModelPackageVersion ?? '?'}`;
  const Gate = gate.charAt(0).toUpperCase() + gate.slice(1);
  await sns.send(new PublishCommand({
    TopicArn: topicArn,
    Subject: truncate(`${Gate} rejected ${name}`, MAX_SUBJECT),
    Message: `The ${gate} set ${name} back to ${REJECTED} right after it was approved, because ${reason}.\n\n`
      + `Package: ${arn}\n`
      + `Approved by: ${pkg.LastModifiedBy?.UserProfileName ?? pkg.LastModifiedBy?.IamIdentity?.Arn ?? 'see UpdateModelPackage in CloudTrail'}\n\n`
      + 'Find out how this version reached approval. Once the cause is fixed (the artifact signed with "npx cdk-soc2-ml sign-model", '
      + 'the metrics and bias report registered with the version), an approver can approve it again, and the gate checks it again.',
  }));
}

/**
 * The release requirements, when the gate checks releases (production). Malformed ones reject every
 * version (fail closed) with the reason, rather than leave approvals unchecked.
 */
function releaseRequirements(): ReleaseRequirements | { readonly error: string } | undefined {
  const text = process.env[GateEnvironment.RELEASE_CHECKS];
  if (!text) {
    return undefined;
  }
  try {
    return parseReleaseRequirements(text);
  } catch (e) {
    return { error: `the gate's release requirements (${GateEnvironment.RELEASE_CHECKS}) are malformed, so nothing can be released until the ModelSignatureGate is deployed again (${(e as Error).message})` };
  }
}

function done(result: GateResult): GateResult {
  console.log(JSON.stringify(result));
  return result;
}

function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: the gate's function is configured by the ModelSignatureGate construct.`);
  }
  return value;
}

/** Cut to SageMaker's and SNS's limits, in ASCII (an SNS subject allows nothing else). */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
