import { Conclusion } from '../../evidence/checks';
import { renderSummary } from '../../evidence/summary';
import { verdictDocument } from './helpers';

const checks = (conclusion: Conclusion) => ({
  synthesis: conclusion,
  checks: [
    { plugin: 'AwsSolutions', version: '3.0.2', conclusion: Conclusion.PASSED, findings: { errors: 0, warnings: 1, other: 0, acknowledged: 40 } },
    { plugin: 'Soc2Ml', version: '1.2.3', conclusion, findings: { errors: 2, warnings: 0, other: 0, acknowledged: 1 } },
  ],
  packVerdicts: { plugin: 'Soc2Ml', passed: 500, failed: conclusion === Conclusion.FAILED ? 2 : 0, warnings: 3, acknowledged: 1, notApplicable: 4 },
});

describe('the synth summary', () => {
  test('says whether every check passed, with one line per check', () => {
    const text = renderSummary({ checks: checks(Conclusion.PASSED), stacks: 4, resources: 470, evidencePage: 'cdk.out/soc2-evidence/index.html' });
    expect(text.split('\n')).toEqual([
      'cdk-soc2-ml: every check passed — 4 stacks, 470 resources',
      '  passed  AwsSolutions 3.0.2: 0 failed, 40 acknowledged, 1 warning',
      '  passed  Soc2Ml 1.2.3: 500 passed, 0 failed, 1 acknowledged, 3 warnings',
      '  evidence: cdk.out/soc2-evidence/index.html',
      '',
    ]);
  });

  test('names the failed check', () => {
    expect(renderSummary({ checks: checks(Conclusion.FAILED), stacks: 1, resources: 1 })).toMatch(/^cdk-soc2-ml: a check FAILED — 1 stack, 1 resource\n.*\n {2}FAILED {2}Soc2Ml 1\.2\.3: 500 passed, 2 failed/);
  });

  test('lists what no rule read, one line per stack, and says so when there is nothing', () => {
    const verdicts = { ...verdictDocument([], []), notJudged: [
      { stack: 'dev', type: 'AWS::Events::Rule', count: 8 },
      { stack: 'dev', type: 'AWS::EC2::VPCEndpoint', count: 11 },
      { stack: 'prod', type: 'AWS::Events::Rule', count: 8 },
    ] };
    const text = renderSummary({ checks: checks(Conclusion.PASSED), verdicts, stacks: 2, resources: 100 });
    expect(text).toContain('  not judged: 27 resources no rule read (of types no rule reads, or defined outside the template; the evidence lists them):\n    dev: AWS::Events::Rule (8), AWS::EC2::VPCEndpoint (11)\n    prod: AWS::Events::Rule (8)\n');
    expect(renderSummary({ checks: checks(Conclusion.PASSED), verdicts: verdictDocument([], []), stacks: 1, resources: 1 })).toContain('not judged: none');
  });

  test('carries the caller\'s notes', () => {
    expect(renderSummary({ checks: checks(Conclusion.PASSED), stacks: 1, resources: 1, notes: ['acknowledgements: none'] })).toContain('\n  acknowledgements: none\n');
  });

  test('warns of acknowledgements that matched no finding, naming five at most', () => {
    const unmatched = Array.from({ length: 7 }, (_, i) => `Soc2Ml::Rule${i} at App/Stack`);
    const text = renderSummary({ checks: checks(Conclusion.PASSED), stacks: 1, resources: 1, unmatchedAcknowledgements: unmatched });
    expect(text).toContain('  warning: 7 acknowledgements matched no finding (remove or fix; exceptions.json lists them):\n    Soc2Ml::Rule0 at App/Stack\n');
    expect(text).toContain('    Soc2Ml::Rule4 at App/Stack\n    and 2 more\n');
    expect(text).not.toContain('Rule5');
    expect(renderSummary({ checks: checks(Conclusion.PASSED), stacks: 1, resources: 1, unmatchedAcknowledgements: [] })).not.toContain('matched no finding');
  });
});
