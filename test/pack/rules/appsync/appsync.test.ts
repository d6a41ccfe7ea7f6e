import * as path from 'path';
import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * AppSyncNoApiKeyAuth and AppSyncApiLogged over the L2 GraphqlApi (its API-key default included),
 * overrides, conditions and parameters, and the L1 Event API.
 */

const NO_KEY = 'AppSyncNoApiKeyAuth';
const LOGGED = 'AppSyncApiLogged';
const SCHEMA = appsync.Definition.fromFile(path.join(__dirname, '..', '..', '..', 'fixtures', 'appsync', 'schema.graphql'));
const IAM = { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } };
const LOG_ALL = { fieldLogLevel: appsync.FieldLogLevel.ALL };

describe('AppSync', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const graphql = (id: string, props: Partial<appsync.GraphqlApiProps> = {}) => new appsync.GraphqlApi(stack, id, { name: id, definition: SCHEMA, authorizationConfig: IAM, logConfig: LOG_ALL, ...props });
      const l1 = (api: appsync.GraphqlApi) => api.node.defaultChild as appsync.CfnGraphQLApi;

      graphql('Hardened');
      graphql('DefaultAuthorization', { authorizationConfig: undefined });
      graphql('AdditionalApiKey', { authorizationConfig: { ...IAM, additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.API_KEY }] } });
      l1(graphql('ApiKeyOverride')).addPropertyOverride('AuthenticationType', 'API_KEY');
      l1(graphql('ApiKeyInBranch')).addPropertyOverride('AuthenticationType', Fn.conditionIf(useFeature.logicalId, 'AWS_IAM', 'API_KEY'));
      const auth = new CfnParameter(stack, 'AuthType', { type: 'String' });
      l1(graphql('ParameterAuth')).addPropertyOverride('AuthenticationType', auth.valueAsString);

      graphql('Unlogged', { logConfig: undefined });
      graphql('ErrorsOnly', { logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR } });
      graphql('LevelNone', { logConfig: { fieldLogLevel: appsync.FieldLogLevel.NONE } });
      l1(graphql('LevelRemoved')).addPropertyDeletionOverride('LogConfig.FieldLogLevel');
      l1(graphql('LogConfigInBranch')).addPropertyOverride('LogConfig', Fn.conditionIf(useFeature.logicalId, Fn.ref('AWS::NoValue'), { CloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/appsync-logs', FieldLogLevel: 'ALL' }));
      const level = new CfnParameter(stack, 'Level', { type: 'String', allowedValues: ['ERROR', 'ALL'] });
      l1(graphql('ParameterLevel')).addPropertyOverride('LogConfig.FieldLogLevel', level.valueAsString);

      const logsRole = new iam.Role(stack, 'EventLogs', { assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com') });
      const eventApi = (id: string, authType: string, logLevel?: string) => new appsync.CfnApi(stack, id, {
        name: id,
        eventConfig: {
          authProviders: [{ authType }], connectionAuthModes: [{ authType }], defaultPublishAuthModes: [{ authType }], defaultSubscribeAuthModes: [{ authType }],
          logConfig: logLevel === undefined ? undefined : { cloudWatchLogsRoleArn: logsRole.roleArn, logLevel },
        },
      });
      eventApi('EventHardened', 'AWS_IAM', 'ERROR');
      eventApi('EventApiKey', 'API_KEY', 'ALL');
      eventApi('EventUnlogged', 'AWS_IAM');
      eventApi('EventLevelNone', 'AWS_IAM', 'NONE');
    });
  });

  describe(NO_KEY, () => {
    test('passes IAM authorization, fails CDK\'s default (an API key) and an additional API key', () => {
      expect(run.verdict('Test/Hardened/Resource', NO_KEY)).toBe('passed');
      expect(run.verdict('Test/DefaultAuthorization/Resource', NO_KEY)).toBe('failed');
      expect(run.detail('Test/DefaultAuthorization/Resource', NO_KEY)).toMatch(/^It accepts API keys \(API_KEY\)/);
      expect(run.verdict('Test/AdditionalApiKey/Resource', NO_KEY)).toBe('failed');
    });

    test('judges an override, every branch, and fails closed on a free parameter', () => {
      expect(run.verdict('Test/ApiKeyOverride/Resource', NO_KEY)).toBe('failed');
      expect(run.verdict('Test/ApiKeyInBranch/Resource', NO_KEY)).toBe('failed');
      expect(run.detail('Test/ParameterAuth/Resource', NO_KEY)).toMatch(/synth cannot read/);
    });

    test('judges an Event API\'s providers', () => {
      expect(run.verdict('Test/EventHardened', NO_KEY)).toBe('passed');
      expect(run.verdict('Test/EventApiKey', NO_KEY)).toBe('failed');
    });
  });

  describe(LOGGED, () => {
    test('passes a log configuration at ERROR or ALL, fails none at all', () => {
      expect(run.verdict('Test/Hardened/Resource', LOGGED)).toBe('passed');
      expect(run.verdict('Test/ErrorsOnly/Resource', LOGGED)).toBe('passed');
      expect(run.detail('Test/Unlogged/Resource', LOGGED)).toBe('It writes no logs: no log configuration with a CloudWatchLogsRoleArn.');
    });

    test('fails level NONE, set or left absent', () => {
      expect(run.detail('Test/LevelNone/Resource', LOGGED)).toBe('Its FieldLogLevel is NONE, so the errors of its resolvers are not logged.');
      expect(run.detail('Test/LevelRemoved/Resource', LOGGED)).toBe('Its FieldLogLevel is absent (so NONE), so the errors of its resolvers are not logged.');
    });

    test('judges every branch, and a parameter by its AllowedValues', () => {
      expect(run.detail('Test/LogConfigInBranch/Resource', LOGGED)).toBe('It writes no logs (in at least one branch): no log configuration with a CloudWatchLogsRoleArn.');
      expect(run.verdict('Test/ParameterLevel/Resource', LOGGED)).toBe('passed');
    });

    test('judges an Event API\'s log configuration', () => {
      expect(run.verdict('Test/EventHardened', LOGGED)).toBe('passed');
      expect(run.detail('Test/EventUnlogged', LOGGED)).toBe('It writes no logs: no log configuration with a CloudWatchLogsRoleArn in EventConfig.');
      expect(run.verdict('Test/EventLevelNone', LOGGED)).toBe('failed');
    });
  });
});
