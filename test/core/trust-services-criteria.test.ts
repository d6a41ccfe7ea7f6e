import { isEntityLevelCommonCriterion, TRUST_SERVICES_CRITERIA, trustServicesCriterion } from '../../core/trust-services-criteria';

test('lists every Trust Services Criterion once: 33 common criteria, 3 availability, 2 confidentiality, 5 processing integrity, 18 privacy', () => {
  const ids = TRUST_SERVICES_CRITERIA.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  const count = (prefix: RegExp) => ids.filter((id) => prefix.test(id)).length;
  expect([count(/^CC/), count(/^A/), count(/^C\d/), count(/^PI/), count(/^P\d/)]).toEqual([33, 3, 2, 5, 18]);
  expect(ids[0]).toBe('CC1.1');
  expect(ids[ids.length - 1]).toBe('P8.1');
  expect(TRUST_SERVICES_CRITERIA.every((c) => c.title.length > 10)).toBe(true);
});

test('finds a criterion by id, and nothing for an id that is not one', () => {
  expect(trustServicesCriterion('CC6.7')?.title).toMatch(/Transmission/);
  expect(trustServicesCriterion('CC6.9')).toBeUndefined();
});

test('CC1 to CC3 are entity level; CC4 onwards are not', () => {
  expect(['CC1.3', 'CC2.1', 'CC3.2'].map(isEntityLevelCommonCriterion)).toEqual([true, true, true]);
  expect(['CC4.1', 'CC6.1', 'C1.1'].map(isEntityLevelCommonCriterion)).toEqual([false, false, false]);
});
