import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * ApiGatewayStageCacheEncrypted over RestApi stages (no cache, cache encrypted stage-wide, not
 * encrypted, a method override that caches unencrypted or does not cache), deployments that
 * create a stage, overrides, a condition and parameters.
 */

const RULE = 'ApiGatewayStageCacheEncrypted';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const api = (id: string, deployOptions: apigw.StageOptions) => {
        const rest = new apigw.RestApi(stack, id, { deployOptions });
        rest.root.addMethod('GET', new apigw.MockIntegration(), { authorizationType: apigw.AuthorizationType.IAM });
        return rest;
      };
      const stageOf = (rest: apigw.RestApi) => rest.deploymentStage.node.defaultChild as apigw.CfnStage;

      api('NoCache', {});
      // Pair: differ only in cacheDataEncrypted.
      api('CacheEncrypted', { cacheClusterEnabled: true, cachingEnabled: true, cacheDataEncrypted: true });
      api('CacheUnencrypted', { cacheClusterEnabled: true, cachingEnabled: true, cacheDataEncrypted: false });
      // A cluster with no method settings caches GET methods, unencrypted.
      api('ClusterOnly', { cacheClusterEnabled: true });
      // A method setting that caches without encryption, and one that does not cache.
      api('OverrideUnencrypted', {
        cacheClusterEnabled: true, cachingEnabled: true, cacheDataEncrypted: true,
        methodOptions: { '/reports/GET': { cachingEnabled: true, cacheDataEncrypted: false } },
      });
      api('OverrideNotCaching', {
        cacheClusterEnabled: true, cachingEnabled: false,
        methodOptions: { '/reports/GET': { cachingEnabled: false } },
      });
      api('OverrideInherits', {
        cacheClusterEnabled: true, cachingEnabled: true, cacheDataEncrypted: true,
        methodOptions: { '/reports/GET': { cachingEnabled: true } },
      });
      stageOf(api('EncryptionOverridden', { cacheClusterEnabled: true, cachingEnabled: true, cacheDataEncrypted: true }))
        .addPropertyOverride('MethodSettings.0.CacheDataEncrypted', false);
      stageOf(api('ClusterInBranch', { cachingEnabled: true, cacheDataEncrypted: false }))
        .addPropertyOverride('CacheClusterEnabled', Fn.conditionIf(useFeature.logicalId, true, false));
      const encryptedOnly = new CfnParameter(stack, 'EncryptedOnly', { type: 'String', allowedValues: ['true'] });
      stageOf(api('ParameterEncrypted', { cacheClusterEnabled: true, cachingEnabled: true }))
        .addPropertyOverride('MethodSettings.0.CacheDataEncrypted', encryptedOnly.valueAsString);
      const free = new CfnParameter(stack, 'FreeCluster', { type: 'String' });
      stageOf(api('ParameterCluster', { cachingEnabled: true, cacheDataEncrypted: true }))
        .addPropertyOverride('CacheClusterEnabled', free.valueAsString);

      // Deployments that create a stage.
      const rest = new apigw.RestApi(stack, 'ForDeployments', { deploy: false });
      rest.root.addMethod('GET', new apigw.MockIntegration(), { authorizationType: apigw.AuthorizationType.IAM });
      new apigw.CfnDeployment(stack, 'DeploymentEncrypted', { restApiId: rest.restApiId, stageName: 'v1', stageDescription: { cacheClusterEnabled: true, cachingEnabled: true, cacheDataEncrypted: true } });
      new apigw.CfnDeployment(stack, 'DeploymentUnencrypted', { restApiId: rest.restApiId, stageName: 'v2', stageDescription: { cacheClusterEnabled: true, cachingEnabled: true } });
      new apigw.CfnDeployment(stack, 'DeploymentWithoutStage', { restApiId: rest.restApiId });
    });
  });

  test('is not applicable to a stage without a cache cluster, or a deployment that creates no stage', () => {
    expect(run.verdict('Test/NoCache/DeploymentStage.prod/Resource', RULE)).toBe('not-applicable');
    expect(run.verdict('Test/DeploymentWithoutStage', RULE)).toBe('not-applicable');
  });

  test('passes a cache encrypted stage-wide, inherited by a method that caches, or a method that does not cache', () => {
    expect(run.verdict('Test/CacheEncrypted/DeploymentStage.prod/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/OverrideInherits/DeploymentStage.prod/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/DeploymentEncrypted', RULE)).toBe('passed');
    expect(run.verdict('Test/ParameterEncrypted/DeploymentStage.prod/Resource', RULE)).toBe('passed');
  });

  test('fails a cache that is not encrypted, stage-wide or by default', () => {
    expect(run.detail('Test/CacheUnencrypted/DeploymentStage.prod/Resource', RULE)).toBe('Its cache cluster is on and the stage-wide setting (every GET method at least) caches responses unencrypted (CacheDataEncrypted is false).');
    expect(run.detail('Test/ClusterOnly/DeploymentStage.prod/Resource', RULE)).toMatch(/stage-wide setting \(every GET method at least\) caches responses unencrypted \(CacheDataEncrypted is absent, so false\)/);
    expect(run.verdict('Test/EncryptionOverridden/DeploymentStage.prod/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/DeploymentUnencrypted', RULE)).toMatch(/caches responses unencrypted/);
  });

  test('fails a method setting that caches unencrypted; passes one that does not cache', () => {
    expect(run.detail('Test/OverrideUnencrypted/DeploymentStage.prod/Resource', RULE)).toBe('Its cache cluster is on and the method setting for GET /~1reports caches responses unencrypted (CacheDataEncrypted is false).');
    expect(run.verdict('Test/OverrideNotCaching/DeploymentStage.prod/Resource', RULE)).toBe('passed');
  });

  test('judges every branch of the cluster; a parameter without AllowedValues cannot be read', () => {
    expect(run.verdict('Test/ClusterInBranch/DeploymentStage.prod/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/ParameterCluster/DeploymentStage.prod/Resource', RULE)).toMatch(/CacheClusterEnabled comes from a value that cannot be known at synth/);
  });
});
