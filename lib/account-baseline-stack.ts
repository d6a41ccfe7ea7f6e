import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TagKeys } from '../constructs/private/classification';
import { SecurityAlertTopic } from '../constructs/security-alert-topic';

export interface AccountBaselineStackProps extends StackProps {
  /**
   * Addresses that receive account-level alerts.
   *
   * @default - none
   */
  readonly alertEmails?: string[];
}

/** The value of the `Environment` tag on the account baseline. */
export const BASELINE_ENVIRONMENT_TAG = 'account-baseline';

/**
 * What AWS allows once per account and region (threat detection, configuration recording,
 * registry scanning), shared by the environments deployed there. Holds the account-level alert
 * topic.
 */
export class AccountBaselineStack extends Stack {
  /** Account-level security alerts. */
  public readonly alertTopic: SecurityAlertTopic;

  constructor(scope: Construct, id: string, props: AccountBaselineStackProps = {}) {
    super(scope, id, props);
    Tags.of(this).add(TagKeys.ENVIRONMENT, BASELINE_ENVIRONMENT_TAG);
    this.alertTopic = new SecurityAlertTopic(this, 'AccountAlerts', {
      environmentName: BASELINE_ENVIRONMENT_TAG,
      emailAddresses: props.alertEmails,
      displayName: 'SOC 2 ML account security alerts',
    });
  }
}
