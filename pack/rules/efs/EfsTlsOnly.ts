import { failed, passed, ResourceRule } from '../../rule';
import { isObject, Json, JsonObject } from '../../json';
import { actionMatches, asArray, asBoolean, branches, flatten, isIntrinsic, isUnset, isWildcardPrincipal, Statement, statementCoversAction, statementsOf } from '../../values';
import { readJsonDocument } from '../opensearch/private';

const LOCATION = 'Properties/FileSystemPolicy';

/** The NFS client actions a file system policy governs. */
const CLIENT_ACTIONS = ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'];

/** Stands for this file system when matching `Resource` patterns (its id is unknown until deployed). */
const FILE_SYSTEM_ARN = 'arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-0123456789abcdef0';

/**
 * The file system policy refuses NFS clients that do not use TLS: a `Deny` of every client action
 * (`ClientMount`, `ClientWrite`, `ClientRootAccess`) to `*` under the single condition `Bool`
 * `aws:SecureTransport: false`, on the file system (no `Resource`, `*`, or an EFS ARN pattern).
 * This is the test S3BucketTlsOnly applies to buckets. Without it a client may mount in clear
 * text: the mount helper's TLS option is the client's choice. A statement or document that a
 * condition may drop, or that synth cannot read, proves nothing and fails.
 */
export const EfsTlsOnly: ResourceRule = {
  id: 'EfsTlsOnly',
  resourceTypes: ['AWS::EFS::FileSystem'],
  passes: '`FileSystemPolicy` has, in every `Fn::If` branch, a statement denying `elasticfilesystem:ClientMount`, `ClientWrite` and `ClientRootAccess` (e.g. `Action: "*"`) to principal `*` on the file system under the single condition `Bool` `aws:SecureTransport: false`.',
  check: (fileSystem) => {
    for (const branch of branches(fileSystem.properties.FileSystemPolicy)) {
      if (isUnset(branch)) {
        return failed('It has no file system policy, so nothing refuses NFS clients that mount without TLS.', LOCATION);
      }
      const document = readJsonDocument(branch as Json);
      if (!isObject(document)) {
        return failed('Its file system policy is not a document synth can read (a parameter, import or other token), so TLS enforcement cannot be proven; write it literally or acknowledge the rule with a reason.', LOCATION);
      }
      if (!deniesPlainNfs(document)) {
        return failed('Its file system policy does not deny elasticfilesystem:ClientMount, ClientWrite and ClientRootAccess to principal * when aws:SecureTransport is false, so clients may mount without TLS.', LOCATION);
      }
    }
    return passed();
  },
};

/**
 * Whether, in every branch of its statement list, the document has a statement that is the TLS
 * denial in each of its own branches (a statement a condition may drop does not count).
 */
function deniesPlainNfs(document: JsonObject): boolean {
  return branches(document.Statement).every((list) => asArray(list).some((item) => branches(item).every((candidate) => {
    if (!isObject(candidate) || isIntrinsic(candidate)) {
      return false;
    }
    const [statement] = statementsOf({ Statement: [candidate] });
    return statement !== undefined && isTlsDenial(statement);
  })));
}

function isTlsDenial(s: Statement): boolean {
  return s.effect === 'Deny'
    && s.notPrincipal === undefined
    && isWildcardPrincipal(s)
    && CLIENT_ACTIONS.every((action) => statementCoversAction(s, action))
    && coversFileSystem(s)
    && deniesOnlyPlainTransport(s.condition);
}

/**
 * A file system policy governs the file system it is attached to, so a statement without
 * `Resource` covers it; with one, a pattern must match an EFS file-system ARN (placeholders
 * standing for anything). `NotResource` is not read: what it excludes cannot be told from names.
 */
function coversFileSystem(s: Statement): boolean {
  if (s.raw.NotResource !== undefined) {
    return false;
  }
  if (s.resources === undefined) {
    return true;
  }
  return s.resources.map(flatten).some((pattern) => actionMatches(pattern.replace(/\$\{[^}]*\}/g, '*'), FILE_SYSTEM_ARN));
}

/**
 * The condition has one key, `aws:SecureTransport`, under `Bool` or `BoolIfExists`, every value
 * false: a further key, being ANDed, would let some clear-text mounts through.
 */
function deniesOnlyPlainTransport(condition: JsonObject): boolean {
  const tests = Object.entries(condition).flatMap(([operator, block]) => (isObject(block)
    ? Object.entries(block).map(([key, value]) => ({ operator: operator.toLowerCase(), key: key.toLowerCase(), value }))
    : [{ operator: '', key: '', value: block as Json }]));
  if (tests.length !== 1) {
    return false;
  }
  const [{ operator, key, value }] = tests;
  const values = asArray(value);
  return (operator === 'bool' || operator === 'boolifexists') && key === 'aws:securetransport'
    && values.length > 0 && values.every((v) => asBoolean(v) === false);
}
