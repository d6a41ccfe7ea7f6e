import { ALL_RULES } from './rules';
import { PackRule, Severity } from './rule';

/** RULES.md, rendered from the rule definitions so the two cannot disagree. */
export function renderRulesMarkdown(): string {
  const lines: string[] = [
    '# Soc2MlChecks rules',
    '',
    '<!-- Generated from pack/rules by `npm run rules:doc`; the test suite fails if this file is stale. -->',
    '',
    'Plugin name `Soc2Ml`: acknowledge a rule with `Validations.of(construct).acknowledge({ id: \'Soc2Ml::<rule>\', reason })`.',
    'Errors fail `cdk synth`; warnings are reported and never fail it. Every rule reads the synthesized template, so',
    'property overrides, escape hatches and `CfnInclude` are judged as deployed. Values that are references',
    '(`Ref`, `Fn::GetAtt`, imports, parameters) are decided per rule, as "what passes" says; every branch of an',
    '`Fn::If` must pass.',
    '',
    `${ALL_RULES.length} rules: ${ALL_RULES.filter((r) => r.severity === Severity.ERROR).length} errors, ${ALL_RULES.filter((r) => r.severity === Severity.WARNING).length} warnings.`,
    '',
    '| rule | severity | SOC 2 criteria | reads | finding | what passes | how to fix |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of ALL_RULES) {
    const cells = [
      `\`${r.rule.id}\``,
      r.severity,
      r.criteria.join(', '),
      r.rule.resourceTypes.map((t) => `\`${t}\``).join('<br>') + (r.kind === 'stack' ? ' (whole app, reported on the stack)' : '')
        + (r.kind === 'resource' && r.rule.examines ? `<br>examining ${r.rule.examines.map((t) => `\`${t}\``).join(', ')}` : ''),
      r.finding,
      r.rule.passes,
      r.fix,
    ];
    lines.push(row(cells));
  }
  lines.push('', ...mappingSection());
  return lines.join('\n');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
}

/** Each rule's criteria, why they apply, and where they differ from the community scanner mapping. */
function mappingSection(): string[] {
  return [
    '## Criteria mapping',
    '',
    'Each rule cites a primary Trust Services Criterion (2017, revised points of focus 2022) first, then only the',
    'secondary criteria its control defensibly serves. A rule judges a template, so none cites the entity-level',
    'criteria CC1 to CC3 (control environment, communication, risk assessment). A criterion such as CC7.3, CC8.1',
    'or C1.2 that only the operation of a control over the audit period can show may be cited as supported, but',
    'the evidence never reports it met from a synth (see docs/evidence.md). Where the closest check of the',
    'community scanner mapping (prowler, steampipe, AWS Config, checkov; `soc2-aws-checks.csv`) cites other',
    'criteria, this mapping supersedes it and the last column says how it differs.',
    '',
    '| rule | criteria | rationale | community mapping |',
    '|---|---|---|---|',
    ...ALL_RULES.map((r) => row([`\`${r.rule.id}\``, r.criteria.join(', '), r.rationale ?? 'none given', deviation(r)])),
    '',
  ];
}

function deviation(r: PackRule): string {
  const ref = r.reference;
  if (!ref) {
    return 'no matching check';
  }
  const dropped = ref.criteria.filter((c) => !r.criteria.includes(c));
  const added = r.criteria.filter((c) => !ref.criteria.includes(c));
  if (dropped.length === 0 && added.length === 0) {
    return `\`${ref.check}\`: same criteria`;
  }
  const parts = [dropped.length ? `drops ${dropped.join(', ')}` : '', added.length ? `adds ${added.join(', ')}` : ''].filter((p) => p);
  return `\`${ref.check}\` cites ${ref.criteria.join(', ')}: ${parts.join('; ')}`;
}
