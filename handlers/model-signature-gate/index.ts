/*
 * The model signature gate: invoked by EventBridge when a model version of the registry is
 * approved. It re-hashes the artifact the version serves, verifies the recorded signature with the
 * environment's KMS signing key, and on any failure sets the version back to Rejected and announces
 * why to the alert topic. A version that cannot be verified (no signature, another key, a changed
 * or unreadable artifact) is not approved: the gate fails closed.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DescribeModelPackageCommand, SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
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
}

const APPROVED = 'Approved';
const REJECTED = 'Rejected';
/** SageMaker's limit on ApprovalDescription, and SNS's on a subject. */
const MAX_APPROVAL_DESCRIPTION = 1024;
const MAX_SUBJECT = 100;

export async function handler(event: ModelPackageStateChange): Promise<GateResult> {
  const keyArn = requiredEnvironment(GateEnvironment.SIGNING_KEY_ARN);
  const topicArn = requiredEnvironment(GateEnvironment.ALERT_TOPIC_ARN);
  const arn = event.detail?.ModelPackageArn;
  if (!arn) {
    return done({ verdict: 'skipped', reason: 'the event names no model package' });
  }

  // The event may be old (retries) and holds only part of the package: read what is there now.
  const pkg = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
  if (pkg.ModelApprovalStatus !== APPROVED) {
    return done({ verdict: 'skipped', modelPackageArn: arn, reason: `it is ${pkg.ModelApprovalStatus ?? 'without a status'} now, not ${APPROVED}` });
  }

  let verdict: Verdict;
  try {
    verdict = await verifyModelPackage({ s3, kms }, pkg, keyArn);
  } catch (e) {
    // Fail closed: what cannot be verified now is not approved. An approver approves again once
    // the cause (an unreadable artifact, a KMS error) is fixed, and the gate checks again.
    const error = e as Error;
    verdict = { valid: false, reason: `it could not be verified (${error.name}: ${error.message})` };
  }
  if (verdict.valid) {
    return done({ verdict: 'verified', modelPackageArn: arn, reason: `the signature of ${verdict.artifact} (SHA-256 ${verdict.digest}) verifies with ${keyArn}` });
  }

  await sagemaker.send(new UpdateModelPackageCommand({
    ModelPackageArn: arn,
    ModelApprovalStatus: REJECTED,
    ApprovalDescription: truncate(`Rejected by the cdk-soc2-ml model signature gate: ${verdict.reason}`, MAX_APPROVAL_DESCRIPTION),
  }));
  const name = `${pkg.ModelPackageGroupName ?? pkg.ModelPackageName} version ${pkg.ModelPackageVersion ?? '?'}`;
  await sns.send(new PublishCommand({
    TopicArn: topicArn,
    Subject: truncate(`Model signature gate rejected ${name}`, MAX_SUBJECT),
    Message: `The model signature gate set ${name} back to ${REJECTED} right after it was approved, because ${verdict.reason}.\n\n`
      + `Package: ${arn}\n`
      + `Approved by: ${pkg.LastModifiedBy?.UserProfileName ?? pkg.LastModifiedBy?.IamIdentity?.Arn ?? 'see UpdateModelPackage in CloudTrail'}\n\n`
      + 'Find out how an unsigned or changed artifact reached approval. Once the artifact is signed with "npx cdk-soc2-ml sign-model" '
      + 'and checked, an approver can approve the version again, and the gate checks it again.',
  }));
  return done({ verdict: 'rejected', modelPackageArn: arn, reason: verdict.reason });
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
