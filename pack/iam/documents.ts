import { isObject, Json } from '../json';
import { TemplateResource } from '../template';
import { asArray, branches } from '../values';

/** What a policy document is to the principals it concerns. */
export enum PolicyKind {
  /** Attached to a role, user or group: grants (an identity-based policy). */
  IDENTITY = 'identity',
  /** A role's trust policy (who may assume it). */
  TRUST = 'trust',
  /** Attached to a resource: grants to the principals it names (bucket, key, topic, … policy). */
  RESOURCE = 'resource',
}

/** A policy document with where it sits in its resource. */
export interface PolicyDocumentAt {
  readonly document: Json | undefined;
  /** Where in the resource, e.g. `Properties/Policies/0/PolicyDocument`. */
  readonly location: string;
  readonly kind: PolicyKind;
}

/** The resource-policy property of each type that has one. */
const RESOURCE_POLICY_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::S3::AccessPoint': 'Policy',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::SageMaker::ModelPackageGroup': 'ModelPackageGroupPolicy',
  'AWS::EC2::VPCEndpoint': 'PolicyDocument',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::Logs::ResourcePolicy': 'PolicyDocument',
  'AWS::Events::EventBusPolicy': 'Statement',
};

const IDENTITY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** Every type whose resources hold a policy document. */
export const POLICY_HOLDING_TYPES: readonly string[] = [...IDENTITY_TYPES, ...Object.keys(RESOURCE_POLICY_PROPERTIES)];

/**
 * The policy documents a resource holds: identity policies (an IAM policy's `PolicyDocument`, each
 * inline `Policies[*].PolicyDocument`), a role's trust policy, or the resource's own policy. An
 * event bus policy's single `Statement` is wrapped in a document.
 */
export function policyDocumentsOf(resource: TemplateResource): PolicyDocumentAt[] {
  const p = resource.properties;
  if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
    return [{ document: p.PolicyDocument, location: 'Properties/PolicyDocument', kind: PolicyKind.IDENTITY }];
  }
  if (IDENTITY_TYPES.includes(resource.type)) {
    const out: PolicyDocumentAt[] = inlinePolicies(resource);
    if (resource.type === 'AWS::IAM::Role') {
      out.push({ document: p.AssumeRolePolicyDocument, location: 'Properties/AssumeRolePolicyDocument', kind: PolicyKind.TRUST });
    }
    return out;
  }
  const property = RESOURCE_POLICY_PROPERTIES[resource.type];
  if (property === undefined || p[property] === undefined) {
    return [];
  }
  const document = resource.type === 'AWS::Events::EventBusPolicy' ? { Statement: p.Statement } : p[property];
  return [{ document, location: `Properties/${property}`, kind: PolicyKind.RESOURCE }];
}

/** Each inline `Policies[*].PolicyDocument` of a role, user or group, in every `Fn::If` branch. */
export function inlinePolicies(resource: TemplateResource): PolicyDocumentAt[] {
  const out: PolicyDocumentAt[] = [];
  for (const list of branches(resource.properties.Policies)) {
    asArray(list).forEach((entry, i) => {
      for (const policy of branches(entry)) {
        if (isObject(policy)) {
          out.push({ document: policy.PolicyDocument, location: `Properties/Policies/${i}/PolicyDocument`, kind: PolicyKind.IDENTITY });
        }
      }
    });
  }
  return out;
}
