import { failed, passed, ResourceRule } from '../../rule';
import { isUnset, someBranchNote } from '../../values';
import { valuesAt } from '../../readers';
import { EVENT_API, GRAPHQL_API, settingValues } from './private';

/**
 * An AppSync API writes its logs to CloudWatch Logs: a log configuration with the role AppSync
 * writes through (`CloudWatchLogsRoleArn`) and a level other than `NONE`, so requests and the
 * errors of their resolvers or handlers are recorded. A GraphQL API's `LogConfig.FieldLogLevel`
 * (absent means `NONE`); an Event API's `EventConfig.LogConfig.LogLevel`. Every `Fn::If` branch
 * counts, a parameter by its `AllowedValues`; a level synth cannot read fails closed.
 */
export const AppSyncApiLogged: ResourceRule = {
  id: 'AppSyncApiLogged',
  resourceTypes: [GRAPHQL_API, EVENT_API],
  passes: 'A GraphQL API sets `LogConfig.CloudWatchLogsRoleArn` and a `LogConfig.FieldLogLevel` of `ERROR`, `INFO`, `DEBUG` or `ALL` (the L2\'s `logConfig: { fieldLogLevel }`); an Event API sets `EventConfig.LogConfig` with a role and a `LogLevel` other than `NONE`; in every `Fn::If` branch.',
  check: (api) => {
    const graphql = api.type === GRAPHQL_API;
    const config = graphql ? api.properties.LogConfig : api.properties.EventConfig;
    const prefix = graphql ? [] : ['LogConfig'];
    const location = graphql ? 'Properties/LogConfig' : 'Properties/EventConfig/LogConfig';
    const levelKey = graphql ? 'FieldLogLevel' : 'LogLevel';
    const roles = valuesAt(config, [...prefix, 'CloudWatchLogsRoleArn']);
    if (roles.some((r) => r === null)) {
      return failed('Its log configuration comes from a value synth cannot read, so logging cannot be proven.', location);
    }
    if (roles.some(isUnset)) {
      return failed(`It writes no logs${someBranchNote(roles)}: no log configuration with a CloudWatchLogsRoleArn${graphql ? '' : ' in EventConfig'}.`, location);
    }
    const levels = settingValues(config, [...prefix, levelKey], api);
    if (levels === undefined) {
      return failed(`Its ${levelKey} comes from a value synth cannot read, which may be NONE at deploy time.`, `${location}/${levelKey}`);
    }
    if (levels.some((l) => l === undefined || l === 'NONE')) {
      return failed(`Its ${levelKey} is ${levels.includes('NONE') ? 'NONE' : 'absent (so NONE)'}, so the errors of its ${graphql ? 'resolvers' : 'handlers'} are not logged.`, `${location}/${levelKey}`);
    }
    return passed();
  },
};
