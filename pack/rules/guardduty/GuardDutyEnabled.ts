import { ResourceRule } from '../../rule';
import { branches } from '../../values';
import { requireTrue } from '../../readers';

/** The detector runs: a disabled detector produces no findings. */
export const GuardDutyEnabled: ResourceRule = {
  id: 'GuardDutyEnabled',
  resourceTypes: ['AWS::GuardDuty::Detector'],
  passes: '`Enable: true` (a parameter or import fails closed).',
  check: (detector) => requireTrue(branches(detector.properties.Enable), 'Properties/Enable', 'The detector is disabled, so GuardDuty produces no findings.'),
};
