import { ALL_RULES } from './rules';
import { isDefinedInS3 } from './rules/sagemaker/pipeline';
import { StackTemplate, TemplateResource } from './template';

/*
 * What the pack did not look at. Every resource of a type that no rule reads is reported, per stack
 * and type, in the synth summary and the evidence — except the types below, which hold no data
 * and grant no access by themselves (what they point at is judged where it is), each with the
 * reason. A type is added here only with such a reason; anything that stores, moves or grants
 * stays reported until a rule reads it.
 */
export const INERT_TYPES: Readonly<Record<string, string>> = {
  'AWS::CDK::Metadata': 'CDK\'s record of the construct library versions used: no data, no access.',
  'AWS::CloudFormation::Stack': 'a nested stack: its own template is judged as a stack of the app.',
  'AWS::CloudFormation::WaitConditionHandle': 'a pre-signed URL for a deployment signal, holding nothing.',
  'AWS::KMS::Alias': 'a name for a key; the key, its policy and rotation are judged.',
  'AWS::Logs::MetricFilter': 'counts matching log events into a metric; the log group is judged.',
  'AWS::EC2::RouteTable': 'an empty table; its routes (AWS::EC2::Route) are judged.',
  'AWS::EC2::SubnetRouteTableAssociation': 'binds a subnet to a route table; the routes and the subnet are judged.',
  'AWS::Config::ConfigRule': 'a detective control that evaluates resources; it stores and grants nothing.',
  'AWS::Config::ConfigurationRecorder': 'records configuration into the delivery channel\'s bucket (judged), with a role (judged).',
  'AWS::Config::DeliveryChannel': 'names the bucket (judged) and topic (judged) the recorder delivers to.',
  'AWS::Backup::BackupSelection': 'selects resources for a plan, with a role (judged).',
  'AWS::DMS::ReplicationSubnetGroup': 'names the subnets (judged) a replication instance runs in; holds no data.',
  'AWS::DAX::SubnetGroup': 'names the subnets (judged) a DAX cluster runs in; holds no data.',
  'AWS::SecurityHub::Hub': 'a detective control; its findings stay in the service.',
  'AWS::SecurityHub::Standard': 'enables a set of detective checks.',
  'AWS::Macie::Session': 'a detective control; classification jobs and their results are separate.',
  'Custom::MacieClassificationJob': 'creates a Macie classification job (a detective control) through a function and role, both judged.',
  'AWS::AccessAnalyzer::Analyzer': 'a detective control that reports external and unused access; its findings stay in the service.',
  'AWS::Backup::Framework': 'a set of Backup Audit Manager controls that evaluate backup settings; it stores and grants nothing.',
  'AWS::Backup::ReportPlan': 'writes backup audit reports to a bucket (judged).',
  'AWS::Backup::RestoreTestingPlan': 'schedules restore tests of recovery points; holds no data.',
  'AWS::Backup::RestoreTestingSelection': 'selects recovery points for a restore test, with a role (judged).',
  'AWS::Signer::SigningProfile': 'a signing configuration; who may sign with it is granted in IAM policies (judged).',
};

/** Resource types some rule of the pack judges: its subjects, and what it examines of them. */
const READ_TYPES: ReadonlySet<string> = new Set(ALL_RULES.flatMap((r) => (r.kind === 'resource' ? [...r.rule.resourceTypes, ...(r.rule.examines ?? [])] : [])));

/**
 * Resources of types rules read whose content is held outside the template, so no rule could read
 * it: they are reported as not judged, with why.
 */
export const OUTSIDE_THE_TEMPLATE: Readonly<Record<string, { readonly reason: string; readonly applies: (resource: TemplateResource) => boolean }>> = {
  'AWS::SageMaker::Pipeline': {
    reason: 'a pipeline whose definition is only in S3 (PipelineDefinitionS3Location): its steps are not in the template, so the pipeline rules cannot judge them.',
    applies: isDefinedInS3,
  },
};

/** Whether no rule reads a type, and it is not inert. */
export function isNotJudged(type: string): boolean {
  return !READ_TYPES.has(type) && INERT_TYPES[type] === undefined;
}

/** Resources of a type no rule reads, in one stack. */
export interface NotJudged {
  readonly stack: string;
  readonly type: string;
  readonly count: number;
}

/**
 * Every stack's resources no rule read, by stack then type: of types no rule reads (inert types left
 * out), or whose content is outside the template (`OUTSIDE_THE_TEMPLATE`).
 */
export function notJudged(stacks: readonly StackTemplate[]): NotJudged[] {
  const out: NotJudged[] = [];
  for (const stack of stacks) {
    const counts = new Map<string, number>();
    for (const r of stack.resources.values()) {
      if (isNotJudged(r.type) || OUTSIDE_THE_TEMPLATE[r.type]?.applies(r)) {
        counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
      }
    }
    for (const [type, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      out.push({ stack: stack.stackPath, type, count });
    }
  }
  return out.sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}
