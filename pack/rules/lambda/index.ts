import { PackRule, Severity } from '../../rule';
import { LambdaNotPublic } from './LambdaNotPublic';

export const LAMBDA_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: LambdaNotPublic,
    criteria: ['CC6.1', 'CC6.2', 'CC6.6'],
    severity: Severity.ERROR,
    finding: 'Lambda permission lets anyone invoke the function.',
    fix: 'Grant invoke to named principals (fn.grantInvoke(role)), or give addPermission a sourceArn, sourceAccount or organizationId; use FunctionUrlAuthType.AWS_IAM for function URLs. Acknowledge with a reason only for a deliberately public endpoint.',
  },
];
