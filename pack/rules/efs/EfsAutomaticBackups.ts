import { ResourceRule } from '../../rule';
import { Json } from '../../json';
import { valuesAt } from '../../readers';
import { isUnset } from '../../values';
import { quote, requireSetting, resourceSettings, Setting } from '../opensearch/private';

/**
 * AWS Backup backs the file system up daily under the default EFS backup plan (35-day
 * retention). Without `BackupPolicy`, EFS turns automatic backups on only for One Zone file
 * systems (`AvailabilityZoneName` set) created through the API, as CloudFormation does; a Regional
 * one has none. The L2 FileSystem writes a policy only when `enableAutomaticBackups` is true (its
 * default is false).
 */
export const EfsAutomaticBackups: ResourceRule = {
  id: 'EfsAutomaticBackups',
  resourceTypes: ['AWS::EFS::FileSystem'],
  passes: '`BackupPolicy.Status: ENABLED` in every `Fn::If` branch; absent passes only on a One Zone file system (`AvailabilityZoneName` set), where the EFS default is on.',
  check: (fileSystem) => {
    const oneZone = valuesAt(fileSystem.properties.AvailabilityZoneName, []).every((zone) => !isUnset(zone));
    const statuses = resourceSettings(fileSystem, ['BackupPolicy', 'Status']).map((s): Setting => (s === undefined && oneZone ? 'ENABLED' : s));
    return requireSetting(statuses, (v: Json) => v === 'ENABLED', 'Properties/BackupPolicy/Status',
      (v) => v === undefined
        ? 'It has no BackupPolicy, so automatic backups are off (the EFS default for a Regional file system).'
        : `Its automatic backups are off (BackupPolicy.Status is ${quote(v)}).`);
  },
};
