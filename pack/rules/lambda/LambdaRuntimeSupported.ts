import { failed, notApplicable, Outcome, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { branches, isUnset } from '../../values';
import { literalAlternatives } from '../../readers';
import { unknowableDetail } from '../apigateway/private';
import { addDays, parseRuntime, RUNTIME_DEPRECATIONS, RUNTIME_TABLE_AS_OF, synthDay, SYNTH_DATE_VARIABLE, tableHasNewerOrEqual } from './runtime-support';

/** How long before its deprecation date a runtime already fails: time to plan and test the upgrade. */
export const DEPRECATION_NOTICE_DAYS = 90;

const LOCATION = 'Properties/Runtime';

/**
 * The function runs on a runtime AWS still patches, and will for at least 90 days: its
 * deprecation date (from the dated table in runtime-support.ts) is more than 90 days after the
 * day of synth (UTC, or `SOC2ML_SYNTH_DATE`). A runtime the table does not know passes only if it
 * is newer than the table's newest of its family (`python3.15`, `nodejs26.x`: released after the
 * table, so years from deprecation); any other unknown name fails, since its support cannot be
 * shown. A function without `Runtime` (a container image) is not applicable: its runtime is in
 * the image.
 */
export const LambdaRuntimeSupported: ResourceRule = {
  id: 'LambdaRuntimeSupported',
  resourceTypes: ['AWS::Lambda::Function'],
  passes: `\`Runtime\` is deprecated (by AWS Lambda's runtime table as of ${RUNTIME_TABLE_AS_OF}) more than ${DEPRECATION_NOTICE_DAYS} days after the day of synth (UTC, or \`${SYNTH_DATE_VARIABLE}\`), or is a runtime newer than the table's newest of its family; a function without \`Runtime\` (a container image) is not applicable.`,
  check: (fn) => {
    const runtime = fn.properties.Runtime;
    if (branches(runtime).every(isUnset)) {
      return notApplicable();
    }
    const day = synthDay();
    if (day instanceof Error) {
      return failed(`The day of synth cannot be read: ${day.message}.`, LOCATION);
    }
    const values = literalAlternatives(runtime, fn.template);
    if (values === undefined) {
      return failed(unknowableDetail(LOCATION), LOCATION);
    }
    for (const value of values) {
      const outcome = judge(value, day);
      if (outcome.detail !== undefined) {
        return outcome;
      }
    }
    return passed();
  },
};

function judge(value: Json | undefined, day: string): Outcome {
  if (isUnset(value)) {
    return passed();
  }
  const runtime = typeof value === 'string' ? value : JSON.stringify(value);
  const deprecation = RUNTIME_DEPRECATIONS[runtime];
  if (deprecation === undefined) {
    const parsed = parseRuntime(runtime);
    return parsed !== undefined && !tableHasNewerOrEqual(parsed)
      ? passed()
      : failed(`Its runtime ${runtime} is not in AWS Lambda's runtime table (as of ${RUNTIME_TABLE_AS_OF}) and is not newer than the runtimes it lists, so its support cannot be shown.`, LOCATION);
  }
  if (deprecation <= day) {
    return failed(`Its runtime ${runtime} was deprecated on ${deprecation}: AWS no longer applies security patches to it.`, LOCATION);
  }
  if (deprecation <= addDays(day, DEPRECATION_NOTICE_DAYS)) {
    return failed(`Its runtime ${runtime} is deprecated on ${deprecation}, within ${DEPRECATION_NOTICE_DAYS} days of ${day}: AWS will stop applying security patches to it.`, LOCATION);
  }
  return passed();
}
