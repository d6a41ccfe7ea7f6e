import { App, IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { Soc2MlChecks } from './nag/soc2-ml-checks';
import { PlatformSettings, platformSettingsFromContext } from './settings';
import { AccountBaselineStack } from './account-baseline-stack';
import { EnvironmentStack } from './environment-stack';

/** What `buildDefaultApp` created. */
export interface DefaultApp {
  /** One baseline per distinct account and region (one shared by environment-agnostic environments). */
  readonly baselines: AccountBaselineStack[];
  /** One stack per environment, in the order of the settings. */
  readonly environments: EnvironmentStack[];
}

/** Options for `buildDefaultApp`. */
export interface DefaultAppOptions {
  /**
   * The validation plugins applied at app level.
   *
   * @default - Soc2MlChecks and cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 packs
   */
  readonly validationPlugins?: IPolicyValidationPlugin[];
}

/** Stack name of an environment. */
export function environmentStackName(environment: string): string {
  return `soc2ml-${environment}`;
}

/** Stack name of a baseline; the environment-agnostic one has no suffix. */
export function baselineStackName(account?: string, region?: string): string {
  return account ? `soc2ml-baseline-${account}-${region}` : 'soc2ml-baseline';
}

/**
 * Build the default platform into `app`: the rule packs at app level, an account baseline per
 * distinct account and region, and one stack per environment. Call it on a new `App`.
 */
export function buildDefaultApp(app: App, settings: PlatformSettings = platformSettingsFromContext(app), options: DefaultAppOptions = {}): DefaultApp {
  // Pinned environments carry their zones in context under the key CDK's lookup would fill,
  // so nothing at synth time goes to AWS.
  for (const env of settings.environments) {
    if (env.account && env.availabilityZones) {
      app.node.setContext(`availability-zones:account=${env.account}:region=${env.region}`, env.availabilityZones);
    }
  }

  Validations.of(app).addPlugins(...(options.validationPlugins ?? [
    new Soc2MlChecks(app),
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
  ]));

  const baselines = new Map<string, AccountBaselineStack>();
  const accountsWithTrail = new Set<string>();
  const environments = settings.environments.map((env) => {
    const placement = env.account ? { account: env.account, region: env.region } : undefined;
    const baselineName = baselineStackName(env.account, env.region);
    let baseline = baselines.get(baselineName);
    if (!baseline) {
      // One account trail per account: the first baseline of an account records management
      // events; baselines in its other regions hold only a bucket for their environments' data events.
      const accountKey = env.account ?? '(agnostic)';
      const accountTrail = !accountsWithTrail.has(accountKey);
      accountsWithTrail.add(accountKey);
      baseline = new AccountBaselineStack(app, baselineName, {
        env: placement,
        accountTrail,
        alertEmails: settings.alertEmails,
        description: 'cdk-soc2-ml account baseline: what AWS allows once per account and region',
      });
      baselines.set(baselineName, baseline);
    }
    return new EnvironmentStack(app, environmentStackName(env.name), {
      env: placement,
      baseline,
      environmentName: env.name,
      production: env.production,
      alertEmails: env.alertEmails,
      network: { cidr: env.cidr, maxAzs: env.maxAzs, endpoints: env.endpoints, organizationId: settings.organizationId },
      people: env.people,
      identityProvider: settings.identityProvider,
      featureGroups: settings.featureGroups,
      modelFamilies: settings.modelFamilies,
      studioAuthMode: settings.studioAuthMode,
      description: `cdk-soc2-ml ${env.name} ML environment`,
    });
  });

  return { baselines: [...baselines.values()], environments };
}
