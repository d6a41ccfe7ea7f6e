import { TagKeys } from '../../core/tags';
import { isObject, Json } from '../json';
import { StackTemplate, TemplateResource } from '../template';
import { asArray, branches, flatten, principalsOf } from '../values';
import { inlinePolicies } from './documents';
import { NamedPolicy, PolicySet, RequestPrincipal } from './evaluator';
import { accountOf, lazilyRendered, namesOf } from './render';

/** What kind of principal a role or user is, for the matrix and the duties. */
export enum PrincipalKind {
  /** A role people assume, tagged `Persona`. */
  PERSONA = 'persona',
  /** A role only AWS services assume (a workload, pipeline or service role). */
  WORKLOAD = 'workload',
  /** Any other role, or an IAM user. */
  OTHER = 'other',
}

/** A role or user the app defines, with the policies that decide what it may do. */
export interface AppPrincipal {
  readonly resource: TemplateResource;
  /** `<stack path>/<logical id>`. */
  readonly id: string;
  readonly kind: PrincipalKind;
  /** The `Persona` tag's value, for persona roles. */
  readonly persona?: string;
  /** The `Environment` tag's value, if literal. */
  readonly environment?: string;
  readonly request: RequestPrincipal;
  readonly policies: Omit<PolicySet, 'resource' | 'resourcePolicyRequired'>;
}

const principalsByApp = new WeakMap<readonly StackTemplate[], AppPrincipal[]>();

/** Every IAM role and user of the app, with its identity policies and boundary. */
export function appPrincipals(stacks: readonly StackTemplate[]): AppPrincipal[] {
  let out = principalsByApp.get(stacks);
  if (!out) {
    out = stacks.flatMap((s) => [...s.ofType('AWS::IAM::Role'), ...s.ofType('AWS::IAM::User')]).map(principalOf);
    principalsByApp.set(stacks, out);
  }
  return out;
}

function principalOf(resource: TemplateResource): AppPrincipal {
  const persona = resource.tag(TagKeys.PERSONA);
  const environment = resource.tag(TagKeys.ENVIRONMENT);
  const kind = typeof persona === 'string' ? PrincipalKind.PERSONA : isServiceRole(resource) ? PrincipalKind.WORKLOAD : PrincipalKind.OTHER;
  const identity: NamedPolicy[] = [];
  const unknownIdentity: string[] = [];
  collectIdentityPolicies(resource, identity, unknownIdentity);
  if (resource.type === 'AWS::IAM::User') {
    for (const g of asArray(resource.properties.Groups)) {
      const group = resource.template.target(g);
      if (group?.type === 'AWS::IAM::Group') {
        collectIdentityPolicies(group, identity, unknownIdentity);
      }
    }
  }
  const boundary = boundaryOf(resource);
  return {
    resource,
    id: `${resource.template.stackPath}/${resource.logicalId}`,
    kind,
    persona: typeof persona === 'string' ? persona : undefined,
    environment: typeof environment === 'string' ? environment : undefined,
    request: { arn: namesOf(resource).arn, account: accountOf(resource.template), kind: resource.type === 'AWS::IAM::User' ? 'user' : 'role' },
    policies: { identity, unknownIdentity, ...boundary },
  };
}

/** A role whose trust policy names only AWS services. */
function isServiceRole(resource: TemplateResource): boolean {
  if (resource.type !== 'AWS::IAM::Role') {
    return false;
  }
  const statements = asArray(isObject(resource.properties.AssumeRolePolicyDocument) ? resource.properties.AssumeRolePolicyDocument.Statement : undefined).filter(isObject);
  return statements.length > 0 && statements.every((s) => {
    const p = principalsOf(s.Principal);
    return p.service.length > 0 && p.aws.length === 0 && p.federated.length === 0;
  });
}

function policyName(resource: TemplateResource, location = ''): string {
  return `${resource.cdkPath ?? `${resource.template.stackPath}/${resource.logicalId}`}${location}`;
}

/** Inline policies, the IAM policies naming the principal, and the managed policies it attaches. */
function collectIdentityPolicies(owner: TemplateResource, identity: NamedPolicy[], unknown: string[]): void {
  const stack = owner.template;
  inlinePolicies(owner).forEach((p) => identity.push(lazilyRendered(policyName(owner, ` (${p.location})`), stack, p.document)));
  const property = owner.type === 'AWS::IAM::Role' ? 'Roles' : owner.type === 'AWS::IAM::User' ? 'Users' : 'Groups';
  const attached = new Set<TemplateResource>();
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    const naming = stack.app?.referencing(type, property, owner) ?? stack.referencing(type, property, owner.logicalId);
    naming.forEach((p) => attached.add(p));
  }
  for (const arn of branches(owner.properties.ManagedPolicyArns).flatMap((l) => asArray(l)).flatMap((v) => branches(v))) {
    const target = stack.target(arn as Json);
    if (target?.type === 'AWS::IAM::ManagedPolicy') {
      attached.add(target);
    } else {
      unknown.push(managedPolicyName(flatten(arn)));
    }
  }
  for (const p of attached) {
    identity.push(policyOf(p));
  }
}

const policies = new WeakMap<TemplateResource, NamedPolicy>();

/**
 * A policy resource (`AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy`) as one named policy, the same
 * object for every principal it is attached to or bounds: its statements are compiled, and each
 * action looked up, once per app rather than once per principal.
 */
function policyOf(p: TemplateResource): NamedPolicy {
  let named = policies.get(p);
  if (!named) {
    named = lazilyRendered(policyName(p), p.template, p.properties.PolicyDocument);
    policies.set(p, named);
  }
  return named;
}

function managedPolicyName(arn: string): string {
  const match = /:iam::aws:policy\/(.+)$/.exec(arn);
  return match ? match[1] : arn;
}

function boundaryOf(resource: TemplateResource): { boundary?: NamedPolicy; unknownBoundary?: string } {
  const value = resource.properties.PermissionsBoundary;
  if (value === undefined) {
    return {};
  }
  const target = resource.template.target(value);
  if (target?.type === 'AWS::IAM::ManagedPolicy') {
    return { boundary: policyOf(target) };
  }
  return { unknownBoundary: managedPolicyName(flatten(value)) };
}
