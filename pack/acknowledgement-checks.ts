import { CfnElement, IPolicyValidationContext, PolicyViolation, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { closest } from '../core/did-you-mean';
import { SOC2ML_PACK, soc2mlRuleId } from '../core/nag-packs';
import { Acknowledgement, isAcknowledgementMetadata, latestAcknowledgements } from './assembly';

/*
 * Acknowledgements are exceptions an auditor reads, so the pack checks them at synth: an id of
 * this pack must name one of its rules (a misspelt id would acknowledge nothing and still be
 * written into the evidence), and the reason of any plugin's acknowledgement must be a sentence.
 * Both are fatal violations, which CDK lets no acknowledgement suppress.
 */

/** The shortest reason accepted: under this many characters is not a sentence. */
export const MIN_REASON_LENGTH = 20;

/** The pack's checks of acknowledgements, as they appear in CDK's report. */
export const AcknowledgementChecks = {
  /** A `Soc2Ml::` acknowledgement whose rule is not a rule of the pack. */
  UNKNOWN_RULE: 'AcknowledgementNamesARule',
  /** An acknowledgement (of any plugin) without a reason a person can read. */
  NO_REASON: 'AcknowledgementHasAReason',
} as const;

/** Violations for the acknowledgements of an app's tree that name no rule of the pack or give no reason. */
export function acknowledgementViolations(context: IPolicyValidationContext, ruleIds: readonly string[], constructs: readonly IConstruct[] = context.appConstruct?.node.findAll() ?? []): PolicyViolation[] {
  // Only constructs with metadata can carry an acknowledgement (a construct's path is worth computing only for them).
  const places = constructs.flatMap((c) => {
    const entries = c.node.metadata;
    return entries.some((e) => isAcknowledgementMetadata(e.type)) ? [{ construct: c, at: c.node.path, entries }] : [];
  });
  const byPath = new Map(places.map((p) => [p.at, p.construct]));
  const acknowledgements = latestAcknowledgements(places);
  const known = new Set(ruleIds);
  const violations: PolicyViolation[] = [];
  const where = (ack: Acknowledgement) => locate(byPath.get(ack.at), ack.at, context);
  for (const ack of acknowledgements) {
    if (ack.namespace === SOC2ML_PACK && !known.has(ack.rule)) {
      const suggestion = closest(ack.rule, ruleIds);
      violations.push({
        ruleName: AcknowledgementChecks.UNKNOWN_RULE,
        description: `The acknowledgement "${ack.id}" on ${ack.at || 'the app'} names no rule of the pack, so it acknowledges nothing.${suggestion ? ` Did you mean "${soc2mlRuleId(suggestion)}"?` : ''}`,
        fix: `Spell the id as ${SOC2ML_PACK}::<rule> with a rule of RULES.md${suggestion ? ` (${soc2mlRuleId(suggestion)})` : ''}, or remove the acknowledgement.`,
        severity: 'fatal',
        violatingResources: [where(ack)],
      });
    }
    if (ack.reason.trim().length < MIN_REASON_LENGTH) {
      violations.push({
        ruleName: AcknowledgementChecks.NO_REASON,
        description: `The acknowledgement "${ack.id}" on ${ack.at || 'the app'} gives the reason ${JSON.stringify(ack.reason)}; the audit evidence shows it as the reason for the exception.`,
        fix: `Give the reason as a sentence (${MIN_REASON_LENGTH} characters or more) an auditor can check: why the rule does not apply here, or what compensates.`,
        severity: 'fatal',
        violatingResources: [where(ack)],
      });
    }
  }
  return violations;
}

/** Where an acknowledgement was made, as a violating resource: its construct's resource, else its stack. */
function locate(construct: IConstruct | undefined, at: string, context: IPolicyValidationContext): PolicyViolation['violatingResources'][number] {
  const stack = construct ? stackOf(construct) : undefined;
  const template = stack ? context.stackTemplates.find((s) => s.stackConstructPath === stack.node.path) : undefined;
  const element = construct?.node.defaultChild;
  const logicalId = stack && element instanceof CfnElement ? stack.resolve(element.logicalId) : undefined;
  return {
    resourceLogicalId: typeof logicalId === 'string' && !Token.isUnresolved(logicalId) ? logicalId : '',
    templatePath: template?.templatePath ?? context.templatePaths[0] ?? '',
    constructPath: at,
    locations: ['Metadata/aws:cdk:acknowledged-rules'],
  };
}

function stackOf(construct: IConstruct): Stack | undefined {
  try {
    return Stack.of(construct);
  } catch {
    return undefined;
  }
}
