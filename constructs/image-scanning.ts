import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { IAlertDestination } from './security-alert-topic';
import { alertTarget } from './private/alert-destination';
import { Soc2MlError } from '../core/errors';

/**
 * Whether `ImageScanning` sets the registry's scanning configuration or adopts the one that is
 * set (a registry has exactly one, and the last writer wins).
 */
export class RegistryScanningSetup {
  /** Scan every repository of the registry with Amazon Inspector (enhanced scanning), continuously. */
  public static readonly ENHANCED_CONTINUOUS = new RegistryScanningSetup(false);

  /** Leave the registry's scanning configuration to its owner (for example an Inspector delegated administrator). */
  public static readonly EXISTING = new RegistryScanningSetup(true);

  private constructor(
    /** Whether the registry's configuration is someone else's. */
    public readonly adopted: boolean,
  ) {}
}

export interface ImageScanningProps {
  /** Where critical and high Inspector findings about container images go. */
  readonly alertTopic: IAlertDestination;

  /**
   * The registry's scanning configuration: set here, or the one that exists.
   *
   * @default RegistryScanningSetup.ENHANCED_CONTINUOUS
   */
  readonly registryScanning?: RegistryScanningSetup;
}

/**
 * Vulnerability scanning of every container image in the account's ECR registry: enhanced
 * scanning (Amazon Inspector), continuous for all repositories, so images are rescanned as new
 * vulnerabilities are published, not only when pushed. Active critical and high Inspector
 * findings on ECR images go to the alert topic, written for a person.
 */
export class ImageScanning extends Construct {
  /** The registry scanning configuration, or undefined when adopted. */
  public readonly registryScanningConfiguration?: ecr.CfnRegistryScanningConfiguration;
  /** The rule that routes image findings to the alert topic. */
  public readonly findingsRule: events.Rule;

  constructor(scope: Construct, id: string, props: ImageScanningProps) {
    super(scope, id);
    if (!props?.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the SecurityAlertTopic (or any sns.ITopic) that critical and high image findings go to.');
    }
    if (!(props.registryScanning ?? RegistryScanningSetup.ENHANCED_CONTINUOUS).adopted) {
      this.registryScanningConfiguration = new ecr.CfnRegistryScanningConfiguration(this, 'Resource', {
        scanType: 'ENHANCED',
        rules: [{
          scanFrequency: 'CONTINUOUS_SCAN',
          repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }],
        }],
      });
    }

    const field = (path: string) => events.EventField.fromPath(path);
    this.findingsRule = new events.Rule(this, 'FindingsToAlerts', {
      description: 'Active critical and high Amazon Inspector findings on ECR container images, to the security alert topic.',
      eventPattern: {
        source: ['aws.inspector2'],
        detailType: ['Inspector2 Finding'],
        detail: {
          severity: ['CRITICAL', 'HIGH'],
          status: ['ACTIVE'],
          resources: { type: ['AWS_ECR_CONTAINER_IMAGE'] },
        },
      },
      targets: [alertTarget(props.alertTopic, events.RuleTargetInput.fromText(
        `Amazon Inspector ${field('$.detail.severity')} finding on a container image in account ${field('$.detail.awsAccountId')}: `
        + `${field('$.detail.title')} Image: ${field('$.detail.resources[0].id')}. `
        + `Finding: ${field('$.detail.findingArn')}. Rebuild the image with the fixed package, or record the accepted risk.`,
      ))],
    });
  }
}
