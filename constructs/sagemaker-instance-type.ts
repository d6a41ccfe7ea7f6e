import { Token } from 'aws-cdk-lib';
import { Soc2MlError } from '../core/errors';

// Instance families whose instances carry local NVMe storage without a "d" in their name (EC2 User
// Guide, "Instance store volumes"); families with a "d" after the generation (m5d, g4dn, p4d, ...)
// carry it by name.
const LOCAL_STORAGE_FAMILIES = new Set(['g5', 'g6', 'g6e', 'gr6', 'p5', 'p5e', 'p5en', 'trn1', 'trn1n', 'trn2']);
const NAME = /^ml\.([a-z0-9-]+)\.([a-z0-9]+)$/;

/**
 * A SageMaker ML instance type (`ml.m5.large`): the common ones as constants, any other with
 * `SageMakerInstanceType.of('ml.c6i.xlarge')`.
 */
export class SageMakerInstanceType {
  /** 2 vCPUs, 8 GiB: the default for endpoints. */
  public static readonly ML_M5_LARGE = new SageMakerInstanceType('ml.m5.large');
  /** 4 vCPUs, 16 GiB: the default for monitoring jobs. */
  public static readonly ML_M5_XLARGE = new SageMakerInstanceType('ml.m5.xlarge');
  /** 8 vCPUs, 32 GiB. */
  public static readonly ML_M5_2XLARGE = new SageMakerInstanceType('ml.m5.2xlarge');
  /** 2 vCPUs, 4 GiB, compute optimized. */
  public static readonly ML_C5_LARGE = new SageMakerInstanceType('ml.c5.large');
  /** 4 vCPUs, 8 GiB, compute optimized. */
  public static readonly ML_C5_XLARGE = new SageMakerInstanceType('ml.c5.xlarge');
  /** 4 vCPUs, one NVIDIA T4 GPU, local NVMe storage. */
  public static readonly ML_G4DN_XLARGE = new SageMakerInstanceType('ml.g4dn.xlarge');
  /** 4 vCPUs, one NVIDIA A10G GPU, local NVMe storage. */
  public static readonly ML_G5_XLARGE = new SageMakerInstanceType('ml.g5.xlarge');

  /**
   * Any SageMaker instance type, by name.
   *
   * @param name the type, `ml.<family>.<size>` (for example `ml.c6i.xlarge`)
   */
  public static of(name: string): SageMakerInstanceType {
    if (!Token.isUnresolved(name) && (typeof name !== 'string' || !NAME.test(name))) {
      throw new Soc2MlError(`SageMakerInstanceType.of(${JSON.stringify(name)}): a SageMaker instance type is "ml.<family>.<size>", for example "ml.m5.large".`);
    }
    return new SageMakerInstanceType(name);
  }

  private constructor(
    /** The type's name, for example `ml.m5.large`. */
    public readonly name: string,
  ) {}

  /**
   * Whether the type's instances have local NVMe storage, which SageMaker encrypts with a hardware
   * module and on which it refuses a customer-managed volume key. Unknown (a token) is false.
   */
  public get hasLocalStorage(): boolean {
    const family = NAME.exec(this.name)?.[1];
    if (family === undefined) {
      return false;
    }
    return LOCAL_STORAGE_FAMILIES.has(family) || /^[a-z]+\d+[a-z]*d[a-z]*$/.test(family);
  }

  /**
   * The vCPUs of one instance, read from its size (`large` 2, `xlarge` 4, `<n>xlarge` 4n,
   * `medium` 1, or 2 for the burstable `t` families), or undefined when the size does not say
   * (`metal`, a token).
   */
  public get vcpus(): number | undefined {
    const [, family, size] = NAME.exec(this.name) ?? [];
    if (size === 'medium') {
      // ml.t2.medium and ml.t3.medium have 2 vCPUs; the Graviton mediums (ml.c7g.medium) have 1.
      return family?.startsWith('t') ? 2 : 1;
    }
    if (size === 'large') {
      return 2;
    }
    const xl = size === undefined ? null : /^(\d*)xlarge$/.exec(size);
    return xl ? 4 * (xl[1] === '' ? 1 : Number(xl[1])) : undefined;
  }

  public toString(): string {
    return this.name;
  }
}
