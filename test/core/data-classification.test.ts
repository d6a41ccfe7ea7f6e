import { allClassifications, assertDataClassification, DataClassification, isConfidentialOrAbove } from '../../core/data-classification';

describe('data classification', () => {
  test('lists every classification, lowest first, as tag values', () => {
    expect(allClassifications()).toEqual(['public', 'internal', 'confidential', 'restricted']);
  });

  test('confidential and restricted are confidential or above; the others are not', () => {
    expect([DataClassification.PUBLIC, DataClassification.INTERNAL, DataClassification.CONFIDENTIAL, DataClassification.RESTRICTED].map(isConfidentialOrAbove))
      .toEqual([false, false, true, true]);
  });

  test('a value from JavaScript is checked, naming the prop, the value and the choices', () => {
    expect(() => assertDataClassification('Secret', 'dataClassification')).toThrow(/dataClassification is "Secret", which is not a data classification: pass one of DataClassification\.PUBLIC, .*tag values public, internal, confidential, restricted/);
    expect(() => assertDataClassification(undefined, 'dataClassification')).toThrow(/dataClassification is required/);
    expect(() => assertDataClassification('internal', 'dataClassification')).not.toThrow();
  });
});
