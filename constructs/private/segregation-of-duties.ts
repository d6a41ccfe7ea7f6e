import { MlPerson, Persona } from '../persona';
import { Soc2MlError } from '../../core/errors';

/** A pair of personas one person must not hold together, and why. */
interface Conflict {
  readonly personas: readonly [Persona, Persona];
  readonly reason: string;
}

const ALL = Object.values(Persona);

/**
 * The combinations segregation of duties forbids. IAM enforces each persona's side (explicit
 * Deny statements); this list stops one person from holding both sides.
 */
export const PERSONA_CONFLICTS: readonly Conflict[] = [
  { personas: [Persona.MODEL_APPROVER, Persona.DATA_SCIENTIST], reason: 'an approver must not approve models they trained' },
  { personas: [Persona.MODEL_APPROVER, Persona.ML_ENGINEER], reason: 'an approver must not approve models they built and registered' },
  { personas: [Persona.MODEL_APPROVER, Persona.PLATFORM_ADMIN], reason: 'an approver must not also hold the break-glass role that can register and deploy models' },
  ...ALL.filter((p) => p !== Persona.AUDITOR).map((p): Conflict => ({
    personas: [Persona.AUDITOR, p],
    reason: 'an auditor must be independent of the work they audit',
  })),
];

/** Check a persona value that may come from JSON or JavaScript, where the type system cannot help. */
export function assertPersona(value: unknown, propName: string): asserts value is Persona {
  if (typeof value !== 'string' || !(ALL as string[]).includes(value)) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(value)}, which is not a persona: pass one of ${ALL.map((p) => `"${p}"`).join(', ')} (Persona.${Object.keys(Persona).join(', Persona.')}).`);
  }
}

/**
 * Check people against segregation of duties: valid names, known personas, each person named
 * once, and no person holding two personas that must stay apart.
 */
export function assertSegregationOfDuties(people: readonly MlPerson[], propName: string): void {
  const seen = new Set<string>();
  people.forEach((person, i) => {
    const at = `${propName}[${i}]`;
    if (typeof person?.name !== 'string' || person.name.trim() === '') {
      throw new Soc2MlError(`${at}.name is ${JSON.stringify(person?.name)}: pass the person's sign-in name (IAM user name or identity-provider session name).`);
    }
    if (seen.has(person.name)) {
      throw new Soc2MlError(`${at}.name "${person.name}" is listed twice: list each person once, with all their personas.`);
    }
    seen.add(person.name);
    if (!Array.isArray(person.personas) || person.personas.length === 0) {
      throw new Soc2MlError(`${at}.personas is ${JSON.stringify(person.personas)}: give "${person.name}" at least one persona (${ALL.join(', ')}).`);
    }
    person.personas.forEach((p, j) => assertPersona(p, `${at}.personas[${j}]`));
    for (const conflict of PERSONA_CONFLICTS) {
      const [a, b] = conflict.personas;
      if (person.personas.includes(a) && person.personas.includes(b)) {
        throw new Soc2MlError(`${at} ("${person.name}") holds personas ${a} and ${b}, which segregation of duties keeps apart: ${conflict.reason}. Give the two personas to different people, or remove one of them from "${person.name}".`);
      }
    }
  });
}
