/**
 * Tag keys shared by the constructs, the rule pack and the evidence report: the only definition
 * (README, "Tags").
 */
export const TagKeys = {
  /** A data store's classification, one of `DataClassification`'s values. */
  DATA_CLASSIFICATION: 'DataClassification',
  /** `true` on a store that holds personal data. */
  PERSONAL_DATA: 'PersonalData',
  /** A persona role's persona (`data-scientist`, …). */
  PERSONA: 'Persona',
  /** The environment a resource belongs to (`dev`, `prod`, `account-baseline`, `pipeline`). */
  ENVIRONMENT: 'Environment',
  /** A Studio user profile's owner, `<role id>:<person>`, matched against `aws:userid`. */
  STUDIO_USER_ID: 'StudioUserId',
  /** The backup plan that selects a resource. */
  BACKUP_PLAN: 'BackupPlan',
} as const;
