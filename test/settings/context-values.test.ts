import {
  parseJson, readBoolean, readJsonList, readList, readObject, readString, rejectUnknownFields, requiredString, wrap,
} from '../../settings/context-values';

describe('context values', () => {
  test('wrap names the context key before a construct\'s own error', () => {
    expect(() => wrap('soc2ml:prod:model.instanceType', () => {
      throw new Error('instanceType is "m5": pass a SageMaker instance type.');
    })).toThrow('soc2ml:prod:model.instanceType: instanceType is "m5": pass a SageMaker instance type.');
    expect(wrap('k', () => 42)).toBe(42);
  });

  test('parseJson names the key, the text and what to pass', () => {
    expect(parseJson('{"a":1}', 'k', 'an object')).toEqual({ a: 1 });
    expect(() => parseJson('{a:1}', 'soc2ml:people', 'a JSON array of people')).toThrow('soc2ml:people is "{a:1}", which does not parse as JSON: pass a JSON array of people.');
  });

  test('readString trims, treats empty as absent and refuses other types', () => {
    expect(readString('  eu-west-1 ', 'k')).toBe('eu-west-1');
    expect([readString(undefined, 'k'), readString(null, 'k'), readString('', 'k')]).toEqual([undefined, undefined, undefined]);
    expect(() => readString(12, 'soc2ml:dev:region')).toThrow('soc2ml:dev:region is 12: pass a string.');
  });

  test('requiredString refuses a blank value', () => {
    expect(() => requiredString('  ', 'k.baseline', 'the baseline prefix')).toThrow('k.baseline is "  ": pass the baseline prefix.');
    expect(requiredString(' a ', 'k', 'x')).toBe('a');
  });

  test('readBoolean takes booleans and their strings (as -c passes them)', () => {
    expect([readBoolean(true, 'k'), readBoolean('false', 'k'), readBoolean(undefined, 'k')]).toEqual([true, false, undefined]);
    expect(() => readBoolean('yes', 'soc2ml:prod:production')).toThrow('soc2ml:prod:production is "yes": pass true or false.');
  });

  test('readList takes a JSON array, a comma-separated string or a JSON array string', () => {
    expect(readList(['a', ' b'], 'k')).toEqual(['a', 'b']);
    expect(readList('a, b,,c', 'k')).toEqual(['a', 'b', 'c']);
    expect(readList('["a","b"]', 'k')).toEqual(['a', 'b']);
    expect(readList('', 'k')).toEqual([]);
    expect(() => readList([1], 'soc2ml:alertEmails')).toThrow(/soc2ml:alertEmails is \[1\]: pass a list of strings/);
    expect(() => readList('[a', 'k')).toThrow(/k is "\[a", which does not parse as JSON/);
  });

  test('readJsonList takes an array or its JSON string; absent is empty', () => {
    expect(readJsonList('[{"name":"a"}]', 'k')).toEqual([{ name: 'a' }]);
    expect(readJsonList(undefined, 'k')).toEqual([]);
    expect(() => readJsonList({ name: 'a' }, 'soc2ml:featureGroups')).toThrow(/soc2ml:featureGroups is \{"name":"a"\}: pass a JSON array/);
  });

  test('readObject and rejectUnknownFields name the key and the fields', () => {
    expect(() => readObject([], 'k', 'describe it as {"a": 1}')).toThrow('k is []: describe it as {"a": 1}.');
    expect(() => rejectUnknownFields({ name: 'a', nmae: 'b' }, ['name'], 'soc2ml:prod:model')).toThrow('soc2ml:prod:model has an unknown field "nmae": Did you mean "name"? the fields are name.');
  });
});
