/*
 * Credentials written into configuration as text: in build and function environment variables,
 * container environments, instance user data and notebook setup scripts, where anyone who can read
 * the resource's configuration reads them. Two ways to recognize one: a value of a credential's
 * own shape (keys and tokens that identify themselves), and a value given to a setting whose name
 * says it holds a secret (`DB_PASSWORD`, `OAUTH_CLIENT_SECRET`, `STRIPE_API_KEY`).
 */

import { isObject, Json } from './json';
import { flatten, isIntrinsic } from './values';

/** Credentials recognizable by their shape, as they get pasted into configuration. */
const SHAPES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { what: 'an AWS secret access key', pattern: /aws_secret_access_key["']?\s*[=:]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i },
  { what: 'a private key', pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  { what: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { what: 'a Weights & Biases API key', pattern: /WANDB_API_KEY["']?\s*[=:]\s*["']?[0-9a-f]{40}\b/i },
  { what: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
];

/** What credential a text holds by its shape, or undefined. */
export function credentialIn(text: string): string | undefined {
  return SHAPES.find((s) => s.pattern.test(text))?.what;
}

/**
 * Names of settings that hold a secret's value: the name ends with what it holds (`…_PASSWORD`,
 * `…_SECRET_KEY`, `…_API_KEY`, `…_ACCESS_TOKEN`). A bare `…_SECRET` is left out: it names a secret
 * as often as it holds one (`DB_SECRET=prod/db/credentials`).
 */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASSPHRASE|SECRET_KEY|SECRET_ACCESS_KEY|API_KEY|APIKEY|ACCESS_TOKEN|AUTH_TOKEN|API_TOKEN|PRIVATE_KEY|CLIENT_SECRET)$/i;

/**
 * Whether a literal value given to a setting of that name is a secret in clear text: the name says
 * it holds a secret and the value is one, not a pointer to one (an ARN, a parameter or secret name
 * with a path, a dynamic reference, a reference synth resolved to a placeholder) nor a placeholder
 * too short or too plain to be a credential. A value of words alone (`prod-api-key`) reads as the
 * name of where a secret is kept, so a value needs a letter and a digit: a weak password of words
 * alone is missed rather than a secret's name reported.
 */
export function isSecretByName(name: string, value: string): boolean {
  if (!SECRET_NAME.test(name)) {
    return false;
  }
  const v = value.trim();
  return v.length >= 8 && /[A-Za-z]/.test(v) && /\d/.test(v) && !/\s/.test(v) && !/^arn:/.test(v) && !v.includes('${') && !v.includes('/') && !/^\{\{resolve:/.test(v);
}

/**
 * What secret a named setting's literal value holds, described (`a Hugging Face token`, `a literal
 * secret (its name says so)`), or undefined: a credential by its shape first, then by the name.
 */
export function secretInSetting(name: string, value: string): string | undefined {
  return credentialIn(value) ?? (isSecretByName(name, value) ? 'a literal secret (its name says so)' : undefined);
}

/**
 * The script a base64 setting holds (user data, lifecycle configuration content): a literal
 * decoded (with its text too, so a script given unencoded, which CloudFormation would reject, is
 * still read), or the text inside `Fn::Base64`. Undefined when synth cannot read it (another
 * intrinsic: a parameter, an import).
 */
export function base64Script(value: Json): string | undefined {
  if (typeof value === 'string') {
    return `${Buffer.from(value, 'base64').toString('utf-8')}\n${value}`;
  }
  if (isObject(value) && 'Fn::Base64' in value) {
    return flatten(value['Fn::Base64']);
  }
  return isObject(value) && isIntrinsic(value) ? undefined : '';
}
