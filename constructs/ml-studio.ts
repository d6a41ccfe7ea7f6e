import { CfnDeletionPolicy, Duration, Stack, Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { Persona } from './persona';
import { TagKeys } from '../core/tags';
import { logsWrite, networkArns, sagemakerLogsArn, vpcNetworking } from './private/ml-permissions';
import { acknowledgeRoleWildcards } from './private/role-acknowledgements';
import { assertPersona } from './private/segregation-of-duties';
import { validateEnvironmentName } from '../core/names';
import { constructIdOf } from '../core/construct-ids';
import { Soc2MlError } from '../core/errors';

/** How people sign in to Studio. */
export enum StudioAuthMode {
  /** With IAM: a person assumes their persona role and opens their own user profile through a presigned URL. */
  IAM = 'IAM',
  /** With IAM Identity Center (which must be enabled in the account's organization). */
  SSO = 'SSO',
}

/** A person's Studio user profile. */
export interface StudioUser {
  /** The person's sign-in name; the profile is named after it (lowercase, other characters as "-"). */
  readonly name: string;
  /** The persona the person works as in Studio (written as the profile's `Persona` tag). */
  readonly persona: Persona;
  /** The execution role the person's Studio apps run with. */
  readonly executionRole: iam.IRole;
  /**
   * The role the person assumes to open Studio (IAM sign-in). Only a session of this role named
   * after the person can open the profile.
   *
   * @default - nobody opens the profile through IAM (SSO sign-in)
   */
  readonly signInRole?: iam.Role;
}

export interface MlStudioProps {
  /** The environment; the domain is named `soc2ml-<environment>`. */
  readonly environmentName: string;
  /** The VPC Studio runs in (VPC only: Studio has no internet access of its own). */
  readonly vpc: ec2.IVpc;
  /** The subnets of Studio's apps. */
  readonly subnets: ec2.ISubnet[];
  /** The security group of Studio's apps. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** The key that encrypts the domain's storage (home file system and app volumes). */
  readonly encryptionKey: kms.IKey;
  /** The execution role of users without one of their own (the data scientist's). */
  readonly defaultExecutionRole: iam.IRole;
  /** The people who get a user profile. @default - none */
  readonly users?: StudioUser[];
  /** How people sign in. @default StudioAuthMode.IAM */
  readonly authMode?: StudioAuthMode;
  /**
   * How long a JupyterLab or Code Editor app may sit idle before Studio shuts it down (60 minutes
   * to 365 days). Users cannot change it.
   *
   * @default Duration.hours(1)
   */
  readonly idleTimeout?: Duration;
}

const PROFILE_NAME = /^[a-z0-9](-*[a-z0-9]){0,62}$/;
const MIN_IDLE_MINUTES = 60;
const MAX_IDLE_MINUTES = 525600;

/**
 * A SageMaker Studio domain for one environment: VPC only (in the environment's subnets, with its
 * workload security group), storage encrypted with the environment's key, IAM sign-in by default
 * (IAM Identity Center as an option), Docker access off, idle apps shut down, the user profile name
 * passed to the execution role as source identity (so CloudTrail names the person), and a user
 * profile per person tagged with their persona. The domain (and with it the home file system) is
 * retained when the stack is deleted.
 */
export class MlStudio extends Construct {
  /** The domain. */
  public readonly domain: sagemaker.CfnDomain;
  /** The user profiles, by person name. */
  public readonly userProfiles: Readonly<Record<string, sagemaker.CfnUserProfile>>;
  /** What every execution role needs to run Studio apps in this domain (attached to each). */
  public readonly executionPolicy: iam.ManagedPolicy;
  /** What a sign-in role needs to open its person's profile (attached to each). */
  public readonly signInPolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: MlStudioProps) {
    super(scope, id);
    validate(props);
    const authMode = props.authMode ?? StudioAuthMode.IAM;
    const users = props.users ?? [];
    const profileNames = profileNamesOf(users, authMode);

    this.domain = this.createDomain(props, authMode);
    this.userProfiles = this.createUserProfiles(props, profileNames, authMode);
    const profileArns = [...profileNames.keys()].map((profile) => this.inDomain('user-profile', profile));
    this.executionPolicy = this.createExecutionPolicy(props, profileArns);
    const signInRoles = unique(users.flatMap((u) => (u.signInRole ? [u.signInRole] : [])));
    if (authMode === StudioAuthMode.IAM && signInRoles.length > 0) {
      this.signInPolicy = this.createSignInPolicy(props.environmentName, signInRoles, profileArns);
    }
  }

  /** The domain: VPC only, encrypted, Docker off, idle apps shut down, retained with its home file system. */
  private createDomain(props: MlStudioProps, authMode: StudioAuthMode): sagemaker.CfnDomain {
    const idle = props.idleTimeout ?? Duration.hours(1);
    const idleSettings = {
      appLifecycleManagement: {
        idleSettings: {
          lifecycleManagement: 'ENABLED',
          idleTimeoutInMinutes: idle.toMinutes(),
          minIdleTimeoutInMinutes: idle.toMinutes(),
          maxIdleTimeoutInMinutes: idle.toMinutes(),
        },
      },
    };
    const securityGroups = [props.securityGroup.securityGroupId];
    const domain = new sagemaker.CfnDomain(this, 'Resource', {
      domainName: `soc2ml-${props.environmentName}`,
      authMode,
      appNetworkAccessType: 'VpcOnly',
      vpcId: props.vpc.vpcId,
      subnetIds: props.subnets.map((s) => s.subnetId),
      kmsKeyId: props.encryptionKey.keyArn,
      defaultUserSettings: {
        executionRole: props.defaultExecutionRole.roleArn,
        securityGroups,
        studioWebPortal: 'ENABLED',
        jupyterLabAppSettings: idleSettings,
        codeEditorAppSettings: idleSettings,
      },
      defaultSpaceSettings: {
        executionRole: props.defaultExecutionRole.roleArn,
        securityGroups,
        jupyterLabAppSettings: idleSettings,
      },
      domainSettings: {
        dockerSettings: { enableDockerAccess: 'DISABLED' },
        executionRoleIdentityConfig: 'USER_PROFILE_NAME',
      },
      tagPropagation: 'ENABLED',
    });
    // CloudFormation has no retention setting for the home file system: keeping the domain keeps it.
    domain.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    domain.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    return domain;
  }

  /** A profile per person, tagged with their persona and, with IAM sign-in, the one session that may open it. */
  private createUserProfiles(
    props: MlStudioProps, profileNames: Map<string, string>, authMode: StudioAuthMode,
  ): Record<string, sagemaker.CfnUserProfile> {
    const users = props.users ?? [];
    const profiles: Record<string, sagemaker.CfnUserProfile> = {};
    for (const [profile, person] of profileNames) {
      const user = users.find((u) => u.name === person)!;
      const cfn = new sagemaker.CfnUserProfile(this, `Profile${constructIdOf(profile)}`, {
        domainId: this.domain.attrDomainId,
        userProfileName: profile,
        singleSignOnUserIdentifier: authMode === StudioAuthMode.SSO ? 'UserName' : undefined,
        singleSignOnUserValue: authMode === StudioAuthMode.SSO ? person : undefined,
        userSettings: { executionRole: user.executionRole.roleArn, securityGroups: [props.securityGroup.securityGroupId] },
      });
      Tags.of(cfn).add(TagKeys.PERSONA, user.persona);
      if (authMode === StudioAuthMode.IAM) {
        Tags.of(cfn).add(TagKeys.STUDIO_USER_ID, `${user.signInRole!.roleId}:${person}`);
      }
      profiles[person] = cfn;
    }
    return profiles;
  }

  /** What every execution role needs to run Studio apps in this domain. */
  private createExecutionPolicy(props: MlStudioProps, profileArns: string[]): iam.ManagedPolicy {
    const executionRoles = unique([props.defaultExecutionRole, ...(props.users ?? []).map((u) => u.executionRole)]);
    const policy = new iam.ManagedPolicy(this, 'ExecutionPolicy', {
      description: `cdk-soc2-ml: run Studio apps in the ${props.environmentName} domain`,
      roles: executionRoles,
      statements: [
        new iam.PolicyStatement({
          sid: 'RunStudioAppsAndSpaces',
          actions: ['sagemaker:CreateApp', 'sagemaker:DeleteApp', 'sagemaker:DescribeApp', 'sagemaker:CreateSpace', 'sagemaker:UpdateSpace', 'sagemaker:DeleteSpace', 'sagemaker:DescribeSpace', 'sagemaker:AddTags'],
          resources: [this.inDomain('app', '*'), this.inDomain('space', '*')],
        }),
        new iam.PolicyStatement({
          sid: 'DescribeDomainAndProfiles',
          actions: ['sagemaker:DescribeDomain', ...(profileArns.length > 0 ? ['sagemaker:DescribeUserProfile'] : [])],
          resources: [this.domain.attrDomainArn, ...profileArns],
        }),
        logsWrite({ sagemakerLogs: sagemakerLogsArn(this) }),
        ...vpcNetworking(networkArns(this, props.subnets, props.securityGroup)),
      ],
    });
    acknowledgeRoleWildcards(policy);
    return policy;
  }

  /** What a sign-in role needs to open its person's profile, and no one else's. */
  private createSignInPolicy(env: string, signInRoles: iam.Role[], profileArns: string[]): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, 'SignInPolicy', {
      description: `cdk-soc2-ml: open one's own Studio user profile in the ${env} domain`,
      roles: signInRoles,
      statements: [
        new iam.PolicyStatement({
          sid: 'OpenOwnUserProfile',
          actions: ['sagemaker:CreatePresignedDomainUrl'],
          resources: profileArns,
          // The profile's tag holds "<role id>:<person>", which is ${aws:userid} only for that
          // role's session named after that person.
          conditions: { StringEquals: { [`sagemaker:ResourceTag/${TagKeys.STUDIO_USER_ID}`]: '${aws:userid}' } },
        }),
        new iam.PolicyStatement({
          sid: 'DescribeDomainAndProfiles',
          actions: ['sagemaker:DescribeDomain', 'sagemaker:DescribeUserProfile'],
          resources: [this.domain.attrDomainArn, ...profileArns],
        }),
      ],
    });
  }

  /** The ARN of a resource of this domain (an app, space or user profile). */
  private inDomain(type: string, name: string): string {
    return Stack.of(this).formatArn({ service: 'sagemaker', resource: type, resourceName: `${this.domain.attrDomainId}/${name}` });
  }
}

function validate(props: MlStudioProps): void {
  validateEnvironmentName(props?.environmentName, 'environmentName');
  const authMode = props.authMode ?? StudioAuthMode.IAM;
  if (!Object.values(StudioAuthMode).includes(authMode)) {
    throw new Soc2MlError(`authMode is ${JSON.stringify(authMode)}: pass StudioAuthMode.IAM or StudioAuthMode.SSO.`);
  }
  if (!Array.isArray(props.subnets) || props.subnets.length === 0) {
    throw new Soc2MlError('subnets is empty: pass the private subnets Studio runs in (for example network.workloadSubnets.subnets).');
  }
  const idle = props.idleTimeout ?? Duration.hours(1);
  const idleMinutes = idle.isUnresolved() ? undefined : idle.toMinutes({ integral: false });
  if (idleMinutes !== undefined && (!Number.isInteger(idleMinutes) || idleMinutes < MIN_IDLE_MINUTES || idleMinutes > MAX_IDLE_MINUTES)) {
    throw new Soc2MlError(`idleTimeout is ${idleMinutes} minutes: pass whole minutes from ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES} (SageMaker's range), for example Duration.hours(1).`);
  }
}

/** Each person's user profile name (to the person's name), checking personas, clashes and sign-in roles. */
function profileNamesOf(users: StudioUser[], authMode: StudioAuthMode): Map<string, string> {
  const profileNames = new Map<string, string>();
  users.forEach((u, i) => {
    assertPersona(u?.persona, `users[${i}].persona`);
    const profile = profileName(u.name, `users[${i}].name`);
    const other = profileNames.get(profile);
    if (other !== undefined) {
      throw new Soc2MlError(`users[${i}].name "${u.name}" and "${other}" both become the user profile "${profile}": give people names that differ in letters or digits.`);
    }
    profileNames.set(profile, u.name);
    if (authMode === StudioAuthMode.IAM && !u.signInRole) {
      throw new Soc2MlError(`users[${i}].signInRole is undefined but authMode is IAM: pass the role "${u.name}" assumes to open Studio, or use StudioAuthMode.SSO.`);
    }
  });
  return profileNames;
}

/** The user profile name of a person: lowercase, other characters as "-". */
function profileName(name: string, propName: string): string {
  if (typeof name !== 'string' || Token.isUnresolved(name)) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(name)}: pass the person's sign-in name as a literal string.`);
  }
  const profile = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  if (!PROFILE_NAME.test(profile)) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(name)}, which has no letters or digits to name a Studio user profile: pass the person's sign-in name.`);
  }
  return profile;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
