import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TagKeys } from '../constructs/private/classification';
import { AccountBaselineStack } from './account-baseline-stack';
import { MlEnvironment, MlEnvironmentProps } from './ml-environment';

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
