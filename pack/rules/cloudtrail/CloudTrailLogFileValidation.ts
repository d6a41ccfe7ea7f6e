import { ResourceRule } from '../../rule';
import { branches } from '../../values';
import { requireTrue } from '../../readers';

/** CloudTrail signs digest files, so a deleted or altered log file can be detected. */
export const CloudTrailLogFileValidation: ResourceRule = {
  id: 'CloudTrailLogFileValidation',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  passes: '`EnableLogFileValidation: true` (the L2 `Trail` default).',
  check: (trail) => requireTrue(branches(trail.properties.EnableLogFileValidation), 'Properties/EnableLogFileValidation', 'Log file integrity validation is off, so tampering with the logs cannot be detected.'),
};
