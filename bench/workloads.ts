import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';

/**
 * One ML workload as the pack sees it: a model package group, a model, an endpoint config, an
 * endpoint, a feature group and a monitoring schedule, all hardened (the pack evaluates every
 * check on them, no shortcuts through early failures).
 */
export function addWorkload(scope: Construct, id: string, key: kms.IKey, roleArn: string): void {
  const w = new Construct(scope, id);
  const name = `w${id.toLowerCase()}`;
  const vpcConfig = { securityGroupIds: ['sg-0123456789abcdef0'], subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] };
  new sagemaker.CfnModelPackageGroup(w, 'Group', { modelPackageGroupName: name });
  const model = new sagemaker.CfnModel(w, 'Model', {
    executionRoleArn: roleArn,
    enableNetworkIsolation: true,
    vpcConfig,
    primaryContainer: { image: Stack.of(scope).formatArn({ service: 'ecr', resource: 'repository', resourceName: 'serving' }), modelDataUrl: `s3://models/${name}/model.tar.gz` },
  });
  const config = new sagemaker.CfnEndpointConfig(w, 'Config', {
    kmsKeyId: key.keyArn,
    productionVariants: [{ variantName: 'blue', modelName: model.attrModelName, initialInstanceCount: 2, instanceType: 'ml.m5.large', initialVariantWeight: 1 }],
    dataCaptureConfig: { initialSamplingPercentage: 100, destinationS3Uri: `s3://capture/${name}`, kmsKeyId: key.keyArn, captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }] },
  });
  const endpoint = new sagemaker.CfnEndpoint(w, 'Endpoint', { endpointConfigName: config.attrEndpointConfigName });
  new sagemaker.CfnFeatureGroup(w, 'Features', {
    featureGroupName: name,
    recordIdentifierFeatureName: 'id',
    eventTimeFeatureName: 'ts',
    featureDefinitions: [{ featureName: 'id', featureType: 'String' }, { featureName: 'ts', featureType: 'String' }, { featureName: 'x', featureType: 'Fractional' }],
    onlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: key.keyArn } },
    offlineStoreConfig: { S3StorageConfig: { S3Uri: `s3://offline/${name}`, KmsKeyId: key.keyArn } },
    roleArn,
  });
  new sagemaker.CfnMonitoringSchedule(w, 'Monitor', {
    monitoringScheduleName: name,
    monitoringScheduleConfig: {
      scheduleConfig: { scheduleExpression: 'cron(0 * ? * * *)' },
      monitoringJobDefinition: {
        roleArn,
        monitoringAppSpecification: { imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/monitor:1' },
        monitoringInputs: [{ endpointInput: { endpointName: endpoint.attrEndpointName, localPath: '/opt/ml/processing/input' } }],
        monitoringOutputConfig: { kmsKeyId: key.keyArn, monitoringOutputs: [{ s3Output: { localPath: '/opt/ml/processing/output', s3Uri: `s3://monitoring/${name}` } }] },
        monitoringResources: { clusterConfig: { instanceCount: 1, instanceType: 'ml.m5.large', volumeSizeInGb: 20, volumeKmsKeyId: key.keyArn } },
        networkConfig: { enableNetworkIsolation: true, enableInterContainerTrafficEncryption: true, vpcConfig },
      },
    },
  });
}
