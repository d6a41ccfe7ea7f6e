import { App, CfnCondition, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { PackRun, runPack } from '../../helpers';

/*
 * WafWebAclLogged over a web ACL logged in its own stack, logged from another stack, not logged,
 * logged only under a condition the ACL does not share, and logged to nowhere; and
 * ApiGatewayStageWaf's association found through the stage's ARN or the API and the stage's name.
 */

const LOGGED = 'WafWebAclLogged';
const STAGE_WAF = 'ApiGatewayStageWaf';

function webAcl(scope: Construct, id: string): wafv2.CfnWebACL {
  return new wafv2.CfnWebACL(scope, id, {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: id, sampledRequestsEnabled: true },
    rules: [{
      name: 'Common', priority: 0, overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'Common', sampledRequestsEnabled: true },
    }],
  });
}

function logTo(scope: Construct, id: string, acl: wafv2.CfnWebACL): wafv2.CfnLoggingConfiguration {
  const group = new logs.LogGroup(scope, `${id}Group`, { logGroupName: `aws-waf-logs-${id.toLowerCase()}` });
  return new wafv2.CfnLoggingConfiguration(scope, id, { resourceArn: acl.attrArn, logDestinationConfigs: [group.logGroupArn] });
}

function api(scope: Construct, id: string, endpointTypes = [apigw.EndpointType.REGIONAL]): apigw.RestApi {
  const rest = new apigw.RestApi(scope, id, { endpointTypes, cloudWatchRole: false, defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM } });
  rest.root.addMethod('GET', new apigw.MockIntegration());
  return rest;
}

describe('AWS WAF', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPack((app: App) => {
      const stack = new Stack(app, 'Test');
      const other = new Stack(app, 'Logging');
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });

      logTo(stack, 'LoggedConfig', webAcl(stack, 'Logged'));
      webAcl(stack, 'Unlogged');
      logTo(other, 'CrossStackConfig', webAcl(stack, 'LoggedElsewhere'));
      logTo(stack, 'ConditionalConfig', webAcl(stack, 'LoggedUnderCondition')).cfnOptions.condition = useFeature;
      logTo(stack, 'NowhereConfig', webAcl(stack, 'LoggedToNowhere')).addPropertyOverride('LogDestinationConfigs', []);

      // REST API stages: associated by the stage's ARN, by the API and a literal stage name, not at
      // all, and a private API.
      const acl = webAcl(stack, 'ApiAcl');
      logTo(stack, 'ApiAclConfig', acl);
      const byArn = api(stack, 'ByStageArn');
      new wafv2.CfnWebACLAssociation(stack, 'ByStageArnWaf', { resourceArn: byArn.deploymentStage.stageArn, webAclArn: acl.attrArn });
      const byName = api(stack, 'ByApiAndName');
      new wafv2.CfnWebACLAssociation(stack, 'ByApiAndNameWaf', {
        resourceArn: `arn:${stack.partition}:apigateway:${stack.region}::/restapis/${byName.restApiId}/stages/prod`, webAclArn: acl.attrArn,
      });
      const wrongName = api(stack, 'OtherStageName');
      new wafv2.CfnWebACLAssociation(stack, 'OtherStageNameWaf', {
        resourceArn: `arn:${stack.partition}:apigateway:${stack.region}::/restapis/${wrongName.restApiId}/stages/test`, webAclArn: acl.attrArn,
      });
      const crossStack = api(stack, 'AssociatedFromOtherStack');
      new wafv2.CfnWebACLAssociation(other, 'CrossStackWaf', { resourceArn: crossStack.deploymentStage.stageArn, webAclArn: acl.attrArn });
      api(stack, 'NoWaf');
      // Stages a deployment creates (StageName): named only by their API and name.
      const deployed = api(stack, 'DeployedStages');
      new apigw.CfnDeployment(stack, 'DeploymentV1', { restApiId: deployed.restApiId, stageName: 'v1' });
      new wafv2.CfnWebACLAssociation(stack, 'DeploymentV1Waf', {
        resourceArn: `arn:${stack.partition}:apigateway:${stack.region}::/restapis/${deployed.restApiId}/stages/v1`, webAclArn: acl.attrArn,
      });
      new apigw.CfnDeployment(stack, 'DeploymentV2', { restApiId: deployed.restApiId, stageName: 'v2' });
      new apigw.CfnDeployment(stack, 'DeploymentOnly', { restApiId: deployed.restApiId });
      // The association written with Fn::Sub, as in a hand-written template.
      const bySub = api(stack, 'BySubString');
      new wafv2.CfnWebACLAssociation(stack, 'BySubStringWaf', {
        resourceArn: Fn.sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod', { Api: bySub.restApiId }), webAclArn: acl.attrArn,
      });
      const bySubName = api(stack, 'BySubLogicalId');
      const apiId = stack.getLogicalId(bySubName.node.defaultChild as apigw.CfnRestApi);
      new wafv2.CfnWebACLAssociation(stack, 'BySubLogicalIdWaf', {
        resourceArn: Fn.sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${${apiId}}/stages/prod`), webAclArn: acl.attrArn,
      });
      api(stack, 'Private', [apigw.EndpointType.PRIVATE]);
    });
  });

  describe(LOGGED, () => {
    test('passes a web ACL with a logging configuration, in its own stack or another', () => {
      expect(run.verdict('Test/Logged', LOGGED)).toBe('passed');
      expect(run.verdict('Test/LoggedElsewhere', LOGGED)).toBe('passed');
    });

    test('fails a web ACL no logging configuration names', () => {
      expect(run.verdict('Test/Unlogged', LOGGED)).toBe('failed');
      expect(run.detail('Test/Unlogged', LOGGED)).toMatch(/No AWS::WAFv2::LoggingConfiguration of the app names this web ACL/);
    });

    test('a logging configuration under a condition the ACL does not share does not count', () => {
      expect(run.verdict('Test/LoggedUnderCondition', LOGGED)).toBe('failed');
    });

    test('fails a logging configuration with no destination', () => {
      expect(run.detail('Test/LoggedToNowhere', LOGGED)).toMatch(/names no log destination/);
    });
  });

  describe(STAGE_WAF, () => {
    test('passes a stage a web ACL association names by its ARN, or by its API and name, from any stack', () => {
      expect(run.verdict('Test/ByStageArn/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('passed');
      expect(run.verdict('Test/ByApiAndName/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('passed');
      expect(run.verdict('Test/AssociatedFromOtherStack/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('passed');
      expect(run.verdict('Test/BySubString/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('passed');
      expect(run.verdict('Test/BySubLogicalId/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('passed');
    });

    test('warns on a stage no association names, including one naming another stage of its API', () => {
      expect(run.verdict('Test/NoWaf/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('failed');
      expect(run.verdict('Test/OtherStageName/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('failed');
      expect(run.detail('Test/NoWaf/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('No AWS::WAFv2::WebACLAssociation of the app names this stage, so no web ACL filters the requests that reach it.');
    });

    test('judges the stage a deployment creates, by its API and name; a deployment that creates none is not applicable', () => {
      expect(run.verdict('Test/DeploymentV1', STAGE_WAF)).toBe('passed');
      expect(run.verdict('Test/DeploymentV2', STAGE_WAF)).toBe('failed');
      expect(run.verdict('Test/DeploymentOnly', STAGE_WAF)).toBe('not-applicable');
      expect(run.verdict('Test/NoWaf/Deployment/Resource', STAGE_WAF)).toBe('not-applicable');
    });

    test('a private API\'s stage is not applicable', () => {
      expect(run.verdict('Test/Private/DeploymentStage.prod/Resource', STAGE_WAF)).toBe('not-applicable');
    });
  });
});
