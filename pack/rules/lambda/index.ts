import { PackRule, Severity } from '../../rule';
import { LambdaNotPublic } from './LambdaNotPublic';
import { LambdaRuntimeSupported } from './LambdaRuntimeSupported';
import { LambdaUrlAuthenticated } from './LambdaUrlAuthenticated';
import { LambdaNoSecretsInEnvironment } from './LambdaNoSecretsInEnvironment';

export const LAMBDA_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: LambdaNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No resource policy lets any principal invoke the function (CC6.1), from outside the boundary (CC6.6); it registers no user, so CC6.2 is not cited.',
    reference: { check: 'steampipe:lambda_function_restrict_public_access', criteria: ['CC6.1', 'CC6.2', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'Lambda permission lets anyone invoke the function.',
    fix: 'Grant invoke to named principals (fn.grantInvoke(role)), or give addPermission a sourceArn, sourceAccount or organizationId; use FunctionUrlAuthType.AWS_IAM for function URLs. Acknowledge with a reason only for a deliberately public endpoint.',
  },
  {
    kind: 'resource',
    rule: LambdaUrlAuthenticated,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'A function URL requires IAM authentication (CC6.1 authenticates access), so it is not an open door through the boundary (CC6.6).',
    severity: Severity.ERROR,
    finding: 'Lambda function URL lets anyone invoke the function without authenticating.',
    fix: 'Use authType: FunctionUrlAuthType.AWS_IAM on addFunctionUrl (or the FunctionUrl), i.e. AuthType AWS_IAM, and grant callers with fn.grantInvokeUrl(role); put API Gateway with an authorizer in front for other callers.',
  },
  {
    kind: 'resource',
    rule: LambdaRuntimeSupported,
    criteria: ['CC7.1'],
    rationale: 'A runtime AWS no longer patches is a known source of new vulnerabilities (CC7.1 identifies susceptibility to newly discovered vulnerabilities).',
    severity: Severity.ERROR,
    finding: 'Lambda function runs on a runtime AWS has deprecated, or deprecates within 90 days.',
    fix: 'Move the function to a current runtime (runtime: Runtime.NODEJS_24_X, PYTHON_3_14, JAVA_25, …), i.e. Runtime with a deprecation date more than 90 days away (AWS Lambda runtimes page).',
  },
  {
    kind: 'resource',
    rule: LambdaNoSecretsInEnvironment,
    criteria: ['CC6.1'],
    rationale: 'A credential in an environment variable is readable by anyone who can read the function\'s configuration, outside the access controls of a secrets store (CC6.1).',
    severity: Severity.ERROR,
    finding: 'Lambda function holds a credential in an environment variable.',
    fix: 'Remove the credential from the function and rotate it: keep it in Secrets Manager (or a SecureString parameter), pass its ARN or name in the variable instead, read it at run time and grant the role secretsmanager:GetSecretValue on it (secret.grantRead(fn)).',
  },
];
