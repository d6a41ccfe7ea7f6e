/** The services any role of the platform may ever use. Everything else is out of bounds. */
export const BOUNDARY_SERVICES = [
  'sagemaker', 's3', 'kms', 'ecr', 'logs', 'cloudwatch', 'ec2', 'glue', 'athena', 'sts', 'iam', 'events',
  'sns', 'sqs', 'lambda', 'signer', 'cloudtrail', 'config', 'guardduty', 'securityhub', 'access-analyzer',
  'macie2', 'backup', 'tag', 'application-autoscaling', 'codeartifact', 'elasticfilesystem', 'cloudformation',
  // Incident response: the runbooks (SSM Automation) and incidents started in Incident Manager.
  'ssm', 'ssm-incidents',
] as const;
