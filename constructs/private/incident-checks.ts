import { Token } from 'aws-cdk-lib';
import { Soc2MlError } from '../../core/errors';

/** A person on call, as `IncidentRouting` takes them (escalation order is the list's order). */
export interface OnCallEntry {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

// Deliberately simple, as SecurityAlertTopic's: one @, no spaces, a dot in the domain.
// No angle brackets, quotes or backslashes either: names and addresses go into EventBridge input
// templates, where <…> is a placeholder.
const EMAIL = /^[^@\s<>"\\]+@[^@\s<>"\\]+\.[^@\s.<>"\\]+$/;
// E.164: a plus, a country code and at most 15 digits in all.
const PHONE = /^\+[1-9]\d{6,14}$/;
const NAME = /^[^\s<>"\\][^<>"\\]{0,63}$/;
const EXAMPLE = '[{"name": "Alice Ng", "email": "alice@example.com", "phone": "+14155550100"}, {"name": "Bob Ode", "email": "bob@example.com"}]';

/**
 * Check an on-call list: people in escalation order, each with a name and an email address and
 * optionally a phone number in E.164 form, each named once. `label` names the prop or context key.
 */
export function validateOnCall(people: readonly OnCallEntry[], label: string): void {
  if (!Array.isArray(people)) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(people)}: pass the people on call in escalation order, for example ${EXAMPLE}.`);
  }
  const seen = new Set<string>();
  people.forEach((person, i) => {
    const at = `${label}[${i}]`;
    if (typeof person !== 'object' || person === null) {
      throw new Soc2MlError(`${at} is ${JSON.stringify(person)}: describe a person as {"name": "Alice Ng", "email": "alice@example.com", "phone": "+14155550100"} (phone optional).`);
    }
    const unknown = Object.keys(person).find((k) => !['name', 'email', 'phone'].includes(k));
    if (unknown !== undefined) {
      throw new Soc2MlError(`${at} has an unknown field "${unknown}": a person on call has name, email and (optionally) phone.`);
    }
    if (typeof person.name !== 'string' || (!Token.isUnresolved(person.name) && !NAME.test(person.name))) {
      throw new Soc2MlError(`${at}.name is ${JSON.stringify(person.name)}: pass the person's name as the page should show it (1 to 64 characters, no angle brackets, quotes or backslashes).`);
    }
    if (typeof person.email !== 'string' || (!Token.isUnresolved(person.email) && !EMAIL.test(person.email))) {
      throw new Soc2MlError(`${at}.email is ${JSON.stringify(person.email)}, which is not an email address: pass one such as "alice@example.com".`);
    }
    if (person.phone !== undefined && (typeof person.phone !== 'string' || (!Token.isUnresolved(person.phone) && !PHONE.test(person.phone)))) {
      throw new Soc2MlError(`${at}.phone is ${JSON.stringify(person.phone)}: pass the number in E.164 form, a plus, the country code and the number without spaces (for example "+14155550100"), or leave phone out.`);
    }
    if (seen.has(person.email)) {
      throw new Soc2MlError(`${at}.email ${person.email} is listed twice: each person is on the escalation list once, at their place in it.`);
    }
    seen.add(person.email);
  });
}

/** "Alice Ng (alice@example.com, +14155550100), then Bob Ode (bob@example.com)": no angle brackets, which input templates read as placeholders. */
export function describeOnCall(people: readonly OnCallEntry[]): string {
  if (people.length === 0) {
    return 'nobody (no on-call list is configured)';
  }
  return people.map((p) => `${p.name} (${[p.email, p.phone].filter((v) => v !== undefined).join(', ')})`).join(', then ');
}

const RESPONSE_PLAN_ARN = /^arn:aws[a-z-]*:ssm-incidents::\d{12}:response-plan\/[A-Za-z0-9_-]{1,200}$/;

/** Throw unless `arn` is the ARN of an Incident Manager response plan; `label` names the prop or key. */
export function validateResponsePlanArn(arn: string, label: string): void {
  if (typeof arn !== 'string' || (!Token.isUnresolved(arn) && !RESPONSE_PLAN_ARN.test(arn))) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(arn)}, which is not the ARN of an Incident Manager response plan: pass one such as arn:aws:ssm-incidents::111111111111:response-plan/ml-platform (Incident Manager console, Response plans).`);
  }
}
