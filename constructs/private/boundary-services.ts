/** The services any role of the platform may ever use. Everything else is out of bounds. */
export const BOUNDARY_SERVICES = [
  'sagemaker', 's3', 'kms', 'ecr', 'logs', 'cloudwatch', 'ec2', 'glue', 'athena', 'sts', 'iam', 'events',
  'sns', 'sqs', 'lambda', 'signer', 'cloudtrail', 'config', 'guardduty', 'securityhub', 'access-analyzer',
  'macie2', 'backup', 'tag', 'application-autoscaling', 'codeartifact', 'elasticfilesystem', 'cloudformation',
  // Incident response: the runbooks (SSM Automation) and incidents started in Incident Manager.
  'ssm', 'ssm-incidents',
] as const;

/**
 * The read verbs each boundary service has no action for, in the IAM service reference
 * (`sts:Describe*` would match nothing). test/constructs/private/boundary-services.test.ts checks
 * this list against the pinned reference both ways, so a verb AWS adds later is noticed.
 */
const MISSING_READ_VERBS: Readonly<Partial<Record<(typeof BOUNDARY_SERVICES)[number], readonly string[]>>> = {
  'athena': ['Describe'],
  'sts': ['Describe', 'List'],
  'iam': ['Describe'],
  'sns': ['Describe'],
  'sqs': ['Describe'],
  'lambda': ['Describe'],
  'access-analyzer': ['Describe'],
  'elasticfilesystem': ['Get'],
  'ssm-incidents': ['Describe'],
};

/** `Describe*`, `Get*` and `List*` of every boundary service, each a pattern that matches some action. */
export function boundaryReadPatterns(): string[] {
  return BOUNDARY_SERVICES.flatMap((s) => ['Describe', 'Get', 'List'].filter((verb) => !MISSING_READ_VERBS[s]?.includes(verb)).map((verb) => `${s}:${verb}*`));
}

/** The patterns `boundaryReadPatterns` leaves out, because they match no action. */
export function missingReadPatterns(): string[] {
  return Object.entries(MISSING_READ_VERBS).flatMap(([s, verbs]) => (verbs ?? []).map((verb) => `${s}:${verb}*`));
}
