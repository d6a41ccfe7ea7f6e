/**
 * What a person does on the ML platform. Each persona is an IAM role tagged `Persona` with this
 * value; segregation of duties decides which personas one person may hold together.
 */
export enum Persona {
  /** Explores data and trains models; cannot register, approve or deploy models to production. */
  DATA_SCIENTIST = 'data-scientist',
  /** Builds pipelines, registers and deploys models; cannot approve them. */
  ML_ENGINEER = 'ml-engineer',
  /** Approves or rejects model packages; cannot train, register, change or deploy models. */
  MODEL_APPROVER = 'model-approver',
  /** Reads the ML estate, its logs and configuration; changes nothing. */
  AUDITOR = 'auditor',
  /** Break-glass administration of the environment; every use is alerted. */
  PLATFORM_ADMIN = 'platform-admin',
}

/** A person who works on the platform, and the personas they hold. */
export interface MlPerson {
  /**
   * The person's sign-in name: the IAM user name (with MFA trust, role sessions must be named
   * after it) or the session name your identity provider sets (SAML `RoleSessionName`, usually
   * the email address). Their Studio user profile is named after it.
   */
  readonly name: string;
  /** The personas the person holds (at least one). */
  readonly personas: Persona[];
}
