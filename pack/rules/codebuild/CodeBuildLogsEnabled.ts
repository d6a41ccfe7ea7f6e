import { failed, passed, ResourceRule } from '../../rule';
import { objectsAt, valuesAt } from '../../readers';
import { literalValues } from '../bedrock/private';

const LOCATION = 'Properties/LogsConfig';

/**
 * Every build leaves a log: CloudWatch Logs (on unless `LogsConfig.CloudWatchLogs.Status` is
 * `DISABLED`) or S3 (`LogsConfig.S3Logs.Status` `ENABLED`). A build's log is the record of what a
 * change ran on its way to production.
 */
export const CodeBuildLogsEnabled: ResourceRule = {
  id: 'CodeBuildLogsEnabled',
  resourceTypes: ['AWS::CodeBuild::Project'],
  passes: 'In every branch, CloudWatch Logs is not `DISABLED` (absent is on) or S3 logs are `ENABLED`; a status synth cannot know counts as off.',
  check: (project) => {
    for (const config of objectsAt(project.properties, ['LogsConfig'])) {
      if (config === null) {
        return failed('Its LogsConfig cannot be read at synth, so that builds are logged cannot be shown.', LOCATION);
      }
      const cloudWatch = literalValues(valuesAt(config, ['CloudWatchLogs', 'Status']), project.template);
      const s3 = literalValues(valuesAt(config, ['S3Logs', 'Status']), project.template);
      const cloudWatchMayBeOff = cloudWatch === undefined || cloudWatch.some((v) => typeof v === 'string' && v.toUpperCase() === 'DISABLED');
      const s3On = s3 !== undefined && s3.every((v) => typeof v === 'string' && v.toUpperCase() === 'ENABLED');
      if (cloudWatchMayBeOff && !s3On) {
        return failed('Its builds are not logged: CloudWatch Logs is DISABLED (or cannot be known at synth) and S3 logs are not ENABLED.', LOCATION);
      }
    }
    return passed();
  },
};
