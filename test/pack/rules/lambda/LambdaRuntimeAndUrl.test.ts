import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LambdaRuntimeSupported } from '../../../../pack/rules/lambda/LambdaRuntimeSupported';
import { parseRuntime, RUNTIME_DEPRECATIONS, synthDay, SYNTH_DATE_VARIABLE } from '../../../../pack/rules/lambda/runtime-support';
import { StackTemplate } from '../../../../pack/template';
import { PackRun, runPackOnStack } from '../../helpers';

const RUNTIME = 'LambdaRuntimeSupported';
const URL = 'LambdaUrlAuthenticated';

/** Run `fn` with the day of synth fixed (or, with undefined, left to the clock). */
function onDay<T>(day: string | undefined, fn: () => T): T {
  const saved = process.env[SYNTH_DATE_VARIABLE];
  const set = (value: string | undefined) => {
    if (value === undefined) {
      delete process.env[SYNTH_DATE_VARIABLE];
    } else {
      process.env[SYNTH_DATE_VARIABLE] = value;
    }
  };
  try {
    set(day);
    return fn();
  } finally {
    set(saved);
  }
}

/** Judge a function written with `runtime` on a given day, without a synth. */
function judgeOn(day: string | undefined, runtime: string): { verdict: string; detail?: string } {
  const template = new StackTemplate('Test', 'Test.template.json', { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: runtime } } } });
  return onDay(day, () => LambdaRuntimeSupported.check(template.resources.get('Fn')!));
}

describe('function controls', () => {
  let run: PackRun;
  beforeAll(() => {
    // The runtime verdicts depend on the day: synthesize on a fixed one.
    run = onDay('2027-02-15', () => runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const code = lambda.Code.fromInline('exports.handler = async () => ({});');
      const fn = (id: string, runtime: lambda.Runtime) => new lambda.Function(stack, id, { runtime, handler: 'index.handler', code });
      const l1 = (f: lambda.Function) => f.node.defaultChild as lambda.CfnFunction;

      fn('Node24', lambda.Runtime.NODEJS_24_X);
      fn('Node22', lambda.Runtime.NODEJS_22_X);
      fn('Python310', lambda.Runtime.PYTHON_3_10);
      fn('Python315', lambda.Runtime.PYTHON_3_15);
      l1(fn('Node26', lambda.Runtime.NODEJS_24_X)).addPropertyOverride('Runtime', 'nodejs26.x');
      l1(fn('UnknownOld', lambda.Runtime.NODEJS_24_X)).addPropertyOverride('Runtime', 'java8.al2025');
      l1(fn('Overridden', lambda.Runtime.NODEJS_24_X)).addPropertyOverride('Runtime', 'python3.9');
      l1(fn('Conditional', lambda.Runtime.NODEJS_24_X)).addPropertyOverride('Runtime', Fn.conditionIf(useFeature.logicalId, 'nodejs24.x', 'nodejs18.x'));
      const allowed = new CfnParameter(stack, 'Runtime', { type: 'String', allowedValues: ['nodejs24.x', 'python3.14'] });
      l1(fn('AllowedParameter', lambda.Runtime.NODEJS_24_X)).addPropertyOverride('Runtime', allowed.valueAsString);
      const free = new CfnParameter(stack, 'FreeRuntime', { type: 'String' });
      l1(fn('FreeParameter', lambda.Runtime.NODEJS_24_X)).addPropertyOverride('Runtime', free.valueAsString);
      new lambda.CfnFunction(stack, 'Image', { packageType: 'Image', role: 'arn', code: { imageUri: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/model:1' } });

      const target = fn('UrlTarget', lambda.Runtime.NODEJS_24_X);
      target.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      new lambda.FunctionUrl(stack, 'PublicUrl', { function: target, authType: lambda.FunctionUrlAuthType.NONE });
      const overridden = new lambda.FunctionUrl(stack, 'OverriddenUrl', { function: target, authType: lambda.FunctionUrlAuthType.AWS_IAM });
      (overridden.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', 'NONE');
      const conditional = new lambda.FunctionUrl(stack, 'ConditionalUrl', { function: target, authType: lambda.FunctionUrlAuthType.AWS_IAM });
      (conditional.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', Fn.conditionIf(useFeature.logicalId, 'AWS_IAM', 'NONE'));
      const authType = new CfnParameter(stack, 'AuthType', { type: 'String', allowedValues: ['AWS_IAM'] });
      new lambda.CfnUrl(stack, 'ParameterUrl', { targetFunctionArn: target.functionArn, authType: authType.valueAsString });
      new lambda.CfnUrl(stack, 'ImportedAuthUrl', { targetFunctionArn: target.functionArn, authType: Fn.importValue('SharedAuthType') });
    }));
  });

  describe(RUNTIME, () => {
    test('passes a runtime deprecated more than 90 days away; fails one deprecated, or within 90 days', () => {
      expect(run.verdict('Test/Node24/Resource', RUNTIME)).toBe('passed');
      expect(run.verdict('Test/Node22/Resource', RUNTIME)).toBe('failed');
      expect(run.detail('Test/Node22/Resource', RUNTIME)).toMatch(/2027-04-30, within 90 days of 2027-02-15/);
      expect(run.verdict('Test/Python310/Resource', RUNTIME)).toBe('failed');
      expect(run.detail('Test/Python310/Resource', RUNTIME)).toMatch(/was deprecated on 2026-10-31/);
    });
    test('a runtime the table does not know passes only if newer than its family\'s newest', () => {
      expect(run.verdict('Test/Python315/Resource', RUNTIME)).toBe('passed');
      expect(run.verdict('Test/Node26/Resource', RUNTIME)).toBe('passed');
      expect(run.verdict('Test/UnknownOld/Resource', RUNTIME)).toBe('failed');
      expect(run.detail('Test/UnknownOld/Resource', RUNTIME)).toMatch(/not in AWS Lambda's runtime table/);
    });
    test('judges an override, each branch of a condition, and a parameter by its AllowedValues', () => {
      expect(run.verdict('Test/Overridden/Resource', RUNTIME)).toBe('failed');
      expect(run.verdict('Test/Conditional/Resource', RUNTIME)).toBe('failed');
      expect(run.verdict('Test/AllowedParameter/Resource', RUNTIME)).toBe('passed');
      expect(run.verdict('Test/FreeParameter/Resource', RUNTIME)).toBe('failed');
      expect(run.detail('Test/FreeParameter/Resource', RUNTIME)).toMatch(/cannot be known at synth/);
    });
    test('a container image function is not applicable', () => {
      expect(run.verdict('Test/Image', RUNTIME)).toBe('not-applicable');
    });
  });

  describe(URL, () => {
    test('passes AWS_IAM, fails NONE', () => {
      expect(run.verdict('Test/UrlTarget/FunctionUrl/Resource', URL)).toBe('passed');
      expect(run.verdict('Test/PublicUrl/Resource', URL)).toBe('failed');
      expect(run.detail('Test/PublicUrl/Resource', URL)).toMatch(/"NONE"/);
    });
    test('judges an override, a condition with a NONE branch and a parameter by its AllowedValues', () => {
      expect(run.verdict('Test/OverriddenUrl/Resource', URL)).toBe('failed');
      expect(run.verdict('Test/ConditionalUrl/Resource', URL)).toBe('failed');
      expect(run.verdict('Test/ParameterUrl', URL)).toBe('passed');
      expect(run.verdict('Test/ImportedAuthUrl', URL)).toBe('failed');
      expect(run.detail('Test/ImportedAuthUrl', URL)).toMatch(/cannot be known at synth/);
    });
  });
});

describe('the day of synth', () => {
  test('90 days before the deprecation date fails, 91 days before passes', () => {
    expect(judgeOn('2027-01-30', 'nodejs22.x').verdict).toBe('failed');
    expect(judgeOn('2027-01-29', 'nodejs22.x').verdict).toBe('passed');
  });
  test('without the variable it is today in UTC; a malformed variable fails, naming it', () => {
    expect(onDay(undefined, synthDay)).toBe(new Date().toISOString().slice(0, 10));
    expect(judgeOn(undefined, 'nodejs4.3').verdict).toBe('failed');
    const malformed = judgeOn('15/02/2027', 'nodejs24.x');
    expect(malformed.verdict).toBe('failed');
    expect(malformed.detail).toMatch(new RegExp(SYNTH_DATE_VARIABLE));
  });
  test('every runtime of the table reads as a family and version', () => {
    for (const runtime of Object.keys(RUNTIME_DEPRECATIONS)) {
      expect({ runtime, parsed: parseRuntime(runtime) !== undefined }).toEqual({ runtime, parsed: true });
    }
    expect(parseRuntime('dotnetcore3.1')).toEqual({ family: 'dotnet', version: [3, 1] });
    expect(parseRuntime('provided.al2023')).toEqual({ family: 'provided', version: [2023] });
    expect(parseRuntime('java17.al2023')).toEqual({ family: 'java', version: [17] });
  });
});
