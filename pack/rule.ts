import type { StackTemplate, TemplateResource } from './template';

/** What a rule concluded about one resource (or one stack). */
export enum Verdict {
  PASSED = 'passed',
  FAILED = 'failed',
  NOT_APPLICABLE = 'not-applicable',
}

/** A verdict, with what is wrong when it failed. */
export interface Outcome {
  readonly verdict: Verdict;
  /** What is wrong on this resource, in a sentence (failed verdicts). */
  readonly detail?: string;
  /** Where in the resource, as a path such as `Properties/BucketEncryption`. */
  readonly location?: string;
}

/** The three outcomes rules build. */
export const passed = (): Outcome => ({ verdict: Verdict.PASSED });
export const notApplicable = (): Outcome => ({ verdict: Verdict.NOT_APPLICABLE });
export const failed = (detail: string, location?: string): Outcome => ({ verdict: Verdict.FAILED, detail, location });

/**
 * A check over one resource's final CloudFormation (after overrides), pure: it reads the
 * resource and, for cross-resource facts (a bucket's policy, a VPC's flow log), the template it
 * belongs to.
 */
export interface ResourceRule {
  /** Unique id, PascalCase; acknowledged as `Soc2Ml::<id>`. */
  readonly id: string;
  /** The CloudFormation types the rule reads. */
  readonly resourceTypes: readonly string[];
  /**
   * Other types the rule judges as part of its subject (a bucket's policy, a VPC's flow log): a
   * resource of such a type is judged, not reported as "not judged".
   */
  readonly examines?: readonly string[];
  /** What a passing resource looks like, for RULES.md. */
  readonly passes: string;
  readonly check: (resource: TemplateResource) => Outcome;
}

/** A check over one stack, seeing the whole app (for controls that may live in another stack). */
export interface StackRule {
  readonly id: string;
  /** What the rule reads, for RULES.md. */
  readonly resourceTypes: readonly string[];
  readonly passes: string;
  readonly check: (stack: StackTemplate, app: readonly StackTemplate[]) => Outcome;
}

/** How a finding affects synth. */
export enum Severity {
  /** Fails synth unless acknowledged. */
  ERROR = 'error',
  /** Reported; never fails synth. */
  WARNING = 'warning',
}

/** A community scanner's check and the criteria it maps to, as `soc2-aws-checks.csv` lists them. */
export interface ReferenceMapping {
  /** `<scanner>:<check id>`, e.g. `prowler:s3_bucket_public_access`. */
  readonly check: string;
  readonly criteria: readonly string[];
}

/** What the pack attaches to a rule: the SOC 2 criteria, the severity and the words a user reads. */
export interface RuleDocumentation {
  /** Trust Services Criteria the rule evidences, the primary one first, e.g. `['CC6.7', 'C1.1']`. */
  readonly criteria: readonly string[];
  /**
   * Why the criteria apply, in a line an auditor reads (RULES.md): which point of focus the
   * control serves, and why a criterion of the community mapping is left out. Every rule of the
   * pack has one (the test suite checks).
   */
  readonly rationale?: string;
  /**
   * The community scanner mapping (prowler, steampipe, AWS Config, checkov…) of the closest
   * check, where one exists: RULES.md notes where the rule's criteria differ from it.
   */
  readonly reference?: ReferenceMapping;
  readonly severity: Severity;
  /** One line: what is wrong when the rule fails. */
  readonly finding: string;
  /** How to fix it. */
  readonly fix: string;
}

export type PackRule = RuleDocumentation & ({ readonly kind: 'resource'; readonly rule: ResourceRule } | { readonly kind: 'stack'; readonly rule: StackRule });
