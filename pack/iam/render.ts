import { isObject, Json, JsonObject } from '../json';
import { StackTemplate, TemplateResource } from '../template';
import { statementsOf } from '../values';
import { NamedPolicy, UNRESOLVED } from './evaluator';

/*
 * Policies as the evaluator reads them: every value a string, references rendered as the ARN (or
 * name) of the resource they name. Resources whose names CloudFormation generates get a stable
 * stand-in (`<stack>-<logical id>`, lower case), the same wherever they are named, so a statement of
 * one stack naming a bucket of another (through an export or a stack output) matches it. Accounts
 * and regions a stack leaves open are `ACCOUNT` and `REGION`: the evaluation is of one account.
 */

export const UNKNOWN_ACCOUNT = 'ACCOUNT';
const UNKNOWN_REGION = 'REGION';

/** The ARN and `Ref` value of a resource, and its named attributes. */
export interface ResourceNames {
  readonly arn: string;
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const namesCache = new WeakMap<TemplateResource, ResourceNames>();

export function accountOf(stack: StackTemplate): string {
  return stack.account ?? UNKNOWN_ACCOUNT;
}

function regionOf(stack: StackTemplate): string {
  return stack.region ?? UNKNOWN_REGION;
}

function literal(stack: StackTemplate, value: Json | undefined, fallback: string): string {
  const rendered = value === undefined ? undefined : renderValue(stack, value);
  return typeof rendered === 'string' && !rendered.includes(UNRESOLVED) ? rendered : fallback;
}

/** The ARN, `Ref` value and attributes of a resource, as the renderer names them. */
export function namesOf(resource: TemplateResource): ResourceNames {
  let names = namesCache.get(resource);
  if (!names) {
    names = computeNames(resource);
    namesCache.set(resource, names);
  }
  return names;
}

function computeNames(r: TemplateResource): ResourceNames {
  const stack = r.template;
  const p = r.properties;
  const generated = `${stack.stackName}-${r.logicalId}`.toLowerCase();
  const a = accountOf(stack);
  const region = regionOf(stack);
  const regional = (service: string, rest: string) => `arn:aws:${service}:${region}:${a}:${rest}`;
  switch (r.type) {
    case 'AWS::S3::Bucket': {
      const name = literal(stack, p.BucketName, generated);
      return { arn: `arn:aws:s3:::${name}`, ref: name, attributes: { Arn: `arn:aws:s3:::${name}` } };
    }
    case 'AWS::KMS::Key': {
      const arn = regional('kms', `key/${generated}`);
      return { arn, ref: generated, attributes: { Arn: arn, KeyId: generated } };
    }
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User': {
      const kind = r.type === 'AWS::IAM::Role' ? 'role' : 'user';
      const name = literal(stack, kind === 'role' ? p.RoleName : p.UserName, generated);
      const path = literal(stack, p.Path, '/');
      const arn = `arn:aws:iam::${a}:${kind}${path}${name}`;
      return { arn, ref: name, attributes: { Arn: arn } };
    }
    case 'AWS::IAM::ManagedPolicy': {
      const arn = `arn:aws:iam::${a}:policy/${literal(stack, p.ManagedPolicyName, generated)}`;
      return { arn, ref: arn, attributes: { PolicyArn: arn } };
    }
    case 'AWS::SageMaker::ModelPackageGroup': {
      const name = literal(stack, p.ModelPackageGroupName, generated);
      const arn = regional('sagemaker', `model-package-group/${name.toLowerCase()}`);
      return { arn, ref: arn, attributes: { ModelPackageGroupArn: arn, ModelPackageGroupName: name } };
    }
    case 'AWS::SageMaker::Endpoint': {
      const name = literal(stack, p.EndpointName, generated);
      const arn = regional('sagemaker', `endpoint/${name.toLowerCase()}`);
      return { arn, ref: arn, attributes: { EndpointName: name } };
    }
    case 'AWS::CloudTrail::Trail': {
      const name = literal(stack, p.TrailName, generated);
      const arn = regional('cloudtrail', `trail/${name}`);
      return { arn, ref: name, attributes: { Arn: arn } };
    }
    case 'AWS::GuardDuty::Detector':
      return { arn: regional('guardduty', `detector/${generated}`), ref: generated, attributes: {} };
    case 'AWS::SNS::Topic': {
      const arn = regional('sns', literal(stack, p.TopicName, generated));
      return { arn, ref: arn, attributes: { TopicArn: arn } };
    }
    case 'AWS::SQS::Queue': {
      const name = literal(stack, p.QueueName, generated);
      return { arn: regional('sqs', name), ref: `https://sqs.${region}.amazonaws.com/${a}/${name}`, attributes: { Arn: regional('sqs', name), QueueName: name } };
    }
    case 'AWS::ECR::Repository': {
      const name = literal(stack, p.RepositoryName, generated);
      return { arn: regional('ecr', `repository/${name}`), ref: name, attributes: { Arn: regional('ecr', `repository/${name}`) } };
    }
    case 'AWS::Logs::LogGroup': {
      const name = literal(stack, p.LogGroupName, generated);
      return { arn: regional('logs', `log-group:${name}:*`), ref: name, attributes: { Arn: regional('logs', `log-group:${name}:*`) } };
    }
    default: {
      const service = r.type.split('::')[1]?.toLowerCase() ?? 'unknown';
      const arn = regional(service, generated);
      return { arn, ref: generated, attributes: { Arn: arn } };
    }
  }
}

const PSEUDO: Readonly<Record<string, (stack: StackTemplate) => string>> = {
  'AWS::Partition': () => 'aws',
  'AWS::AccountId': accountOf,
  'AWS::Region': regionOf,
  'AWS::URLSuffix': () => 'amazonaws.com',
  'AWS::StackName': (s) => s.stackName,
};

/** A value with every intrinsic rendered as a string (`UNRESOLVED` where synth cannot know it). */
export function renderValue(stack: StackTemplate, value: Json): Json {
  if (Array.isArray(value)) {
    return value.map((v) => renderValue(stack, v));
  }
  if (!isObject(value)) {
    return value;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return renderIntrinsic(stack, value);
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = renderValue(stack, v);
  }
  return out;
}

function renderIntrinsic(stack: StackTemplate, value: JsonObject): string {
  if (typeof value.Ref === 'string') {
    return refValue(stack, value.Ref, value);
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((v) => String(renderValue(stack, v))).join(join[0]);
  }
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string' || (Array.isArray(sub) && typeof sub[0] === 'string')) {
    const [text, variables] = typeof sub === 'string' ? [sub, {}] : [sub[0] as string, isObject(sub[1]) ? sub[1] : {}];
    return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => (name in variables ? String(renderValue(stack, variables[name])) : subVariable(stack, name)));
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) || typeof getAtt === 'string') {
    const [id, attribute] = Array.isArray(getAtt) ? getAtt.map(String) : [getAtt.slice(0, getAtt.indexOf('.')), getAtt.slice(getAtt.indexOf('.') + 1)];
    const local = stack.resources.get(id);
    if (local && local.type !== 'AWS::CloudFormation::Stack') {
      return attributeOf(local, attribute);
    }
  }
  // Across stacks (exports, stack outputs, nested stacks): the resource named, as its ARN.
  const target = stack.target(value);
  return target ? namesOf(target).arn : UNRESOLVED;
}

function subVariable(stack: StackTemplate, name: string): string {
  const dot = name.indexOf('.');
  if (dot > 0) {
    const resource = stack.resources.get(name.slice(0, dot));
    return resource ? attributeOf(resource, name.slice(dot + 1)) : UNRESOLVED;
  }
  return refValue(stack, name, { Ref: name });
}

function refValue(stack: StackTemplate, name: string, value: JsonObject): string {
  const pseudo = PSEUDO[name];
  if (pseudo) {
    return pseudo(stack);
  }
  const local = stack.resources.get(name);
  if (local) {
    return namesOf(local).ref;
  }
  const target = stack.target(value);
  return target ? namesOf(target).arn : UNRESOLVED;
}

function attributeOf(resource: TemplateResource, attribute: string): string {
  const names = namesOf(resource);
  return names.attributes[attribute] ?? (attribute === 'Arn' ? names.arn : `${names.ref}.${attribute}`);
}

/**
 * A policy for the evaluator: its statements as `statementsOf` reads them (each `Fn::If` branch a
 * statement of its own, a JSON string parsed), each rendered when a request first needs more than
 * its actions (most never are).
 */
export function lazilyRendered(name: string, stack: StackTemplate, document: Json | undefined): NamedPolicy {
  return { name, document: { Statement: statementsOf(document).map((s) => s.raw) }, render: (statement) => renderValue(stack, statement) };
}
