import { App, IPolicyValidationPlugin, Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { Construct } from 'constructs';
import { Soc2MlChecks } from '../pack/soc2-ml-checks';
import { ADOPTABLE, BaselineAdoption, CONTEXT_PREFIX, EnvironmentSettings, PIPELINE_NAMESPACE, PipelineSettings, PlatformSettings, platformSettingsFromContext } from '../settings/platform-settings';
import { ConfigRecorderSetup } from '../constructs/continuous-compliance';
import { RegistryScanningSetup } from '../constructs/image-scanning';
import { MacieSetup } from '../constructs/personal-data-discovery';
import { GuardDutySetup, SecurityHubSetup } from '../constructs/threat-detection';
import { AccountBaselineStack, AccountBaselineStackProps } from './account-baseline-stack';
import { DeliveryPipelineStack } from './delivery-pipeline';
import { EnvironmentStack } from './environment-stack';
import { addSummaryNote } from '../core/summary-notes';
import { Soc2MlError } from '../core/errors';
import { checkAlertTopicPlacement } from '../settings/alert-settings';

/** What `buildDefaultApp` created. */
export interface DefaultApp {
  /** One baseline per distinct account and region (one shared by environment-agnostic environments). */
  readonly baselines: AccountBaselineStack[];
  /** One stack per environment, in the order of the settings. */
  readonly environments: EnvironmentStack[];
  /**
   * The delivery pipeline, when `soc2ml:pipeline:account` is set; the baselines and environments
   * are then in its stages, one stage per environment.
   */
  readonly pipeline?: DeliveryPipelineStack;
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

/** Stack name of the delivery pipeline, in the tooling account. */
export const PIPELINE_STACK_NAME = 'soc2ml-pipeline';

/**
 * Build the default platform into `app`: the rule packs at app level, an account baseline per
 * distinct account and region, and one stack per environment. With `soc2ml:pipeline:account`,
 * the environments and their baselines are instead the stages of a delivery pipeline, one stage
 * per environment account. Call it on a new `App`.
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
    new Soc2MlChecks(app, { auditLogRetentionDays: settings.evidenceRetentionDays }),
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
  ]));

  if (settings.pipeline) {
    return buildPipeline(app, settings, settings.pipeline);
  }
  return buildEnvironments(app, settings, settings.environments);
}

/**
 * Build environments into `scope` (the app, or one stage of the pipeline): an account baseline
 * per distinct account and region, then one stack per environment. The one way the default app
 * and the pipeline's stages build an environment and its baseline.
 */
export function buildEnvironments(scope: Construct, settings: PlatformSettings, environmentSettings: readonly EnvironmentSettings[]): DefaultApp {
  const baselines = new Map<string, AccountBaselineStack>();
  const adoptedBy = new Map<string, EnvironmentSettings>();
  const accountsWithTrail = new Set<string>();
  const environments = environmentSettings.map((env) => {
    const placement = env.account ? { account: env.account, region: env.region } : undefined;
    const baselineName = baselineStackName(env.account, env.region);
    let baseline = baselines.get(baselineName);
    const first = adoptedBy.get(baselineName);
    if (first && JSON.stringify(first.adopt) !== JSON.stringify(env.adopt)) {
      throw new Soc2MlError(`Environments "${first.name}" and "${env.name}" share the account baseline ${baselineName} but adopt different singletons (${describeAdoption(first.adopt)} and ${describeAdoption(env.adopt)}): an account and region has one of each. Give ${CONTEXT_PREFIX}${first.name}:adopt and ${CONTEXT_PREFIX}${env.name}:adopt the same value, or set ${CONTEXT_PREFIX}adopt once for both.`);
    }
    adoptedBy.set(baselineName, first ?? env);
    if (!baseline) {
      // One account trail per account: the first baseline of an account records management
      // events; baselines in its other regions hold only a bucket for their environments' data events.
      const accountKey = env.account ?? '(agnostic)';
      const accountTrail = !accountsWithTrail.has(accountKey);
      accountsWithTrail.add(accountKey);
      baseline = new AccountBaselineStack(scope, baselineName, {
        env: placement,
        stackName: baselineName,
        accountTrail,
        ...baselineAlerts(settings, environmentSettings, env),
        evidenceRetentionDays: settings.evidenceRetentionDays,
        ...adoptionProps(env.adopt),
        description: 'cdk-soc2-ml account baseline: what AWS allows once per account and region',
      });
      baselines.set(baselineName, baseline);
    }
    const stack = new EnvironmentStack(scope, environmentStackName(env.name), {
      env: placement,
      stackName: environmentStackName(env.name),
      baseline,
      environmentName: env.name,
      production: env.production,
      alertEmails: env.alertEmails,
      alertSlackChannels: env.alertSlackChannels,
      alertTopicArns: env.alertTopicArns,
      network: { cidr: env.cidr, maxAzs: env.maxAzs, endpoints: env.endpoints, organizationId: settings.organizationId },
      people: env.people,
      identityProvider: settings.identityProvider,
      featureGroups: settings.featureGroups,
      modelFamilies: settings.modelFamilies,
      modelQualityMinimums: settings.modelQualityMinimums,
      model: env.model,
      studioAuthMode: settings.studioAuthMode,
      onCall: env.onCall,
      incidentManagerResponsePlanArn: env.adopt.incidentManagerResponsePlanArn,
      description: `cdk-soc2-ml ${env.name} ML environment`,
    });
    if (env.production && env.onCall.length === 0) {
      // A pinned production environment refuses to synthesize without it (settings); the offline app says so.
      addSummaryNote(stack, `${stack.stackName}: nobody is on call for production incidents; set ${CONTEXT_PREFIX}oncall (people in escalation order) before pinning the environment to an account.`);
    }
    return stack;
  });

  return { baselines: [...baselines.values()], environments };
}

/**
 * Where a baseline's account-level alerts go: the app-wide destinations (`soc2ml:alertEmails`,
 * `soc2ml:alertSlack`), or else those of the environments it serves, so that a production
 * environment whose alerts reach someone never has a baseline whose GuardDuty findings reach no one.
 */
function baselineAlerts(settings: PlatformSettings, all: readonly EnvironmentSettings[], env: EnvironmentSettings): Pick<AccountBaselineStackProps, 'alertEmails' | 'alertSlackChannels' | 'alertTopicArns'> {
  const appTopics = settings.alertTopicArns ?? [];
  if (settings.alertEmails.length > 0 || settings.alertSlackChannels.length > 0 || appTopics.length > 0) {
    checkAlertTopicPlacement(appTopics, `${CONTEXT_PREFIX}alertTopicArn`, env.name, env.account, env.region);
    return { alertEmails: settings.alertEmails, alertSlackChannels: settings.alertSlackChannels, alertTopicArns: appTopics };
  }
  const served = all.filter((e) => e.account === env.account && e.region === env.region);
  const unique = <T>(items: T[]) => [...new Map(items.map((i) => [JSON.stringify(i), i])).values()];
  return {
    alertEmails: unique(served.flatMap((e) => e.alertEmails)),
    alertSlackChannels: unique(served.flatMap((e) => e.alertSlackChannels)),
    alertTopicArns: unique(served.flatMap((e) => e.alertTopicArns ?? [])),
  };
}

/** The baseline props that adopt what `soc2ml:adopt` lists; the rest are created. */
function adoptionProps(adopt: BaselineAdoption): Pick<AccountBaselineStackProps, 'guardDuty' | 'securityHub' | 'configRecorder' | 'registryScanning' | 'macie'> {
  return {
    guardDuty: adopt.guardDutyDetectorId !== undefined ? GuardDutySetup.adopt(adopt.guardDutyDetectorId) : undefined,
    securityHub: adopt.securityHub ? SecurityHubSetup.EXISTING : undefined,
    configRecorder: adopt.configRecorder ? ConfigRecorderSetup.EXISTING : undefined,
    registryScanning: adopt.registryScanning ? RegistryScanningSetup.EXISTING : undefined,
    macie: adopt.macie ? MacieSetup.EXISTING : undefined,
  };
}

function describeAdoption(adopt: BaselineAdoption): string {
  const listed = ADOPTABLE.flatMap((name) => {
    if (name === 'guardDuty') {
      return adopt.guardDutyDetectorId !== undefined ? [`guardDuty:${adopt.guardDutyDetectorId}`] : [];
    }
    if (name === 'incidentManager') {
      return adopt.incidentManagerResponsePlanArn !== undefined ? [`incidentManager:${adopt.incidentManagerResponsePlanArn}`] : [];
    }
    return adopt[name] ? [name] : [];
  });
  return listed.length > 0 ? listed.join(',') : 'nothing';
}

/**
 * The pipeline in the tooling account, and a stage per environment, in order, each with its
 * baseline and environment stacks in its own account; production waits for a person's approval.
 */
function buildPipeline(app: App, settings: PlatformSettings, pipeline: PipelineSettings): DefaultApp {
  const baselines: AccountBaselineStack[] = [];
  const environments: EnvironmentStack[] = [];
  // The app-level plugins judge the stages' stacks too: CDK hands an app's plugins the stacks of
  // every nested assembly, so none is registered on the stages (it would judge them twice).
  const stages = settings.environments.map((env) => {
    const stage = new Stage(app, env.name, { env: { account: env.account, region: env.region } });
    const built = buildEnvironments(stage, settings, [env]);
    baselines.push(...built.baselines);
    environments.push(...built.environments);
    return { stage, requiresApproval: env.production };
  });
  const pipelineStack = new DeliveryPipelineStack(app, PIPELINE_STACK_NAME, {
    env: { account: pipeline.account, region: pipeline.region },
    repository: pipeline.repository,
    branch: pipeline.branch,
    connectionArn: pipeline.connectionArn,
    stages,
    alertEmails: settings.alertEmails,
    synthContext: pipelineSynthContext(app, settings, pipeline),
    description: 'cdk-soc2-ml delivery pipeline: tests and checks every change, then deploys it environment by environment',
  });
  return { baselines, environments, pipeline: pipelineStack };
}

/**
 * The settings that shape the pipeline, as `cdk synth` context: its synth step passes them, so
 * the pipeline rebuilds (and updates) itself exactly as deployed. Everything else is read from
 * the repository's cdk.json.
 */
function pipelineSynthContext(app: App, settings: PlatformSettings, pipeline: PipelineSettings): Record<string, string> {
  const context: Record<string, string> = {
    [`${CONTEXT_PREFIX}environments`]: settings.environments.map((e) => e.name).join(','),
  };
  for (const [key, value] of Object.entries(pipeline)) {
    context[`${CONTEXT_PREFIX}${PIPELINE_NAMESPACE}:${key}`] = value;
  }
  // Where alerts go decides whether a pinned production environment synthesizes at all.
  for (const key of ['alertEmails', 'alertSlack', 'alertTopicArn', ...settings.environments.flatMap((e) => [`${e.name}:alertEmails`, `${e.name}:alertSlack`, `${e.name}:alertTopicArn`])]) {
    const value: unknown = app.node.tryGetContext(`${CONTEXT_PREFIX}${key}`);
    if (value !== undefined) {
      context[`${CONTEXT_PREFIX}${key}`] = typeof value === 'string' ? value
        : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(',') : JSON.stringify(value);
    }
  }
  for (const env of settings.environments) {
    const key = (k: string) => `${CONTEXT_PREFIX}${env.name}:${k}`;
    context[key('account')] = env.account!;
    context[key('region')] = env.region!;
    context[key('availabilityZones')] = env.availabilityZones!.join(',');
    if (app.node.tryGetContext(key('production')) !== undefined) {
      context[key('production')] = String(env.production);
    }
  }
  return context;
}
