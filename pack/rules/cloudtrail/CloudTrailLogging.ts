import { ResourceRule } from '../../rule';
import { branches } from '../../values';
import { requireTrue } from '../../readers';

/** The trail records events: a trail that exists but is stopped is no audit trail. */
export const CloudTrailLogging: ResourceRule = {
  id: 'CloudTrailLogging',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  passes: '`IsLogging: true` (a parameter or import fails closed).',
  check: (trail) => requireTrue(branches(trail.properties.IsLogging), 'Properties/IsLogging', 'The trail is not logging, so no event is recorded.'),
};
