import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Soc2MlError } from '../core/errors';

/** A security-relevant change watched in the CloudTrail log group. The value is the metric name. */
export enum SecurityChange {
  /** API calls refused for lack of permission (CIS AWS Foundations 4.1, Security Hub CloudWatch.2). */
  UNAUTHORIZED_API_CALLS = 'UnauthorizedApiCalls',
  /** Successful console sign-in of an IAM user without MFA (CIS 4.2, CloudWatch.3). */
  CONSOLE_SIGN_IN_WITHOUT_MFA = 'ConsoleSignInWithoutMfa',
  /** Any use of the root user (CIS 4.3, CloudWatch.1). */
  ROOT_USAGE = 'RootUsage',
  /** IAM policies created, changed, attached or detached; role trust and boundaries changed (CIS 4.4, CloudWatch.4). */
  IAM_POLICY_CHANGES = 'IamPolicyChanges',
  /** Trails created, changed, stopped or deleted, and their event selectors changed (CIS 4.5, CloudWatch.5). */
  CLOUDTRAIL_CHANGES = 'CloudTrailChanges',
  /** KMS keys disabled or scheduled for deletion (CIS 4.7, CloudWatch.7). */
  KMS_KEY_DISABLED_OR_DELETED = 'KmsKeyDisabledOrScheduledForDeletion',
  /** S3 bucket policies, ACLs, CORS, lifecycle, replication and Block Public Access changed (CIS 4.8, CloudWatch.8). */
  S3_BUCKET_POLICY_CHANGES = 'S3BucketPolicyChanges',
  /** AWS Config recorders and delivery channels changed, stopped or deleted (CIS 4.9, CloudWatch.9). */
  CONFIG_CHANGES = 'ConfigChanges',
  /** Security groups and their rules changed (CIS 4.10, CloudWatch.10). */
  SECURITY_GROUP_CHANGES = 'SecurityGroupChanges',
  /** Network ACLs and their entries changed (CIS 4.11, CloudWatch.11). */
  NETWORK_ACL_CHANGES = 'NetworkAclChanges',
  /** Internet and customer gateways changed (CIS 4.12, CloudWatch.12). */
  NETWORK_GATEWAY_CHANGES = 'NetworkGatewayChanges',
  /** Routes and route tables changed (CIS 4.13, CloudWatch.13). */
  ROUTE_TABLE_CHANGES = 'RouteTableChanges',
  /** VPCs, VPC peering and VPC endpoints changed (CIS 4.14, CloudWatch.14; endpoints added). */
  VPC_CHANGES = 'VpcChanges',
  /** SageMaker model packages updated (approval status) or registered already approved. */
  MODEL_PACKAGE_APPROVAL_CHANGES = 'ModelPackageApprovalChanges',
  /** SageMaker endpoints updated or deleted, endpoint configurations deleted. */
  ENDPOINT_CHANGES = 'EndpointChanges',
  /** SageMaker Feature Store feature groups deleted. */
  FEATURE_GROUP_DELETIONS = 'FeatureGroupDeletions',
}

export interface SecurityChangeAlarmsProps {
  /** The CloudWatch Logs log group a trail recording management events delivers to. */
  readonly logGroup: logs.ILogGroup;

  /** Where alarms go (a `SecurityAlertTopic`'s topic admits this account's alarms). */
  readonly alertTopic: sns.ITopic;

  /**
   * The CloudWatch namespace of the metrics.
   *
   * @default 'Soc2Ml/AuditTrail'
   */
  readonly metricNamespace?: string;
}

const P = logs.FilterPattern;

function eq(field: string, value: string): logs.JsonPattern {
  return P.stringValue(`$.${field}`, '=', value);
}

function ne(field: string, value: string): logs.JsonPattern {
  return P.stringValue(`$.${field}`, '!=', value);
}

/** Calls of the given names from one service. */
function calls(eventSource: string, eventNames: readonly string[]): logs.JsonPattern {
  return P.all(eq('eventSource', eventSource), P.any(...eventNames.map((name) => eq('eventName', name))));
}

interface ChangeDefinition {
  readonly pattern: logs.JsonPattern;
  /** What happened and what to do, in the alarm description a person reads. */
  readonly description: string;
}

/**
 * The filter patterns, written from CloudTrail event names (the CIS AWS Foundations Benchmark's
 * monitoring section for the well-known ones, with calls it predates added).
 */
const SECURITY_CHANGE_DEFINITIONS: Readonly<Record<SecurityChange, ChangeDefinition>> = {
  [SecurityChange.UNAUTHORIZED_API_CALLS]: {
    pattern: P.all(
      P.any(eq('errorCode', '*UnauthorizedOperation'), eq('errorCode', 'AccessDenied*')),
      // Log delivery probing bucket ACLs and HeadBucket existence checks are routine denials.
      ne('sourceIPAddress', 'delivery.logs.amazonaws.com'),
      ne('eventName', 'HeadBucket'),
    ),
    description: 'API calls were refused for lack of permission. Find the principal in the trail: a misconfigured workload, or someone probing what they can reach.',
  },
  [SecurityChange.CONSOLE_SIGN_IN_WITHOUT_MFA]: {
    pattern: P.all(
      eq('eventName', 'ConsoleLogin'),
      ne('additionalEventData.MFAUsed', 'Yes'),
      // Federated (IAM Identity Center) sign-ins carry the IdP's MFA, not this field.
      eq('userIdentity.type', 'IAMUser'),
      eq('responseElements.ConsoleLogin', 'Success'),
    ),
    description: 'An IAM user signed in to the console without MFA. People sign in through the identity provider with MFA; find and remove the user\'s password.',
  },
  [SecurityChange.ROOT_USAGE]: {
    pattern: P.all(eq('userIdentity.type', 'Root'), P.notExists('$.userIdentity.invokedBy'), ne('eventType', 'AwsServiceEvent')),
    description: 'The root user made a call. Confirm it was a documented break-glass or root-only task; otherwise treat the root credentials as compromised.',
  },
  [SecurityChange.IAM_POLICY_CHANGES]: {
    pattern: calls('iam.amazonaws.com', [
      'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion',
      'PutRolePolicy', 'DeleteRolePolicy', 'PutUserPolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'DeleteGroupPolicy',
      'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
      'UpdateAssumeRolePolicy', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary',
    ]),
    description: 'An IAM policy, role trust policy or permissions boundary changed. Match it to an approved change (a deployment); anything else is unauthorized access change.',
  },
  [SecurityChange.CLOUDTRAIL_CHANGES]: {
    pattern: calls('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging', 'PutEventSelectors']),
    description: 'A trail was created, changed, stopped or deleted, or what it records changed. The audit trail must be continuous: restore it and explain the gap.',
  },
  [SecurityChange.KMS_KEY_DISABLED_OR_DELETED]: {
    pattern: calls('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
    description: 'A KMS key was disabled or scheduled for deletion, which makes what it encrypts unreadable. Cancel the deletion (CancelKeyDeletion) or re-enable it unless this was approved.',
  },
  [SecurityChange.S3_BUCKET_POLICY_CHANGES]: {
    pattern: calls('s3.amazonaws.com', [
      'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketCors', 'DeleteBucketCors',
      'PutBucketLifecycle', 'DeleteBucketLifecycle', 'PutBucketReplication', 'DeleteBucketReplication',
      'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock',
    ]),
    description: 'An S3 bucket policy, ACL, CORS, lifecycle, replication or Block Public Access setting changed. Match it to an approved change; check that no data became reachable from outside.',
  },
  [SecurityChange.CONFIG_CHANGES]: {
    pattern: calls('config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'PutConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel']),
    description: 'AWS Config recording or delivery changed, stopped or was deleted. Configuration history is audit evidence: restore recording and explain the gap.',
  },
  [SecurityChange.SECURITY_GROUP_CHANGES]: {
    pattern: calls('ec2.amazonaws.com', [
      'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
      'ModifySecurityGroupRules', 'CreateSecurityGroup', 'DeleteSecurityGroup',
    ]),
    description: 'A security group or its rules changed. Match it to an approved change; check that nothing was opened to the internet.',
  },
  [SecurityChange.NETWORK_ACL_CHANGES]: {
    pattern: calls('ec2.amazonaws.com', ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation']),
    description: 'A network ACL or its entries changed. Match it to an approved change.',
  },
  [SecurityChange.NETWORK_GATEWAY_CHANGES]: {
    pattern: calls('ec2.amazonaws.com', ['CreateCustomerGateway', 'DeleteCustomerGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'AttachInternetGateway', 'DetachInternetGateway']),
    description: 'An internet or customer gateway changed: a network path in or out of the VPC appeared or went away. Match it to an approved change.',
  },
  [SecurityChange.ROUTE_TABLE_CHANGES]: {
    pattern: calls('ec2.amazonaws.com', ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']),
    description: 'A route or route table changed, which can send private traffic somewhere new. Match it to an approved change.',
  },
  [SecurityChange.VPC_CHANGES]: {
    pattern: calls('ec2.amazonaws.com', [
      'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute',
      'CreateVpcPeeringConnection', 'AcceptVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection',
      'CreateVpcEndpoint', 'ModifyVpcEndpoint', 'DeleteVpcEndpoints',
    ]),
    description: 'A VPC, a peering connection or a VPC endpoint (and its policy) changed. Match it to an approved change.',
  },
  [SecurityChange.MODEL_PACKAGE_APPROVAL_CHANGES]: {
    pattern: P.all(eq('eventSource', 'sagemaker.amazonaws.com'), P.any(
      // UpdateModelPackage is how a model's approval status changes (and its metadata).
      eq('eventName', 'UpdateModelPackage'),
      P.all(eq('eventName', 'CreateModelPackage'), eq('requestParameters.modelApprovalStatus', 'Approved')),
    )),
    description: 'A model package was updated (approval status) or registered already approved. Approved models reach production: confirm the approver and the model review.',
  },
  [SecurityChange.ENDPOINT_CHANGES]: {
    // Endpoint configurations cannot be updated in place: a new one takes effect through UpdateEndpoint.
    pattern: calls('sagemaker.amazonaws.com', ['UpdateEndpoint', 'UpdateEndpointWeightsAndCapacities', 'DeleteEndpoint', 'DeleteEndpointConfig']),
    description: 'A SageMaker endpoint was updated (new configuration, model or traffic weights) or deleted, or an endpoint configuration was deleted. Match it to an approved deployment.',
  },
  [SecurityChange.FEATURE_GROUP_DELETIONS]: {
    pattern: calls('sagemaker.amazonaws.com', ['DeleteFeatureGroup']),
    description: 'A Feature Store feature group was deleted, with its online store. Confirm it was approved and that its offline store and lineage are kept.',
  },
};

/**
 * A metric filter on a trail's CloudWatch Logs log group and an alarm to the alert topic for each
 * `SecurityChange`: any matching event in five minutes raises the alarm. Works on any log group a
 * management-event trail delivers to (`AuditTrail`, or an organization trail's group in this
 * account and region).
 */
export class SecurityChangeAlarms extends Construct {
  /** The alarm of each change. */
  public readonly alarms: Readonly<Record<SecurityChange, cloudwatch.Alarm>>;
  /** The metric filter of each change. */
  public readonly metricFilters: Readonly<Record<SecurityChange, logs.MetricFilter>>;

  constructor(scope: Construct, id: string, props: SecurityChangeAlarmsProps) {
    super(scope, id);
    if (!props?.logGroup) {
      throw new Soc2MlError('logGroup is required: pass the CloudWatch Logs log group of a trail that records management events (for example auditTrail.logGroup).');
    }
    if (!props.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the topic alarms go to (for example securityAlertTopic.topic).');
    }
    const namespace = props.metricNamespace ?? 'Soc2Ml/AuditTrail';
    const action = new actions.SnsAction(props.alertTopic);
    const alarms: Partial<Record<SecurityChange, cloudwatch.Alarm>> = {};
    const filters: Partial<Record<SecurityChange, logs.MetricFilter>> = {};
    for (const change of Object.values(SecurityChange)) {
      const definition = SECURITY_CHANGE_DEFINITIONS[change];
      const filter = new logs.MetricFilter(this, `${change}Filter`, {
        logGroup: props.logGroup,
        filterPattern: definition.pattern,
        metricNamespace: namespace,
        metricName: change,
        metricValue: '1',
      });
      const alarm = new cloudwatch.Alarm(this, `${change}Alarm`, {
        alarmDescription: definition.description,
        metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        // No matching event means no data point: nothing happened.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarms[change] = alarm;
      filters[change] = filter;
    }
    this.alarms = alarms as Record<SecurityChange, cloudwatch.Alarm>;
    this.metricFilters = filters as Record<SecurityChange, logs.MetricFilter>;
  }
}
