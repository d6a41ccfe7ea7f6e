import { Aws, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { IAlertDestination } from './security-alert-topic';
import { alertTarget } from './private/alert-destination';
import { constructIdOf } from '../core/construct-ids';
import { Soc2MlError } from '../core/errors';

/** Options for a GuardDuty detector that `ThreatDetection` creates. */
export interface GuardDutyDetectorOptions {
  /**
   * GuardDuty Runtime Monitoring for EKS, ECS on Fargate and EC2, with the GuardDuty security agent
   * managed by GuardDuty. The agent runs in your workloads: turn it on once you have checked it fits
   * them.
   *
   * @default false
   */
  readonly runtimeMonitoring?: boolean;
}

/**
 * Whether `ThreatDetection` creates the account's GuardDuty detector or adopts the one that
 * exists. An account has at most one detector per region: creating a second fails.
 */
export class GuardDutySetup {
  /** A new detector with the default options (runtime monitoring off). */
  public static readonly NEW_DETECTOR = new GuardDutySetup(undefined, {});

  /** Create the detector, with S3 Protection and Malware Protection for EC2 on. */
  public static create(options: GuardDutyDetectorOptions = {}): GuardDutySetup {
    return new GuardDutySetup(undefined, options);
  }

  /**
   * Adopt the detector that already exists in the account and region (for example one a delegated
   * administrator manages): nothing is created, and its settings stay with its owner.
   *
   * @param detectorId the detector's id (`aws guardduty list-detectors`)
   */
  public static adopt(detectorId: string): GuardDutySetup {
    if (!Token.isUnresolved(detectorId) && !DETECTOR_ID.test(detectorId ?? '')) {
      throw new Soc2MlError(`GuardDutySetup.adopt(detectorId) got ${JSON.stringify(detectorId)}: pass the id of the existing detector, as "aws guardduty list-detectors" prints it (letters and digits, for example "12abc34d567e8fa901bc2d34e56789f0").`);
    }
    return new GuardDutySetup(detectorId, {});
  }

  private constructor(
    /** The adopted detector's id, or undefined when a detector is created. */
    public readonly existingDetectorId: string | undefined,
    /** The options of a created detector. */
    public readonly options: GuardDutyDetectorOptions,
  ) {}
}

const DETECTOR_ID = /^[A-Za-z0-9]{1,300}$/;

/** A Security Hub standard to enable. */
export class SecurityHubStandard {
  /** AWS Foundational Security Best Practices v1.0.0 (always enabled by `ThreatDetection`). */
  public static readonly AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES = new SecurityHubStandard('aws-foundational-security-best-practices/v/1.0.0');
  /** CIS AWS Foundations Benchmark v1.4.0. */
  public static readonly CIS_AWS_FOUNDATIONS_BENCHMARK_1_4 = new SecurityHubStandard('cis-aws-foundations-benchmark/v/1.4.0');
  /** NIST SP 800-53 Rev. 5. */
  public static readonly NIST_800_53_REV_5 = new SecurityHubStandard('nist-800-53/v/5.0.0');
  /** PCI DSS v3.2.1. */
  public static readonly PCI_DSS_3_2_1 = new SecurityHubStandard('pci-dss/v/3.2.1');

  /**
   * A standard by the part of its ARN after `standards/`, for example
   * `cis-aws-foundations-benchmark/v/3.0.0`.
   */
  public static of(standardPath: string): SecurityHubStandard {
    if (!Token.isUnresolved(standardPath) && !/^[a-z0-9-]+\/v\/[0-9.]+$/.test(standardPath ?? '')) {
      throw new Soc2MlError(`SecurityHubStandard.of(standardPath) got ${JSON.stringify(standardPath)}: pass the part of the standard's ARN after "standards/", for example "cis-aws-foundations-benchmark/v/3.0.0" ("aws securityhub describe-standards" lists them).`);
    }
    return new SecurityHubStandard(standardPath);
  }

  private constructor(
    /** The part of the standard's ARN after `standards/`. */
    public readonly standardPath: string,
  ) {}

  /** The standard's ARN in the stack's partition and region. */
  public arn(): string {
    return `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}::standards/${this.standardPath}`;
  }
}

/** Options for a Security Hub that `ThreatDetection` enables. */
export interface SecurityHubOptions {
  /**
   * Standards to enable besides AWS Foundational Security Best Practices.
   *
   * @default - none
   */
  readonly additionalStandards?: SecurityHubStandard[];
}

/**
 * Whether `ThreatDetection` enables Security Hub in the account and region or adopts the hub that
 * is already enabled. Enabling it twice fails.
 */
export class SecurityHubSetup {
  /**
   * Adopt the Security Hub that is already enabled (for example by a delegated administrator with
   * central configuration, which also owns its standards): nothing is created.
   */
  public static readonly EXISTING = new SecurityHubSetup(true, {});

  /** Enable Security Hub with consolidated control findings and the AWS Foundational Security Best Practices standard. */
  public static create(options: SecurityHubOptions = {}): SecurityHubSetup {
    return new SecurityHubSetup(false, options);
  }

  private constructor(
    /** Whether the hub exists already. */
    public readonly adopted: boolean,
    /** The options of a created hub. */
    public readonly options: SecurityHubOptions,
  ) {}
}

export interface ThreatDetectionProps {
  /** Where findings of medium severity and above go. */
  readonly alertTopic: IAlertDestination;

  /**
   * The account's GuardDuty detector: a new one, or the one that exists.
   *
   * @default GuardDutySetup.NEW_DETECTOR
   */
  readonly guardDuty?: GuardDutySetup;

  /**
   * The account's Security Hub: enabled here, or the one that exists.
   *
   * @default SecurityHubSetup.create()
   */
  readonly securityHub?: SecurityHubSetup;
}

/** GuardDuty's severities: low 1.0–3.9, medium 4.0–6.9, high 7.0–8.9, critical 9.0 and above. */
const MEDIUM_SEVERITY = 4;

/**
 * Threat detection for an account and region: a GuardDuty detector (S3 data events and Malware
 * Protection for EC2 as `Features`, runtime monitoring as an option), Security Hub with the AWS
 * Foundational Security Best Practices standard, and an EventBridge rule that sends GuardDuty
 * findings of medium severity and above to the alert topic, written for a person.
 *
 * Each of the detector and the hub can be adopted instead of created: an account and region has
 * only one of each. The alert rule is created either way, since it matches findings of whichever
 * detector the account has.
 */
export class ThreatDetection extends Construct {
  /** The created detector, or undefined when one was adopted. */
  public readonly detector?: guardduty.CfnDetector;
  /** The id of the account's detector, created or adopted. */
  public readonly detectorId: string;
  /** The created hub, or undefined when one was adopted. */
  public readonly hub?: securityhub.CfnHub;
  /** The rule that routes GuardDuty findings to the alert topic. */
  public readonly findingsRule: events.Rule;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    if (!props?.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the SecurityAlertTopic (or any sns.ITopic) that GuardDuty findings go to (for example the account baseline\'s alert topic).');
    }
    const guardDuty = props.guardDuty ?? GuardDutySetup.NEW_DETECTOR;
    const hubSetup = props.securityHub ?? SecurityHubSetup.create();

    if (guardDuty.existingDetectorId === undefined) {
      const features: guardduty.CfnDetector.CFNFeatureConfigurationProperty[] = [
        { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
        { name: 'EBS_MALWARE_PROTECTION', status: 'ENABLED' },
      ];
      if (guardDuty.options.runtimeMonitoring) {
        features.push({
          name: 'RUNTIME_MONITORING',
          status: 'ENABLED',
          additionalConfiguration: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT']
            .map((name) => ({ name, status: 'ENABLED' })),
        });
      }
      // Features only: combined with the older DataSources, CloudFormation deploys the detector badly.
      this.detector = new guardduty.CfnDetector(this, 'Detector', {
        enable: true,
        features,
        // Updates to an existing finding reach EventBridge (and the alert topic) within 15 minutes, not 6 hours.
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
      });
      this.detectorId = this.detector.ref;
    } else {
      this.detectorId = guardDuty.existingDetectorId;
    }

    if (!hubSetup.adopted) {
      this.hub = new securityhub.CfnHub(this, 'SecurityHub', {
        // Standards are enabled explicitly below, so they are part of the template (and the evidence).
        enableDefaultStandards: false,
        controlFindingGenerator: 'SECURITY_CONTROL',
        autoEnableControls: true,
      });
      const standards = [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, ...(hubSetup.options.additionalStandards ?? [])];
      const seen = new Set<string>();
      for (const standard of standards) {
        if (seen.has(standard.standardPath)) {
          continue;
        }
        seen.add(standard.standardPath);
        const cfn = new securityhub.CfnStandard(this, `Standard${constructIdOf(standard.standardPath)}`, { standardsArn: standard.arn() });
        cfn.addResourceDependency(this.hub, 'a standard is enabled in an enabled hub');
      }
    }

    const field = (path: string) => events.EventField.fromPath(path);
    this.findingsRule = new events.Rule(this, 'FindingsToAlerts', {
      description: 'GuardDuty findings of medium severity and above, to the security alert topic.',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: events.Match.greaterThanOrEqual(MEDIUM_SEVERITY) },
      },
      targets: [alertTarget(props.alertTopic, events.RuleTargetInput.fromText(
        `GuardDuty finding, severity ${field('$.detail.severity')} (4-6.9 medium, 7-8.9 high, 9+ critical), `
        + `in account ${field('$.detail.accountId')}, region ${field('$.detail.region')}: ${field('$.detail.title')} `
        + `Type: ${field('$.detail.type')}. Resource: ${field('$.detail.resource.resourceType')}. `
        + `Finding id: ${field('$.detail.id')} (GuardDuty console, Findings). Follow the incident response runbook.`,
      ))],
    });
  }
}
