import { ResourceRule } from '../../rule';
import { branches } from '../../values';
import { requireTrue } from '../../readers';

/** Activity in a Region the platform does not use (an attacker's favourite) is recorded too. */
export const CloudTrailMultiRegion: ResourceRule = {
  id: 'CloudTrailMultiRegion',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  passes: '`IsMultiRegionTrail: true` (the L2 `Trail` default).',
  check: (trail) => requireTrue(branches(trail.properties.IsMultiRegionTrail), 'Properties/IsMultiRegionTrail', 'The trail records only the Region it is deployed in.'),
};
