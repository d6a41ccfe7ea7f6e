import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TagKeys } from '../constructs/private/classification';
import { SecurityAlertTopic } from '../constructs/security-alert-topic';
import { MlEnvironment, MlEnvironmentProps } from './ml-environment';

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

export interface EnvironmentStackProps extends StackProps, MlEnvironmentProps {
  /** The baseline of the account and region this environment is deployed to (deployed first). */
  readonly baseline: AccountBaselineStack;
}

/** One ML environment (dev, staging or prod) in its own stack. */
export class EnvironmentStack extends Stack {
  /** The environment's platform. */
  public readonly platform: MlEnvironment;
  /** The baseline of the account and region the environment is deployed to. */
  public readonly baseline: AccountBaselineStack;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    Tags.of(this).add(TagKeys.ENVIRONMENT, props.environmentName);
    this.baseline = props.baseline;
    this.addStackDependency(props.baseline, 'the account baseline holds what the environment relies on once per account and region');
    this.platform = new MlEnvironment(this, 'Platform', props);
  }
}
