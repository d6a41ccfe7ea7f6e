import { Names } from 'aws-cdk-lib';
import { Soc2MlError } from '../core/errors';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { EvidenceArchive } from './evidence-archive';
import { SecurityAlertTopic } from './security-alert-topic';

export interface AccessReviewProps {
  /** Where the quarterly reminder goes. */
  readonly alertTopic: SecurityAlertTopic;

  /** Where the reminder is also archived, as evidence the review was asked for. */
  readonly evidenceArchive?: EvidenceArchive;

  /**
   * Whether to create the unused-access analyzer. IAM is global and the analyzer is billed per
   * role and user analyzed, so one region of an account should have it.
   *
   * @default true
   */
  readonly unusedAccess?: boolean;

  /**
   * Days without use after which a role, user, key or permission is reported as unused.
   *
   * @default 90
   */
  readonly unusedAccessAge?: number;
}

/** The stream the quarterly reminders are archived in. */
export const ACCESS_REVIEW_STREAM = 'access-review-reminders';

/**
 * Access reviews (SOC 2 CC6.2, CC6.3): IAM Access Analyzer for external access (resources shared
 * outside the account) and for unused access (roles, users, keys and permissions not used for
 * `unusedAccessAge` days), and a reminder on the first day of each quarter to the alert topic,
 * naming what to review and where the findings are. The findings themselves are archived by the
 * evidence archive's access-analyzer stream.
 */
export class AccessReview extends Construct {
  /** The external-access analyzer. */
  public readonly externalAccessAnalyzer: accessanalyzer.CfnAnalyzer;
  /** The unused-access analyzer, where created. */
  public readonly unusedAccessAnalyzer?: accessanalyzer.CfnAnalyzer;
  /** The quarterly reminder. */
  public readonly reminderRule: events.Rule;

  constructor(scope: Construct, id: string, props: AccessReviewProps) {
    super(scope, id);
    if (!props?.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the SecurityAlertTopic the quarterly access review reminder goes to.');
    }
    const age = props.unusedAccessAge ?? 90;
    if (!Number.isInteger(age) || age < 1 || age > 365) {
      throw new Soc2MlError(`unusedAccessAge is ${JSON.stringify(age)}: pass a whole number of days from 1 to 365 (IAM Access Analyzer's range), for example 90.`);
    }
    const name = (suffix: string) => `${Names.uniqueResourceName(this, { maxLength: 200 })}-${suffix}`;
    this.externalAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'ExternalAccess', { type: 'ACCOUNT', analyzerName: name('external') });
    if (props.unusedAccess ?? true) {
      this.unusedAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'UnusedAccess', {
        type: 'ACCOUNT_UNUSED_ACCESS',
        analyzerName: name('unused'),
        analyzerConfiguration: { unusedAccessConfiguration: { unusedAccessAge: age } },
      });
    }
    const targets = [props.alertTopic.eventTarget(events.RuleTargetInput.fromText(this.reminderText(age)))];
    if (props.evidenceArchive) {
      targets.push(props.evidenceArchive.eventTarget(ACCESS_REVIEW_STREAM, ['CC6.2', 'CC6.3']));
    }
    this.reminderRule = new events.Rule(this, 'QuarterlyReminder', {
      description: 'cdk-soc2-ml: the quarterly access review reminder (SOC 2 CC6.2, CC6.3), on the first day of each quarter',
      schedule: events.Schedule.cron({ minute: '0', hour: '9', day: '1', month: '1,4,7,10' }),
      targets,
    });
  }

  private reminderText(age: number): string {
    const unused = this.unusedAccessAnalyzer ? `, ${this.unusedAccessAnalyzer.analyzerName} (roles, users, keys and permissions unused for ${age} days)` : '';
    return 'Quarterly access review (SOC 2 CC6.2, CC6.3) is due. Review and record, with the reviewer\'s name and date: '
      + '1) who holds each persona role in each environment (soc2ml:people, or your identity provider\'s groups) and whether each still needs it; '
      + `2) the active findings of IAM Access Analyzer (IAM console, Access analyzer): ${this.externalAccessAnalyzer.analyzerName} (resources shared outside the account)${unused}; `
      + 'archive or remove each one; 3) the acknowledged exceptions of the audit evidence (soc2-evidence/exceptions in the cloud assembly) whose review date has passed. '
      + 'The findings are also in the evidence archive (stream access-analyzer-findings), and this reminder in stream access-review-reminders.';
  }
}
