/*
 * The Trust Services Criteria (AICPA, 2017, with the revised points of focus of 2022): every
 * criterion of the five categories, by id, with a short title paraphrasing it. The rule pack cites
 * them and the evidence gives each one a status; both read this one list.
 */

/** A Trust Services Criterion. */
export interface TrustServicesCriterion {
  /** `CC6.1`, `A1.2`, `P4.3`, … */
  readonly id: string;
  /** A short paraphrase of the criterion. */
  readonly title: string;
}

const LIST: readonly (readonly [string, string])[] = [
  ['CC1.1', 'Commitment to integrity and ethical values'],
  ['CC1.2', 'Board independence and oversight of internal control'],
  ['CC1.3', 'Structures, reporting lines, authorities and responsibilities'],
  ['CC1.4', 'Commitment to attract, develop and retain competent people'],
  ['CC1.5', 'Individuals are held accountable for internal control responsibilities'],
  ['CC2.1', 'Relevant, quality information supports internal control'],
  ['CC2.2', 'Internal communication of objectives and responsibilities'],
  ['CC2.3', 'Communication with external parties'],
  ['CC3.1', 'Objectives are specified clearly enough to assess risks'],
  ['CC3.2', 'Risks to objectives are identified and analyzed'],
  ['CC3.3', 'The potential for fraud is considered in assessing risks'],
  ['CC3.4', 'Changes that could affect internal control are identified and assessed'],
  ['CC4.1', 'Ongoing or separate evaluations ascertain that controls are present and functioning'],
  ['CC4.2', 'Control deficiencies are evaluated and communicated'],
  ['CC5.1', 'Control activities are selected and developed to mitigate risks'],
  ['CC5.2', 'General control activities over technology are selected and developed'],
  ['CC5.3', 'Control activities are deployed through policies and procedures'],
  ['CC6.1', 'Logical access security over protected information assets'],
  ['CC6.2', 'Users are registered and authorized before access is granted'],
  ['CC6.3', 'Access is granted, changed and removed by role and least privilege'],
  ['CC6.4', 'Physical access to facilities and protected assets is restricted'],
  ['CC6.5', 'Protections are discontinued only once data can no longer be read or recovered'],
  ['CC6.6', 'Protection against threats from outside the system boundaries'],
  ['CC6.7', 'Transmission and movement of information is restricted and protected'],
  ['CC6.8', 'Unauthorized or malicious software is prevented or detected'],
  ['CC7.1', 'Configuration changes and new vulnerabilities are detected'],
  ['CC7.2', 'System components are monitored for anomalies'],
  ['CC7.3', 'Security events are evaluated to identify incidents'],
  ['CC7.4', 'Security incidents are responded to'],
  ['CC7.5', 'Recovery from identified security incidents'],
  ['CC8.1', 'Changes are authorized, tested, approved and implemented'],
  ['CC9.1', 'Risks of business disruption are identified and mitigated'],
  ['CC9.2', 'Risks from vendors and business partners are assessed and managed'],
  ['A1.1', 'Processing capacity is maintained, monitored and planned'],
  ['A1.2', 'Environmental protections, backup and recovery infrastructure'],
  ['A1.3', 'Recovery plan procedures are tested'],
  ['C1.1', 'Confidential information is identified and protected'],
  ['C1.2', 'Confidential information is disposed of'],
  ['PI1.1', 'Processing objectives and data definitions are communicated'],
  ['PI1.2', 'System inputs are complete and accurate'],
  ['PI1.3', 'System processing is complete, accurate and timely'],
  ['PI1.4', 'Outputs are delivered completely, accurately and timely'],
  ['PI1.5', 'Inputs, items in processing and outputs are stored completely and accurately'],
  ['P1.1', 'Notice about privacy practices is given to data subjects'],
  ['P2.1', 'Choices about personal information are communicated and consent obtained'],
  ['P3.1', 'Personal information is collected consistent with the objectives'],
  ['P3.2', 'Explicit consent is obtained where required'],
  ['P4.1', 'Personal information is used consistent with the objectives'],
  ['P4.2', 'Personal information is retained consistent with the objectives'],
  ['P4.3', 'Personal information is securely disposed of'],
  ['P5.1', 'Data subjects can access their personal information'],
  ['P5.2', 'Personal information is corrected or amended on request'],
  ['P6.1', 'Personal information is disclosed to third parties only with consent'],
  ['P6.2', 'Authorized disclosures are recorded'],
  ['P6.3', 'Unauthorized disclosures are recorded'],
  ['P6.4', 'Third parties are bound to the privacy commitments'],
  ['P6.5', 'Third parties report unauthorized disclosures'],
  ['P6.6', 'Breaches are notified to affected data subjects and regulators'],
  ['P6.7', 'Data subjects are told what personal information is held and disclosed'],
  ['P7.1', 'Personal information is accurate, complete and relevant'],
  ['P8.1', 'Privacy inquiries, complaints and disputes are handled and monitored'],
];

/** Every Trust Services Criterion, in the order of the criteria (CC1.1 … P8.1). */
export const TRUST_SERVICES_CRITERIA: readonly TrustServicesCriterion[] = LIST.map(([id, title]) => ({ id, title }));

const BY_ID: ReadonlyMap<string, TrustServicesCriterion> = new Map(TRUST_SERVICES_CRITERIA.map((c) => [c.id, c]));

/** The criterion with an id, or undefined when no criterion has it. */
export function trustServicesCriterion(id: string): TrustServicesCriterion | undefined {
  return BY_ID.get(id);
}

/**
 * Whether a criterion is of the control environment, communication or risk assessment (CC1–CC3):
 * entity-level, which no template can evidence.
 */
export function isEntityLevelCommonCriterion(id: string): boolean {
  return /^CC[123]\./.test(id);
}
