/*
 * evidence/checks.ts: which checks ran, at which version, what each concluded and how many
 * findings it had, from reports, registered plugins and the pack's verdicts built in the test.
 */
import { buildChecks, Conclusion } from '../../evidence/checks';
import { ReportedViolation } from '../../evidence/inputs';
import { Severity } from '../../pack/rule';
import { bucketVerdicts, evidenceInputs, pluginReport, reportedViolation, ruleSummary, verdictDocument } from './helpers';

/** A violation of a rule on some constructs, of a severity (none: CDK reads it as an error). */
const violation = (ruleName: string, constructPaths: readonly string[], severity?: string): ReportedViolation => reportedViolation(ruleName, constructPaths, { severity });

describe('a plugin\'s conclusion', () => {
  test('a report that concluded failure is failed, and so is synthesis', () => {
    const checks = buildChecks(evidenceInputs({ reports: [pluginReport('Soc2Ml', { conclusion: 'failure', violations: [violation('S3BucketVersioned', ['App/Raw/Resource'])] })] }));
    expect(checks.checks.map((c) => [c.plugin, c.conclusion])).toEqual([['Soc2Ml', Conclusion.FAILED]]);
    expect(checks.synthesis).toBe(Conclusion.FAILED);
  });

  test('a report that concluded success is passed, warnings and all', () => {
    const checks = buildChecks(evidenceInputs({ reports: [pluginReport('Soc2Ml', { violations: [violation('LogGroupRetention', ['App/Logs/Resource'], 'warning')] })] }));
    expect(checks.checks[0].conclusion).toBe(Conclusion.PASSED);
    expect(checks.synthesis).toBe(Conclusion.PASSED);
  });

  test('a registered plugin the report does not name found nothing: passed, with no findings', () => {
    const checks = buildChecks(evidenceInputs({ plugins: [{ name: 'AwsSolutions', version: '3.0.2', ruleCount: 40 }] }));
    expect(checks.checks).toEqual([{
      plugin: 'AwsSolutions', version: '3.0.2', ruleCount: 40, conclusion: Conclusion.PASSED,
      findings: { errors: 0, warnings: 0, other: 0, acknowledged: 0 },
    }]);
  });

  test('a failed synth is failed even when every plugin passed', () => {
    const checks = buildChecks(evidenceInputs({ reports: [pluginReport('Soc2Ml')], synthFailed: true }));
    expect(checks.checks[0].conclusion).toBe(Conclusion.PASSED);
    expect(checks.synthesis).toBe(Conclusion.FAILED);
  });

  test('no plugin, no failure: synthesis passed, with no checks and no pack verdicts', () => {
    expect(buildChecks(evidenceInputs())).toEqual({ synthesis: Conclusion.PASSED, checks: [], packVerdicts: undefined });
  });
});

describe('a plugin\'s version and rule count', () => {
  test('the registered plugin\'s version wins over the report\'s, and its rule count is kept', () => {
    const checks = buildChecks(evidenceInputs({
      plugins: [{ name: 'Soc2Ml', version: '1.2.3', ruleCount: 65 }],
      reports: [pluginReport('Soc2Ml', { pluginVersion: '0.0.0' })],
    }));
    expect(checks.checks[0]).toEqual(expect.objectContaining({ version: '1.2.3', ruleCount: 65 }));
  });

  test('a plugin known only from the report has the report\'s version and no rule count', () => {
    const checks = buildChecks(evidenceInputs({ reports: [pluginReport('CloudFormation Validate', { pluginVersion: '2.276.0' })] }));
    expect(checks.checks[0]).toEqual(expect.objectContaining({ plugin: 'CloudFormation Validate', version: '2.276.0', ruleCount: undefined }));
  });

  test('a pack known only from its verdicts is listed, with the verdicts\' version and rule count', () => {
    const verdicts = verdictDocument([ruleSummary('S3BucketVersioned', ['A1.2']), ruleSummary('S3BucketTlsOnly', ['CC6.7'])], []);
    expect(buildChecks(evidenceInputs({ verdicts })).checks).toEqual([expect.objectContaining({
      plugin: 'Soc2Ml', version: '1.2.3', ruleCount: 2, conclusion: Conclusion.PASSED,
    })]);
  });

  test('checks are listed by plugin name', () => {
    const checks = buildChecks(evidenceInputs({
      plugins: [{ name: 'Soc2Ml' }, { name: 'AwsSolutions' }],
      reports: [pluginReport('CloudFormation Validate')],
    }));
    expect(checks.checks.map((c) => c.plugin)).toEqual(['AwsSolutions', 'CloudFormation Validate', 'Soc2Ml']);
  });
});

describe('finding counts', () => {
  test('each violating construct is a finding, counted by severity; no severity is an error, fatal too', () => {
    const checks = buildChecks(evidenceInputs({
      reports: [pluginReport('Soc2Ml', {
        conclusion: 'failure',
        violations: [
          violation('S3BucketVersioned', ['App/A/Resource', 'App/B/Resource'], 'error'),
          violation('S3BucketTlsOnly', ['App/A/Resource']),
          violation('Broken', ['App/C/Resource'], 'fatal'),
          violation('LogGroupRetention', ['App/Logs/Resource'], 'warning'),
          violation('Hint', ['App/A/Resource', 'App/B/Resource', 'App/C/Resource'], 'info'),
        ],
      })],
    }));
    expect(checks.checks[0].findings).toEqual({ errors: 4, warnings: 1, other: 3, acknowledged: 0 });
  });

  test('a violation naming no construct still counts once', () => {
    const checks = buildChecks(evidenceInputs({ reports: [pluginReport('Soc2Ml', { conclusion: 'failure', violations: [violation('AppHasAuditTrail', [])] })] }));
    expect(checks.checks[0].findings.errors).toBe(1);
  });

  test('acknowledged violations are counted apart, per construct, whatever their severity', () => {
    const checks = buildChecks(evidenceInputs({
      reports: [pluginReport('Soc2Ml', {
        suppressedViolations: [
          { ...violation('S3BucketVersioned', ['App/A/Resource', 'App/B/Resource']), acknowledgedId: 'Soc2Ml::S3BucketVersioned', reason: 'Backed up.' },
          { ...violation('LogGroupRetention', ['App/Logs/Resource'], 'warning'), acknowledgedId: 'Soc2Ml::LogGroupRetention', reason: 'Exported.' },
        ],
      })],
    }));
    expect(checks.checks[0].findings).toEqual({ errors: 0, warnings: 0, other: 0, acknowledged: 3 });
  });
});

describe('the pack\'s verdicts', () => {
  test('counts passed, not applicable, and failures by acknowledgement and severity', () => {
    const verdicts = verdictDocument([], [
      bucketVerdicts('A', {
        passed: ['S3BucketTlsOnly', 'S3BucketRetained'],
        notApplicable: ['S3BucketPersonalDataProtected'],
        failed: [
          { rule: 'S3BucketVersioned', severity: Severity.ERROR, detail: 'Versioning is not enabled.' },
          { rule: 'S3BucketClassified', severity: Severity.ERROR, detail: 'No tag.', acknowledged: { reason: 'Public data.', at: 'App/A' } },
          { rule: 'BucketExpiry', severity: Severity.WARNING, detail: 'No lifecycle.' },
        ],
      }),
      bucketVerdicts('B', { passed: ['S3BucketTlsOnly'] }),
    ]);
    expect(buildChecks(evidenceInputs({ verdicts })).packVerdicts).toEqual({ plugin: 'Soc2Ml', passed: 3, failed: 1, warnings: 1, acknowledged: 1, notApplicable: 1 });
  });

  test('an acknowledged warning counts as acknowledged, not as a warning', () => {
    const verdicts = verdictDocument([], [bucketVerdicts('A', {
      failed: [{ rule: 'BucketExpiry', severity: Severity.WARNING, detail: 'No lifecycle.', acknowledged: { reason: 'Kept forever.', at: 'App' } }],
    })]);
    expect(buildChecks(evidenceInputs({ verdicts })).packVerdicts).toEqual(expect.objectContaining({ warnings: 0, acknowledged: 1 }));
  });
});
