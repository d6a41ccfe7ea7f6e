import { failed, notApplicable, Outcome, passed, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { literalAlternatives } from '../../readers';
import { asArray, branches, isUnset } from '../../values';

/*
 * How an RDS resource sits among others: whether an instance belongs to a cluster (which then
 * governs its storage, backups, credentials, logs and TLS) or replicates another database, its
 * engine family, and what `PubliclyAccessible` defaults to where it is absent.
 */

export const DB_INSTANCE = 'AWS::RDS::DBInstance';
export const DB_CLUSTER = 'AWS::RDS::DBCluster';
export const RDS_TYPES: readonly string[] = [DB_INSTANCE, DB_CLUSTER];

/**
 * Whether the resource is an instance of an Aurora cluster (`DBClusterIdentifier` set in every
 * branch): the cluster holds its storage encryption, backups, deletion protection, credentials,
 * log exports and TLS parameters, and is judged for them instead.
 */
export function isClusterMember(resource: TemplateResource): boolean {
  return resource.type === DB_INSTANCE && branches(resource.properties.DBClusterIdentifier).every((v) => !isUnset(v));
}

/**
 * Whether the resource is a read replica of another database (`SourceDBInstanceIdentifier` or
 * `SourceDBClusterIdentifier` on an instance): its data, backups and master user are its source's.
 */
export function isReadReplica(resource: TemplateResource): boolean {
  const p = resource.properties;
  return resource.type === DB_INSTANCE && [p.SourceDBInstanceIdentifier, p.SourceDBClusterIdentifier].some((v) => branches(v).every((b) => !isUnset(b)));
}

/** The engine families whose controls differ. */
export enum EngineFamily {
  MYSQL = 'MySQL',
  POSTGRES = 'PostgreSQL',
  SQLSERVER = 'SQL Server',
  ORACLE = 'Oracle',
  DB2 = 'Db2',
}

/** The family of an engine name (`aurora-mysql`, `sqlserver-se`, …), case-insensitively. */
function familyOf(engine: string): EngineFamily | undefined {
  const e = engine.toLowerCase();
  if (['mysql', 'mariadb', 'aurora', 'aurora-mysql'].includes(e)) {
    return EngineFamily.MYSQL;
  }
  if (['postgres', 'aurora-postgresql'].includes(e)) {
    return EngineFamily.POSTGRES;
  }
  const prefixes: [string, EngineFamily][] = [['sqlserver-', EngineFamily.SQLSERVER], ['oracle-', EngineFamily.ORACLE], ['db2-', EngineFamily.DB2]];
  return prefixes.find(([prefix]) => e.startsWith(prefix))?.[1];
}

/** The engine families a resource can have, or why they cannot be known. */
export type Engines = { readonly families: readonly EngineFamily[] } | { readonly problem: string };

/**
 * Whether the database has another's master user: a read replica, a cluster replicating another
 * (`ReplicationSourceIdentifier`), or a secondary cluster of a global database (`GlobalClusterIdentifier`
 * without its own `MasterUsername`). Its credentials are judged on the source or primary.
 */
export function inheritsMasterUser(resource: TemplateResource): boolean {
  const p = resource.properties;
  const set = (v: Json | undefined) => branches(v).every((b) => !isUnset(b));
  return isReadReplica(resource)
    || (resource.type === DB_CLUSTER && (set(p.ReplicationSourceIdentifier) || (set(p.GlobalClusterIdentifier) && !set(p.MasterUsername))));
}

/**
 * The engines of a resource. A read replica may leave `Engine` out (CDK's
 * `DatabaseInstanceReadReplica` does): it has its source's, read when the source is in the template.
 */
export function enginesOf(resource: TemplateResource, hops = 0): Engines {
  const source = replicaSource(resource);
  if (isUnset(resource.properties.Engine) && source !== undefined && hops < 5) {
    return enginesOf(source, hops + 1);
  }
  const values = literalAlternatives(resource.properties.Engine, resource.template);
  if (values === undefined) {
    return { problem: 'Its Engine comes from a value that cannot be known at synth, so the engine\'s controls cannot be judged.' };
  }
  const families: EngineFamily[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || v === '') {
      return { problem: 'It names no Engine (a replica or restore inherits one), so the engine\'s controls cannot be judged: state Engine.' };
    }
    const family = familyOf(v);
    if (family === undefined) {
      return { problem: `Its engine ${v} is not one the pack knows how to judge (MySQL, MariaDB, PostgreSQL, Aurora, SQL Server, Oracle, Db2).` };
    }
    families.push(family);
  }
  return { families };
}

/**
 * The instance of this template a read replica copies: its `SourceDBInstanceIdentifier` refers to
 * it, or is the ARN CDK joins around a reference to it.
 */
export function replicaSource(instance: TemplateResource): TemplateResource | undefined {
  const value = instance.properties.SourceDBInstanceIdentifier;
  const join = isObject(value) ? value['Fn::Join'] : undefined;
  const parts = Array.isArray(join) && Array.isArray(join[1]) ? join[1] : [value];
  return parts.map((part) => instance.template.target(part)).find((t) => t?.type === DB_INSTANCE);
}

/**
 * Judge a database for each engine it can have: not applicable to an instance of a cluster (the
 * cluster is judged), failed when the engine cannot be known, else the first failure of `judge`.
 */
export function judgeEachEngine(db: TemplateResource, judge: (family: EngineFamily) => Outcome): Outcome {
  if (isClusterMember(db)) {
    return notApplicable();
  }
  const found = enginesOf(db);
  if ('problem' in found) {
    return failed(found.problem, 'Properties/Engine');
  }
  for (const family of found.families) {
    const outcome = judge(family);
    if (outcome.verdict !== Verdict.PASSED) {
      return outcome;
    }
  }
  return passed();
}

/** What RDS makes of an absent `PubliclyAccessible`. */
export enum DefaultAccess {
  PRIVATE = 'private',
  PUBLIC = 'public',
  UNKNOWN = 'unknown',
}

/**
 * What an absent `PubliclyAccessible` means for an instance (its cluster's subnet group, for an
 * Aurora instance) or a Multi-AZ DB cluster. AWS documents the default two ways: public when the
 * subnets' VPC has an internet gateway attached, or private whenever a non-default subnet group is
 * named. Only what is private under both readings counts as private: a subnet group of the
 * app, not `default`, in a VPC of the app without an internet gateway. A VPC with one
 * (or the default group) is public under one reading; anything synth cannot see is unknown.
 */
export function defaultAccess(db: TemplateResource): DefaultAccess {
  const template = db.template;
  let groupName: Json | undefined = db.properties.DBSubnetGroupName;
  let groupTemplate = template;
  if (isUnset(groupName) && isClusterMember(db)) {
    const cluster = template.target(db.properties.DBClusterIdentifier);
    groupName = cluster?.properties.DBSubnetGroupName;
    groupTemplate = cluster?.template ?? template;
  }
  if (typeof groupName === 'string' && groupName.toLowerCase() === 'default') {
    return DefaultAccess.PUBLIC;
  }
  const group = groupTemplate.target(groupName);
  if (group?.type !== 'AWS::RDS::DBSubnetGroup') {
    return DefaultAccess.UNKNOWN;
  }
  // Each hop is read in the template of the resource it starts from: the subnets and their VPC may
  // be another stack's of the app (CDK's cross-stack references).
  const subnet = asArray(group.properties.SubnetIds).map((s) => group.template.target(s)).find((s) => s?.type === 'AWS::EC2::Subnet');
  const vpc = subnet?.template.target(subnet.properties.VpcId);
  if (vpc?.type !== 'AWS::EC2::VPC') {
    return DefaultAccess.UNKNOWN;
  }
  const attachments = vpc.template.referencing('AWS::EC2::VPCGatewayAttachment', 'VpcId', vpc.logicalId);
  return attachments.some((a) => !isUnset(a.properties.InternetGatewayId)) ? DefaultAccess.PUBLIC : DefaultAccess.PRIVATE;
}
