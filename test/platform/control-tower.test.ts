/*
 * The list of justified AWS Control Tower exceptions, read as data: each entry must be one an
 * auditor can follow. Whether the list matches the findings of a real run is
 * test/platform/default-app.suite.ts's business.
 */
import { CONTROL_TOWER_EXCEPTIONS, ControlTowerException, ExceptionStacks } from '../../platform/control-tower';

const stacksOf = (e: ControlTowerException) => e.stacks ?? ExceptionStacks.ENVIRONMENTS;
const describeEntry = (e: ControlTowerException) => `${e.control} in ${stacksOf(e)} at ${e.constructPaths.join(', ')}`;

/** The entries that fail a check, by label: empty when all pass. */
const failing = (check: (e: ControlTowerException) => boolean) => CONTROL_TOWER_EXCEPTIONS.filter((e) => !check(e)).map(describeEntry);

/** Where each kind of stack's paths start: the platform's own id in an environment stack is `Platform`. */
const PATH_PREFIX: Record<ExceptionStacks, RegExp> = {
  [ExceptionStacks.ENVIRONMENTS]: /^(Platform\/|Custom::)/,
  [ExceptionStacks.SERVING]: /^Platform\/Serving\//,
  [ExceptionStacks.BASELINES]: /^(?!Platform\/)/,
  [ExceptionStacks.PIPELINE]: /^(?!Platform\/)/,
};

describe('CONTROL_TOWER_EXCEPTIONS', () => {
  test('is not empty, and covers the environments, the baselines, the pipeline and serving', () => {
    expect(CONTROL_TOWER_EXCEPTIONS.length).toBeGreaterThan(0);
    expect([...new Set(CONTROL_TOWER_EXCEPTIONS.map(stacksOf))].sort()).toEqual(Object.values(ExceptionStacks).sort());
  });

  test('every entry names a control id of the form CT.<SERVICE>.PR.<n>', () => {
    expect(failing((e) => /^CT\.[A-Z0-9]+\.PR\.[1-9]\d*$/.test(e.control))).toEqual([]);
  });

  test('every entry applies to a known kind of stack', () => {
    expect(failing((e) => (Object.values(ExceptionStacks) as string[]).includes(stacksOf(e)))).toEqual([]);
  });

  test('every entry names at least one construct path, each relative to its stack with no empty segment', () => {
    expect(failing((e) => e.constructPaths.length > 0)).toEqual([]);
    expect(failing((e) => e.constructPaths.every((p) => /^[A-Za-z0-9:]+(\/[A-Za-z0-9:]+)*$/.test(p)))).toEqual([]);
  });

  test('environment entries name the platform (Platform/...) or a CDK stack singleton (Custom::...), serving entries the served model (Platform/Serving/...)', () => {
    expect(failing((e) => e.constructPaths.every((p) => PATH_PREFIX[stacksOf(e)].test(p)))).toEqual([]);
  });

  test('every reason is whole sentences an auditor can read: capitalized, ended, at least 20 words, no placeholder, not the control id again', () => {
    expect(failing((e) => /^[A-Z]/.test(e.reason) && /[.)]$/.test(e.reason) && e.reason.trim() === e.reason)).toEqual([]);
    expect(failing((e) => e.reason.split(/\s+/).length >= 20)).toEqual([]);
    expect(failing((e) => !/\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/i.test(e.reason))).toEqual([]);
    expect(failing((e) => !e.reason.includes(e.control))).toEqual([]);
  });

  test('lists no control twice for the same construct in the same stacks', () => {
    const keys = CONTROL_TOWER_EXCEPTIONS.flatMap((e) => e.constructPaths.map((p) => `${stacksOf(e)} ${p} ${e.control}`));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test('lists nothing for serving that it already lists for every environment (serving stacks are environment stacks)', () => {
    const forEnvironments = new Set(CONTROL_TOWER_EXCEPTIONS.filter((e) => stacksOf(e) === ExceptionStacks.ENVIRONMENTS)
      .flatMap((e) => e.constructPaths.map((p) => `${p} ${e.control}`)));
    const forServing = CONTROL_TOWER_EXCEPTIONS.filter((e) => stacksOf(e) === ExceptionStacks.SERVING)
      .flatMap((e) => e.constructPaths.map((p) => `${p} ${e.control}`));
    expect(forServing.filter((k) => forEnvironments.has(k))).toEqual([]);
  });
});
