import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AuditTrail, SecurityAlertTopic, SecurityChange, SecurityChangeAlarms, SecurityChangeAlarmsProps } from '../../index';

describe('SecurityChangeAlarms on an AuditTrail, to a SecurityAlertTopic', () => {
  const stack = new Stack(new App(), 'Baseline');
  const trail = new AuditTrail(stack, 'AuditTrail');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const changes = new SecurityChangeAlarms(stack, 'ChangeAlarms', { logGroup: trail.logGroup, alertTopic: alerts.topic });
  const template = Template.fromStack(stack);
  const groupId = stack.getLogicalId(trail.logGroup.node.defaultChild as never);
  const filters = template.findResources('AWS::Logs::MetricFilter');
  const patternOf = (change: SecurityChange) => {
    const found = Object.values(filters).filter((f) => f.Properties.MetricTransformations[0].MetricName === change);
    expect(found).toHaveLength(1);
    return found[0].Properties.FilterPattern as string;
  };

  test('one metric filter on the trail\'s log group and one alarm per change, sixteen in all', () => {
    expect(Object.values(SecurityChange)).toHaveLength(16);
    template.resourceCountIs('AWS::Logs::MetricFilter', 16);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 16);
    for (const change of Object.values(SecurityChange)) {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: groupId },
        MetricTransformations: [{ MetricNamespace: 'Soc2Ml/AuditTrail', MetricName: change, MetricValue: '1' }],
      });
      expect(changes.alarms[change]).toBeDefined();
      expect(changes.metricFilters[change]).toBeDefined();
    }
  });

  test('every alarm fires on one matching event in five minutes, to the alert topic, and is quiet without events', () => {
    for (const change of Object.values(SecurityChange)) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Soc2Ml/AuditTrail',
        MetricName: change,
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
        AlarmDescription: Match.stringLikeRegexp('.{40,}'),
      });
    }
  });

  test('the CIS patterns: unauthorized calls, console sign-in without MFA, root use', () => {
    expect(patternOf(SecurityChange.UNAUTHORIZED_API_CALLS)).toBe(
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }');
    expect(patternOf(SecurityChange.CONSOLE_SIGN_IN_WITHOUT_MFA)).toBe(
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }');
    expect(patternOf(SecurityChange.ROOT_USAGE)).toBe(
      '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }');
  });

  test('the change patterns name the service and its calls', () => {
    const calls = (source: string, names: string[]) => `{ ($.eventSource = "${source}") && (${names.map((n) => `($.eventName = "${n}")`).join(' || ')}) }`;
    expect(patternOf(SecurityChange.IAM_POLICY_CHANGES)).toBe(calls('iam.amazonaws.com', [
      'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion',
      'PutRolePolicy', 'DeleteRolePolicy', 'PutUserPolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'DeleteGroupPolicy',
      'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
      'UpdateAssumeRolePolicy', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary',
    ]));
    expect(patternOf(SecurityChange.CLOUDTRAIL_CHANGES)).toBe(calls('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging', 'PutEventSelectors']));
    expect(patternOf(SecurityChange.KMS_KEY_DISABLED_OR_DELETED)).toBe(calls('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']));
    expect(patternOf(SecurityChange.S3_BUCKET_POLICY_CHANGES)).toBe(calls('s3.amazonaws.com', [
      'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketCors', 'DeleteBucketCors', 'PutBucketLifecycle', 'DeleteBucketLifecycle',
      'PutBucketReplication', 'DeleteBucketReplication', 'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock',
    ]));
    expect(patternOf(SecurityChange.CONFIG_CHANGES)).toBe(calls('config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'PutConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel']));
    expect(patternOf(SecurityChange.SECURITY_GROUP_CHANGES)).toBe(calls('ec2.amazonaws.com', [
      'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
      'ModifySecurityGroupRules', 'CreateSecurityGroup', 'DeleteSecurityGroup',
    ]));
    expect(patternOf(SecurityChange.NETWORK_ACL_CHANGES)).toBe(calls('ec2.amazonaws.com', ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation']));
    expect(patternOf(SecurityChange.NETWORK_GATEWAY_CHANGES)).toBe(calls('ec2.amazonaws.com', ['CreateCustomerGateway', 'DeleteCustomerGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'AttachInternetGateway', 'DetachInternetGateway']));
    expect(patternOf(SecurityChange.ROUTE_TABLE_CHANGES)).toBe(calls('ec2.amazonaws.com', ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']));
    expect(patternOf(SecurityChange.VPC_CHANGES)).toBe(calls('ec2.amazonaws.com', [
      'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'CreateVpcPeeringConnection', 'AcceptVpcPeeringConnection', 'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection', 'CreateVpcEndpoint', 'ModifyVpcEndpoint', 'DeleteVpcEndpoints',
    ]));
  });

  test('the ML patterns: model approvals, endpoint changes, feature group deletions', () => {
    expect(patternOf(SecurityChange.MODEL_PACKAGE_APPROVAL_CHANGES)).toBe(
      '{ ($.eventSource = "sagemaker.amazonaws.com") && (($.eventName = "UpdateModelPackage") || (($.eventName = "CreateModelPackage") && ($.requestParameters.modelApprovalStatus = "Approved"))) }');
    expect(patternOf(SecurityChange.ENDPOINT_CHANGES)).toBe(
      '{ ($.eventSource = "sagemaker.amazonaws.com") && (($.eventName = "UpdateEndpoint") || ($.eventName = "UpdateEndpointWeightsAndCapacities") || ($.eventName = "DeleteEndpoint") || ($.eventName = "DeleteEndpointConfig")) }');
    expect(patternOf(SecurityChange.FEATURE_GROUP_DELETIONS)).toBe(
      '{ ($.eventSource = "sagemaker.amazonaws.com") && ($.eventName = "DeleteFeatureGroup") }');
  });

  test('every pattern fits CloudWatch Logs\' 1,024-character limit', () => {
    for (const change of Object.values(SecurityChange)) {
      expect({ change, length: patternOf(change).length <= 1024 }).toEqual({ change, length: true });
    }
  });
});

describe('SecurityChangeAlarms composed into an existing stack', () => {
  test('on an imported log group (for example an organization trail\'s), to an imported topic, in a namespace of your own', () => {
    const stack = new Stack(new App(), 'Existing', { env: { account: '111111111111', region: 'eu-west-1' } });
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'OrgTrailLogs', 'aws-controltower/CloudTrailLogs');
    const topic = sns.Topic.fromTopicArn(stack, 'TheirTopic', 'arn:aws:sns:eu-west-1:111111111111:security-alerts');
    new SecurityChangeAlarms(stack, 'ChangeAlarms', { logGroup, alertTopic: topic, metricNamespace: 'Acme/Security' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: 'aws-controltower/CloudTrailLogs',
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'Acme/Security', MetricName: 'RootUsage' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:eu-west-1:111111111111:security-alerts'] });
  });
});

describe('SecurityChangeAlarms rejects bad input', () => {
  const make = (props: Partial<SecurityChangeAlarmsProps>) => () => new SecurityChangeAlarms(new Stack(new App(), 'S'), 'A', props as SecurityChangeAlarmsProps);

  test('a missing log group or topic from a JavaScript caller', () => {
    const stack = new Stack(new App(), 'T');
    const topic = new sns.Topic(stack, 'T');
    const logGroup = new logs.LogGroup(stack, 'G');
    expect(make({ alertTopic: topic })).toThrow(/logGroup is required: pass the CloudWatch Logs log group of a trail that records management events/);
    expect(make({ logGroup })).toThrow(/alertTopic is required/);
  });
});
