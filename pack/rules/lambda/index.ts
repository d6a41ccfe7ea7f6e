import { PackRule, Severity } from '../../rule';
import { LambdaNotPublic } from './LambdaNotPublic';
import { LambdaRuntimeSupported } from './LambdaRuntimeSupported';
import { LambdaUrlAuthenticated } from './LambdaUrlAuthenticated';

export const LAMBDA_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: LambdaNotPublic,
    criteria: ['CC6.1', 'CC6.2', 'CC6.6'],
    severity: Severity.ERROR,
    finding: 'Lambda permission lets anyone invoke the function.',
    fix: 'Grant invoke to named principals (fn.grantInvoke(role)), or give addPermission a sourceArn, sourceAccount or organizationId; use FunctionUrlAuthType.AWS_IAM for function URLs. Acknowledge with a reason only for a deliberately public endpoint.',
  },
  {
    kind: 'resource',
    rule: LambdaUrlAuthenticated,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'CC6.1: users are identified and authenticated before they reach information assets; CC6.6: access through the system boundary (a public HTTPS endpoint) is restricted to authorized callers.',
    severity: Severity.ERROR,
    finding: 'Lambda function URL lets anyone invoke the function without authenticating.',
    fix: 'Use authType: FunctionUrlAuthType.AWS_IAM on addFunctionUrl (or the FunctionUrl), i.e. AuthType AWS_IAM, and grant callers with fn.grantInvokeUrl(role); put API Gateway with an authorizer in front for other callers.',
  },
  {
    kind: 'resource',
    rule: LambdaRuntimeSupported,
    criteria: ['CC7.1'],
    rationale: 'CC7.1: the entity identifies and manages vulnerabilities of its components; a deprecated runtime no longer receives security patches.',
    severity: Severity.ERROR,
    finding: 'Lambda function runs on a runtime AWS has deprecated, or deprecates within 90 days.',
    fix: 'Move the function to a current runtime (runtime: Runtime.NODEJS_24_X, PYTHON_3_14, JAVA_25, …), i.e. Runtime with a deprecation date more than 90 days away (AWS Lambda runtimes page).',
  },
];
