import { failed, passed, ResourceRule } from '../../rule';
import { asNumber } from '../../values';
import { literalAlternatives } from '../../readers';

/** An audit period is 6 to 12 months, so logs are kept at least a year. */
export const MIN_RETENTION_DAYS = 365;

/**
 * Log events are kept at least 365 days, or forever (`RetentionInDays` absent). A retention from
 * a parameter passes only if each of its `AllowedValues` does; from anything else unknowable it
 * fails. The retention CDK's `logRetention` prop sets (on a Function, a Provider, …) is a
 * `Custom::LogRetention` resource whose `RetentionInDays` is applied to the log group at deploy
 * time (absent removes the retention policy, so never expire): it is read the same way.
 */
export const LogGroupRetention: ResourceRule = {
  id: 'LogGroupRetention',
  resourceTypes: ['AWS::Logs::LogGroup', 'Custom::LogRetention'],
  passes: `\`RetentionInDays\` (of the log group, or of the \`Custom::LogRetention\` CDK's \`logRetention\` writes) is at least ${MIN_RETENTION_DAYS}, or absent (never expire).`,
  check: (group) => {
    const values = literalAlternatives(group.properties.RetentionInDays, group.template);
    if (values === undefined) {
      return failed('Its retention comes from a value that cannot be known at synth and may be shorter than a year.', 'Properties/RetentionInDays');
    }
    for (const v of values) {
      if (v === undefined) {
        continue;
      }
      const days = asNumber(v);
      if (days === undefined || days < MIN_RETENTION_DAYS) {
        return failed(`It keeps log events ${JSON.stringify(v)} days, less than ${MIN_RETENTION_DAYS}.`, 'Properties/RetentionInDays');
      }
    }
    return passed();
  },
};
