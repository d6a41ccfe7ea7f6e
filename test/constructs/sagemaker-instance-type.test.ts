import { Lazy, Token } from 'aws-cdk-lib';
import { SageMakerInstanceType } from '../../index';

describe('SageMakerInstanceType constants', () => {
  test('name the common types', () => {
    expect([
      SageMakerInstanceType.ML_M5_LARGE, SageMakerInstanceType.ML_M5_XLARGE, SageMakerInstanceType.ML_M5_2XLARGE,
      SageMakerInstanceType.ML_C5_LARGE, SageMakerInstanceType.ML_C5_XLARGE, SageMakerInstanceType.ML_G4DN_XLARGE,
      SageMakerInstanceType.ML_G5_XLARGE,
    ].map((t) => t.name)).toEqual(['ml.m5.large', 'ml.m5.xlarge', 'ml.m5.2xlarge', 'ml.c5.large', 'ml.c5.xlarge', 'ml.g4dn.xlarge', 'ml.g5.xlarge']);
  });

  test('only the GPU types carry local NVMe storage', () => {
    expect(SageMakerInstanceType.ML_G4DN_XLARGE.hasLocalStorage).toBe(true);
    expect(SageMakerInstanceType.ML_G5_XLARGE.hasLocalStorage).toBe(true);
    for (const t of [SageMakerInstanceType.ML_M5_LARGE, SageMakerInstanceType.ML_M5_XLARGE, SageMakerInstanceType.ML_M5_2XLARGE, SageMakerInstanceType.ML_C5_LARGE, SageMakerInstanceType.ML_C5_XLARGE]) {
      expect({ type: t.name, local: t.hasLocalStorage }).toEqual({ type: t.name, local: false });
    }
  });

  test('report the vCPUs their documentation gives', () => {
    expect(SageMakerInstanceType.ML_M5_LARGE.vcpus).toBe(2);
    expect(SageMakerInstanceType.ML_M5_XLARGE.vcpus).toBe(4);
    expect(SageMakerInstanceType.ML_M5_2XLARGE.vcpus).toBe(8);
    expect(SageMakerInstanceType.ML_C5_LARGE.vcpus).toBe(2);
    expect(SageMakerInstanceType.ML_G4DN_XLARGE.vcpus).toBe(4);
    expect(SageMakerInstanceType.of('ml.t3.medium').vcpus).toBe(2);
    expect(SageMakerInstanceType.of('ml.t2.medium').vcpus).toBe(2);
    expect(SageMakerInstanceType.of('ml.c7g.medium').vcpus).toBe(1);
  });
});

describe('SageMakerInstanceType.of', () => {
  test.each(['ml.m5.large', 'ml.c6i.xlarge', 'ml.g4dn.12xlarge', 'ml.p4d.24xlarge', 'ml.t3.medium', 'ml.m5.metal', 'ml.inf2.48xlarge'])(
    'accepts %s and keeps its name',
    (name) => {
      const type = SageMakerInstanceType.of(name);
      expect(type.name).toBe(name);
      expect(type.toString()).toBe(name);
      expect(`${type}`).toBe(name);
    },
  );

  test.each(['m5.large', 'ml.m5', 'ml.M5.large', 'ml.m5.large ', 'ml.m5.large.x', 'ml..large', 'ml.m5.', ''])(
    'refuses %j, showing the value and the form ml.<family>.<size>',
    (name) => {
      const quoted = JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(() => SageMakerInstanceType.of(name))
        .toThrow(new RegExp(`^SageMakerInstanceType\\.of\\(${quoted}\\): a SageMaker instance type is "ml\\.<family>\\.<size>", for example "ml\\.m5\\.large"\\.$`));
    },
  );

  test('refuses a value that is not a string, from JavaScript', () => {
    expect(() => SageMakerInstanceType.of(5 as unknown as string)).toThrow(/^SageMakerInstanceType\.of\(5\): a SageMaker instance type is "ml.<family>.<size>"/);
    expect(() => SageMakerInstanceType.of(undefined as unknown as string)).toThrow(/^SageMakerInstanceType\.of\(undefined\)/);
  });

  test('accepts a type known only at deploy time, which then claims no local storage and no vCPU count', () => {
    const token = Lazy.string({ produce: () => 'ml.g5.xlarge' });
    const type = SageMakerInstanceType.of(token);
    expect(Token.isUnresolved(type.name)).toBe(true);
    expect(type.hasLocalStorage).toBe(false);
    expect(type.vcpus).toBeUndefined();
  });
});

describe('SageMakerInstanceType.hasLocalStorage', () => {
  test('is true for families with a "d" after the generation', () => {
    expect(['ml.m5d.large', 'ml.c5d.xlarge', 'ml.r5d.2xlarge', 'ml.g4dn.xlarge', 'ml.p4d.24xlarge', 'ml.p4de.24xlarge', 'ml.p3dn.24xlarge', 'ml.m6id.large', 'ml.c6gd.large']
      .filter((n) => !SageMakerInstanceType.of(n).hasLocalStorage)).toEqual([]);
  });

  test('is true for the families that carry NVMe storage without a "d" in their name', () => {
    expect(['ml.g5.xlarge', 'ml.g6.xlarge', 'ml.g6e.xlarge', 'ml.gr6.4xlarge', 'ml.p5.48xlarge', 'ml.p5e.48xlarge', 'ml.p5en.48xlarge', 'ml.trn1.32xlarge', 'ml.trn1n.32xlarge', 'ml.trn2.48xlarge']
      .filter((n) => !SageMakerInstanceType.of(n).hasLocalStorage)).toEqual([]);
  });

  test('is false for EBS-only families', () => {
    expect(['ml.m5.large', 'ml.c5.xlarge', 'ml.c5n.xlarge', 'ml.r5.large', 'ml.t3.medium', 'ml.inf2.xlarge', 'ml.p3.2xlarge', 'ml.m7i.large']
      .filter((n) => SageMakerInstanceType.of(n).hasLocalStorage)).toEqual([]);
  });
});

describe('SageMakerInstanceType.vcpus', () => {
  test('reads them from the size: medium 1, large 2, xlarge 4, <n>xlarge 4n', () => {
    expect(['ml.c6g.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.m5.2xlarge', 'ml.c5.9xlarge', 'ml.m5.24xlarge'].map((n) => SageMakerInstanceType.of(n).vcpus))
      .toEqual([1, 2, 4, 8, 36, 96]);
  });

  test('is undefined when the size does not say (metal)', () => {
    expect(SageMakerInstanceType.of('ml.m5.metal').vcpus).toBeUndefined();
  });
});
