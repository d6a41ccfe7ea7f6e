import { ALL_RULES } from './rules';
import { Severity } from './rule';

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
    lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
