import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** How an endpoint's policy is written. */
export enum EndpointPolicyKind {
  /** The data perimeter: principals and resources of the account (or organization), AWS service principals, and the service's documented exceptions. */
  PERIMETER = 'perimeter',
  /**
   * SageMaker's browser endpoints (Studio, notebook instances): sessions are authorized by a
   * presigned URL rather than a signed request, so the policy bounds the resource (this account's
   * SageMaker resources in this region), as SageMaker's own endpoint-policy examples do.
   */
  SAGEMAKER_BROWSER = 'sagemaker-browser',
  /**
   * No policy: AWS documents no endpoint-policy support for the service, and creating an endpoint
   * with a policy for a service that takes only the full-access policy fails. IAM and resource
   * policies still govern every request.
   */
  NONE = 'none',
}

/** Extra statements a service needs on top of the perimeter. */
export enum PerimeterException {
  /** S3: ECR image layers are downloaded from AWS-owned buckets. */
  ECR_IMAGE_LAYERS = 'ecr-image-layers',
  /** ECR: AWS-provided images (SageMaker algorithms, framework and Deep Learning Containers) live in AWS-owned registries. */
  AWS_PROVIDED_IMAGES = 'aws-provided-images',
}

/** Whose requests and resources are inside the perimeter. */
export interface Perimeter {
  /** The AWS Organizations organization id; without one the perimeter is the account. */
  readonly organizationId?: string;
}

/**
 * The statements of an endpoint policy that keeps traffic through the endpoint inside the account
 * (or organization), plus the exceptions the service needs. An endpoint policy grants nothing by
 * itself: it is the most a request through the endpoint may do, on top of IAM.
 */
export function endpointPolicyStatements(scope: Construct, kind: EndpointPolicyKind, perimeter: Perimeter, exceptions: readonly PerimeterException[] = []): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  switch (kind) {
    case EndpointPolicyKind.NONE:
      return [];
    case EndpointPolicyKind.SAGEMAKER_BROWSER:
      return [new iam.PolicyStatement({
        sid: 'AllowThisAccountsSageMakerResources',
        principals: [new iam.AnyPrincipal()],
        actions: ['sagemaker:*'],
        resources: [stack.formatArn({ service: 'sagemaker', resource: '*' })],
      })];
    case EndpointPolicyKind.PERIMETER:
      break;
  }

  const inPerimeter = perimeter.organizationId
    ? { 'aws:PrincipalOrgID': perimeter.organizationId, 'aws:ResourceOrgID': perimeter.organizationId }
    : { 'aws:PrincipalAccount': Aws.ACCOUNT_ID, 'aws:ResourceAccount': Aws.ACCOUNT_ID };
  const principalInPerimeter = perimeter.organizationId
    ? { 'aws:PrincipalOrgID': perimeter.organizationId }
    : { 'aws:PrincipalAccount': Aws.ACCOUNT_ID };

  const statements = [
    new iam.PolicyStatement({
      sid: perimeter.organizationId ? 'AllowOrganizationPrincipalsToOrganizationResources' : 'AllowAccountPrincipalsToAccountResources',
      principals: [new iam.AnyPrincipal()],
      actions: ['*'],
      resources: ['*'],
      conditions: { StringEquals: inPerimeter },
    }),
    // Exception: AWS services acting with their own service principal (AWS's data-perimeter
    // baseline). A service principal cannot be used by a person or a workload's credentials.
    new iam.PolicyStatement({
      sid: 'AllowAwsServicePrincipals',
      principals: [new iam.AnyPrincipal()],
      actions: ['*'],
      resources: ['*'],
      conditions: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
    }),
  ];

  for (const exception of exceptions) {
    switch (exception) {
      case PerimeterException.ECR_IMAGE_LAYERS:
        // Exception: ECR serves image layers from the AWS-owned bucket prod-<region>-starport-layer-bucket,
        // through URLs presigned by an ECR account, so neither the principal nor the bucket is ours.
        // Read-only, one bucket, this region (ECR User Guide, "Minimum Amazon S3 bucket permissions").
        statements.push(new iam.PolicyStatement({
          sid: 'AllowEcrImageLayersFromAwsOwnedBucket',
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:GetObject'],
          resources: [`arn:${Aws.PARTITION}:s3:::prod-${Aws.REGION}-starport-layer-bucket/*`],
        }));
        break;
      case PerimeterException.AWS_PROVIDED_IMAGES:
        // Exception: SageMaker's built-in algorithm, framework and Deep Learning Container images
        // live in AWS-owned registries whose account differs by region. Our principals may pull
        // (never push, never change) images from any registry; the pull is logged by CloudTrail.
        statements.push(new iam.PolicyStatement({
          sid: 'AllowImagePullsFromAwsProvidedRegistries',
          principals: [new iam.AnyPrincipal()],
          actions: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          resources: ['*'],
          conditions: { StringEquals: principalInPerimeter },
        }));
        break;
    }
  }
  return statements;
}
