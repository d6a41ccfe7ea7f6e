import { PackRule, Severity } from '../../rule';
import { AppHasAuditTrail } from './AppHasAuditTrail';
import { AppHasFlowLoggedNetwork } from './AppHasFlowLoggedNetwork';
import { AppHasThreatDetection } from './AppHasThreatDetection';

/**
 * Controls an app provides once (often in an account baseline stack, or outside the app
 * altogether, e.g. an organization trail), reported on the stacks that need them. Warnings: a
 * control provided outside the app is legitimate and cannot be seen at synth.
 */
export const APP_RULES: PackRule[] = [
  {
    kind: 'stack',
    rule: AppHasAuditTrail,
    criteria: ['CC7.2'],
    rationale: 'The app records API activity somewhere (CC7.2); a template shows no quality of information (CC2.1), recovery (A1.2) or processing integrity (PI1.3).',
    reference: { check: 'prowler:cloudtrail_multi_region_enabled', criteria: ['CC2.1', 'CC7.2', 'A1.2', 'PI1.3'] },
    severity: Severity.WARNING,
    finding: 'Stack holds SageMaker resources or classified data, but the app defines no CloudTrail trail.',
    fix: 'Add a cloudtrail.Trail to a stack of the app (e.g. the account baseline). If an organization trail outside the app records the account, acknowledge the rule on the stack with that reason.',
  },
  {
    kind: 'stack',
    rule: AppHasThreatDetection,
    criteria: ['CC7.2', 'CC6.8'],
    rationale: 'The app runs a threat detector (CC7.2, CC6.8); a detector in a template is no risk assessment (CC3.1, CC3.2), evaluation (CC4.2, CC7.3) or response (CC7.4).',
    reference: { check: 'prowler:guardduty_is_enabled', criteria: ['CC3.1', 'CC3.2', 'CC4.2', 'CC6.6', 'CC6.8', 'CC7.1', 'CC7.2', 'CC7.3', 'CC7.4'] },
    severity: Severity.WARNING,
    finding: 'Stack holds SageMaker resources or classified data, but the app defines no GuardDuty detector.',
    fix: 'Add a guardduty.CfnDetector (enable: true, with S3 protection) to a stack of the app (e.g. the account baseline). If GuardDuty is enabled for the account outside the app (e.g. by a delegated administrator), acknowledge the rule on the stack with that reason.',
  },
  {
    kind: 'stack',
    rule: AppHasFlowLoggedNetwork,
    criteria: ['CC7.2'],
    rationale: 'The app\'s network traffic is recorded for monitoring (CC7.2); recording restricts nothing (CC6.6) and evaluates nothing (CC7.3).',
    reference: { check: 'prowler:vpc_flow_logs_enabled', criteria: ['CC6.6', 'CC7.2', 'CC7.3'] },
    severity: Severity.WARNING,
    finding: 'Stack holds SageMaker resources or classified data, but the app defines no VPC with flow logs.',
    fix: 'Define the VPC in the app with flow logs on the whole VPC (ec2.Vpc flowLogs, or vpc.addFlowLog). If the network is owned outside the app and flow-logged there, acknowledge the rule on the stack with that reason.',
  },
];
