import * as events from 'aws-cdk-lib/aws-events';
import { Soc2MlError } from '../core/errors';
import { Construct } from 'constructs';
import { SecurityAlertTopic } from './security-alert-topic';

export interface ComplianceAlertsProps {
  /** Where the alerts go. */
  readonly alertTopic: SecurityAlertTopic;
}

/**
 * Detective controls that tell people when they find something: every AWS Config rule evaluation
 * turning NON_COMPLIANT, and every new, active AWS Security Hub finding of high or critical
 * severity from a product whose findings are not already sent by its own rule (GuardDuty, Macie and
 * Inspector findings reach the alert topic directly), go to the alert topic with what to do.
 */
export class ComplianceAlerts extends Construct {
  /** The rule for Config rules turning NON_COMPLIANT. */
  public readonly nonCompliantRule: events.Rule;
  /** The rule for high and critical Security Hub findings. */
  public readonly securityHubRule: events.Rule;

  constructor(scope: Construct, id: string, props: ComplianceAlertsProps) {
    super(scope, id);
    if (!props?.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the SecurityAlertTopic that non-compliant resources and high-severity findings go to.');
    }
    const field = (path: string) => events.EventField.fromPath(path);
    this.nonCompliantRule = new events.Rule(this, 'NonCompliantToAlerts', {
      description: 'AWS Config rule evaluations turning NON_COMPLIANT, to the security alert topic.',
      eventPattern: {
        source: ['aws.config'],
        detailType: ['Config Rules Compliance Change'],
        detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
      },
      targets: [props.alertTopic.eventTarget(events.RuleTargetInput.fromText(
        `AWS Config: ${field('$.detail.resourceType')} ${field('$.detail.resourceId')} is NON_COMPLIANT with rule ${field('$.detail.configRuleName')} `
        + `(account ${field('$.detail.awsAccountId')}, region ${field('$.detail.awsRegion')}, ${field('$.time')}). `
        + 'The rule\'s description names the pack rule it mirrors and its SOC 2 criteria. Fix the resource (or its code) and let the rule re-evaluate; the evidence archive keeps the window.',
      ))],
    });
    this.securityHubRule = new events.Rule(this, 'HighSecurityHubFindingsToAlerts', {
      description: 'New, active AWS Security Hub findings of high or critical severity (other than GuardDuty, Macie and Inspector, alerted directly), to the security alert topic.',
      eventPattern: {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: ['HIGH', 'CRITICAL'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
            ProductName: [{ 'anything-but': ['GuardDuty', 'Macie', 'Inspector'] }],
          },
        },
      },
      targets: [props.alertTopic.eventTarget(events.RuleTargetInput.fromText(
        `AWS Security Hub ${field('$.detail.findings[0].Severity.Label')} finding from ${field('$.detail.findings[0].ProductName')} in account ${field('$.detail.findings[0].AwsAccountId')}: `
        + `${field('$.detail.findings[0].Title')}. Resource: ${field('$.detail.findings[0].Resources[0].Id')}. `
        + `Remediation: ${field('$.detail.findings[0].Remediation.Recommendation.Text')} Finding id: ${field('$.detail.findings[0].Id')} (Security Hub console, Findings).`,
      ))],
    });
  }
}
