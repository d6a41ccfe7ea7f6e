import { PackRule, Severity } from '../../rule';
import { AppSyncApiLogged } from './AppSyncApiLogged';
import { AppSyncNoApiKeyAuth } from './AppSyncNoApiKeyAuth';

/** The AppSync rules, with the criteria, words and severity the pack gives them. */
export const APPSYNC_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: AppSyncNoApiKeyAuth,
    criteria: ['CC6.1'],
    rationale: 'Every caller is authenticated as a user or role that access can be granted to and revoked from (CC6.1), not by a key shared among clients.',
    severity: Severity.ERROR,
    finding: 'AppSync API accepts API keys.',
    fix: 'Authenticate callers with IAM, a Cognito user pool, OpenID Connect or a Lambda authorizer: authorizationConfig: { defaultAuthorization: { authorizationType: AuthorizationType.IAM } } on GraphqlApi (without it CDK uses an API key), and no API_KEY among additionalAuthorizationModes; i.e. AuthenticationType and AdditionalAuthenticationProviders[].AuthenticationType, or an Event API\'s EventConfig.AuthProviders[].AuthType, other than API_KEY. A deliberately public read-only API: acknowledge with that reason.',
  },
  {
    kind: 'resource',
    rule: AppSyncApiLogged,
    criteria: ['CC7.2'],
    rationale: 'Requests to the API and the errors of its resolvers are recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'AppSync API writes no logs, or logs at level NONE.',
    fix: 'Set logConfig: { fieldLogLevel: FieldLogLevel.ERROR (or ALL), retention } on GraphqlApi, which creates the role AppSync writes through; i.e. LogConfig.CloudWatchLogsRoleArn and LogConfig.FieldLogLevel ERROR, INFO, DEBUG or ALL; for an Event API, EventConfig.LogConfig with CloudWatchLogsRoleArn and LogLevel other than NONE.',
  },
];
