import { PackRule, Severity } from '../../rule';
import { GuardDutyEnabled } from './GuardDutyEnabled';
import { GuardDutyMalwareProtection } from './GuardDutyMalwareProtection';
import { GuardDutyS3Protection } from './GuardDutyS3Protection';

/** The GuardDuty rules, with the criteria, words and severity the pack gives them. */
export const GUARDDUTY_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: GuardDutyEnabled,
    criteria: ['CC7.2', 'CC6.8'],
    rationale: 'A detector monitors the account for anomalous and malicious activity (CC7.2, CC6.8). Having a detector is not risk assessment (CC3), evaluating deficiencies (CC4.2) or responding to incidents (CC7.3, CC7.4).',
    reference: { check: 'prowler:guardduty_is_enabled', criteria: ['CC3.1', 'CC3.2', 'CC4.2', 'CC6.6', 'CC6.8', 'CC7.1', 'CC7.2', 'CC7.3', 'CC7.4'] },
    severity: Severity.ERROR,
    finding: 'GuardDuty detector is disabled.',
    fix: 'Set enable: true on the CfnDetector (Enable: true); a value from a parameter or import cannot be proven on and fails.',
  },
  {
    kind: 'resource',
    rule: GuardDutyS3Protection,
    criteria: ['CC7.2', 'CC6.8'],
    rationale: 'S3 data events are monitored for anomalous access (CC7.2) and malicious activity (CC6.8).',
    reference: { check: 'prowler:guardduty_s3_protection_enabled', criteria: ['CC6.8', 'CC7.2'] },
    severity: Severity.ERROR,
    finding: 'GuardDuty detector does not monitor S3 data events.',
    fix: 'Add { name: \'S3_DATA_EVENTS\', status: \'ENABLED\' } to the CfnDetector features (or, in the older form, dataSources.s3Logs.enable: true).',
  },
  {
    kind: 'resource',
    rule: GuardDutyMalwareProtection,
    criteria: ['CC6.8', 'CC7.2'],
    rationale: 'Objects and volumes are scanned for malware (CC6.8 detects malicious software), with findings monitored (CC7.2).',
    severity: Severity.WARNING,
    finding: 'GuardDuty detector does not scan EC2 volumes for malware.',
    fix: 'Add { name: \'EBS_MALWARE_PROTECTION\', status: \'ENABLED\' } to the CfnDetector features (or, in the older form, dataSources.malwareProtection.scanEc2InstanceWithFindings.ebsVolumes: true).',
  },
];
