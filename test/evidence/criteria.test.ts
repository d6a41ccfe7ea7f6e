/*
 * evidence/criteria.ts: which criteria a template can show, which only operation shows, which are
 * entity-level; and the controls each finds in a model built in the test.
 */
import { AppModel } from '../../evidence/app-model';
import { CRITERION_SPECS, CriterionNature, criterionSpec } from '../../evidence/criteria';
import { isEntityLevelCommonCriterion, TRUST_SERVICES_CRITERIA, trustServicesCriterion } from '../../core/trust-services-criteria';
import { ALL_RULES } from '../../pack/rules';
import { stackInput } from './helpers';

test('every criterion the specs name is a Trust Services Criterion; every criterion has a nature', () => {
  expect(Object.keys(CRITERION_SPECS).filter((id) => !trustServicesCriterion(id))).toEqual([]);
  for (const c of TRUST_SERVICES_CRITERIA) {
    expect(Object.values(CriterionNature)).toContain(criterionSpec(c.id).nature);
  }
});

test('CC1 to CC3 and the privacy criteria are entity-level, each saying what evidences it instead', () => {
  for (const c of TRUST_SERVICES_CRITERIA.filter((x) => isEntityLevelCommonCriterion(x.id) || /^P\d/.test(x.id))) {
    expect({ id: c.id, nature: criterionSpec(c.id).nature, note: (criterionSpec(c.id).note ?? '').length > 20 }).toEqual({ id: c.id, nature: CriterionNature.ENTITY, note: true });
  }
});

test('criteria only operation over the audit period shows are never design criteria', () => {
  for (const id of ['CC4.1', 'CC4.2', 'CC6.2', 'CC7.3', 'CC7.4', 'CC7.5', 'CC8.1', 'A1.1', 'A1.3', 'C1.2', 'PI1.2', 'PI1.3', 'PI1.4']) {
    expect({ id, nature: criterionSpec(id).nature, mechanisms: (criterionSpec(id).mechanisms ?? []).length > 0 }).toEqual({ id, nature: CriterionNature.OPERATING, mechanisms: true });
  }
});

test('every design criterion is cited by some rule, most as a primary criterion', () => {
  const cited = new Set(ALL_RULES.flatMap((r) => r.criteria));
  const design = Object.keys(CRITERION_SPECS).filter((c) => CRITERION_SPECS[c].nature === CriterionNature.DESIGN);
  for (const id of design) {
    expect({ id, cited: cited.has(id) }).toEqual({ id, cited: true });
  }
  expect(design.filter((id) => ALL_RULES.some((r) => r.criteria[0] === id)).length).toBeGreaterThan(design.length / 2);
});

test('a mechanism is found by its resources in the app, and says where its records land', () => {
  const model = new AppModel([stackInput('Ops', {
    Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true } },
    Quiet: { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
    Loud: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmActions: [{ Ref: 'Topic' }] } },
    Images: { Type: 'AWS::ECR::Repository', Properties: { ImageScanningConfiguration: { ScanOnPush: true }, LifecyclePolicy: { LifecyclePolicyText: '{}' } } },
    Raw: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 400 }] } } },
    Kept: { Type: 'AWS::S3::Bucket', Properties: {} },
  })]);
  const found = (id: string) => (criterionSpec(id).mechanisms ?? criterionSpec(id).monitors ?? []).map((m) => [m.name, m.find(model).map((r) => r.logicalId)]);
  expect(found('CC7.3')).toEqual([['GuardDuty detector', ['Detector']], ['metric filters on the audit trail\'s log group', []], ['CloudWatch alarms with actions', ['Loud']]]);
  expect(found('C1.2')).toEqual([['expiry by rule (S3 lifecycle expiration, ECR lifecycle policies)', ['Raw', 'Images']]]);
  expect(found('CC7.1')).toContainEqual(['ECR image scanning', ['Images']]);
  expect([...Object.values(CRITERION_SPECS)].flatMap((s) => [...(s.mechanisms ?? []), ...(s.monitors ?? [])]).every((m) => m.records.length > 20)).toBe(true);
});
