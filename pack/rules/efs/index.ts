import { PackRule, Severity } from '../../rule';
import { EfsAutomaticBackups } from './EfsAutomaticBackups';
import { EfsEncrypted } from './EfsEncrypted';
import { EfsTlsOnly } from './EfsTlsOnly';

/** The EFS rules, with the criteria, words and severity the pack gives them. */
export const EFS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: EfsEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'File system storage is encrypted (CC6.1) and holds confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'EFS file system is not encrypted at rest.',
    fix: 'Set encrypted: true (with kmsKey for your own key) on the L2 FileSystem, i.e. Encrypted true (and KmsKeyId) on CfnFileSystem. An existing file system cannot be encrypted: create an encrypted one and copy the data.',
  },
  {
    kind: 'resource',
    rule: EfsTlsOnly,
    criteria: ['CC6.7'],
    rationale: 'The file system refuses mounts without TLS (CC6.7).',
    severity: Severity.ERROR,
    finding: 'EFS file system accepts NFS clients that do not use TLS.',
    fix: 'Add to the file system policy (fileSystemPolicy on the L2 FileSystem, or fileSystem.addToResourcePolicy) a statement denying Action "*" to principal * with Condition Bool aws:SecureTransport "false"; FileSystemPolicy on CfnFileSystem. Mount with the EFS mount helper\'s tls option.',
  },
  {
    kind: 'resource',
    rule: EfsAutomaticBackups,
    criteria: ['A1.2'],
    rationale: 'The file system is backed up (A1.2).',
    severity: Severity.ERROR,
    finding: 'EFS file system does not have automatic backups.',
    fix: 'Set enableAutomaticBackups: true on the L2 FileSystem (its default is false), i.e. BackupPolicy Status ENABLED on CfnFileSystem.',
  },
];
