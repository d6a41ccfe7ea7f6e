import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { ManagementRecording, managementRecording } from './management-events';

/**
 * A trail that records management events records the writes among them: a trail narrowed to
 * read-only management events logs every `Describe` and none of the changes an auditor asks about
 * (who deleted the key, who opened the bucket). A trail of data events only (management events
 * excluded) is not applicable: the app-wide AppHasAuditTrail asks for some trail recording writes.
 */
export const CloudTrailManagementWrites: ResourceRule = {
  id: 'CloudTrailManagementWrites',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  passes: 'No event selectors (CloudTrail then records every management event), or a basic selector with management events and `ReadWriteType` `All` or `WriteOnly`, or an advanced selector on `eventCategory` `Management` without `readOnly` or with `readOnly` allowing `false`; a trail with no management events is not applicable; selectors synth cannot read fail closed.',
  check: (trail) => {
    switch (managementRecording(trail)) {
      case ManagementRecording.WRITES:
        return passed();
      case ManagementRecording.NONE:
        return notApplicable();
      case ManagementRecording.READS_ONLY:
        return failed('Its event selectors record only read-only management events, so no change to the account (a deleted key, a policy opened) is logged.', 'Properties/EventSelectors');
      default:
        return failed('Its event selectors cannot be read at synth (a parameter, import or token), so recording management writes cannot be proven; make them literal or acknowledge the rule with a reason.', 'Properties/EventSelectors');
    }
  },
};
