import { failed, passed, ResourceRule } from '../../rule';
import { protection, protectionLocation } from './private';

/** GuardDuty reads S3 data events, so exfiltration of training data and models is detected. */
export const GuardDutyS3Protection: ResourceRule = {
  id: 'GuardDutyS3Protection',
  resourceTypes: ['AWS::GuardDuty::Detector'],
  passes: '`Features` has `S3_DATA_EVENTS` with `Status: ENABLED`, or (older form) `DataSources.S3Logs.Enable: true`.',
  check: (detector) => {
    const state = protection(detector, 'S3_DATA_EVENTS', ['S3Logs', 'Enable']);
    if (state === 'off') {
      return failed('S3 protection is not enabled, so suspicious access to S3 data is not detected.', protectionLocation(detector));
    }
    if (state === 'unknown') {
      return failed('Whether S3 protection is enabled cannot be known at synth (a parameter or import); make it literal or acknowledge the rule with a reason.', protectionLocation(detector));
    }
    return passed();
  },
};
