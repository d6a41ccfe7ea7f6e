import { DEFAULT_EVIDENCE_RETENTION_DAYS, validateEvidenceRetentionDays } from '../core/evidence-records';

/**
 * `soc2ml:evidenceRetentionDays`: how long the evidence archive locks its records (and the least
 * the audit-relevant logs and the trail bucket's lock keep theirs). A number, or its string as
 * `-c` passes it; 731 when absent; below 400 refused, naming the key.
 */
export function readEvidenceRetentionDays(value: unknown, key: string): number {
  if (value === undefined || value === null || value === '') {
    return DEFAULT_EVIDENCE_RETENTION_DAYS;
  }
  const days = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  validateEvidenceRetentionDays(days as number, key);
  return days as number;
}
