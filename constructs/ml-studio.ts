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

/** The tag that binds a user profile to the one role session allowed to open it. */

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
    validateEnvironmentName(props?.environmentName, 'environmentName');
    const env = props.environmentName;
    const authMode = props.authMode ?? StudioAuthMode.IAM;
    if (!Object.values(StudioAuthMode).includes(authMode)) {
      throw new Error(`authMode is ${JSON.stringify(authMode)}: pass StudioAuthMode.IAM or StudioAuthMode.SSO.`);
    }
    if (!Array.isArray(props.subnets) || props.subnets.length === 0) {
      throw new Error('subnets is empty: pass the private subnets Studio runs in (for example network.workloadSubnets.subnets).');
    }
    const idle = props.idleTimeout ?? Duration.hours(1);
    const idleMinutes = idle.isUnresolved() ? undefined : idle.toMinutes({ integral: false });
    if (idleMinutes !== undefined && (!Number.isInteger(idleMinutes) || idleMinutes < MIN_IDLE_MINUTES || idleMinutes > MAX_IDLE_MINUTES)) {
      throw new Error(`idleTimeout is ${idleMinutes} minutes: pass whole minutes from ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES} (SageMaker's range), for example Duration.hours(1).`);
    }
    const users = props.users ?? [];
    const profileNames = new Map<string, string>();
    users.forEach((u, i) => {
      assertPersona(u?.persona, `users[${i}].persona`);
      const profile = profileName(u.name, `users[${i}].name`);
      const other = profileNames.get(profile);
      if (other !== undefined) {
        throw new Error(`users[${i}].name "${u.name}" and "${other}" both become the user profile "${profile}": give people names that differ in letters or digits.`);
      }
      profileNames.set(profile, u.name);
      if (authMode === StudioAuthMode.IAM && !u.signInRole) {
        throw new Error(`users[${i}].signInRole is undefined but authMode is IAM: pass the role "${u.name}" assumes to open Studio, or use StudioAuthMode.SSO.`);
      }
    });

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
    this.domain = new sagemaker.CfnDomain(this, 'Resource', {
      domainName: `soc2ml-${env}`,
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
    this.domain.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    this.domain.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;

    const stack = Stack.of(this);
    const domainId = this.domain.attrDomainId;
    const inDomain = (type: string, name: string) => stack.formatArn({ service: 'sagemaker', resource: type, resourceName: `${domainId}/${name}` });

    const profiles: Record<string, sagemaker.CfnUserProfile> = {};
    for (const [profile, person] of profileNames) {
      const user = users.find((u) => u.name === person)!;
      const cfn = new sagemaker.CfnUserProfile(this, `Profile${constructIdOf(profile)}`, {
        domainId,
        userProfileName: profile,
        singleSignOnUserIdentifier: authMode === StudioAuthMode.SSO ? 'UserName' : undefined,
        singleSignOnUserValue: authMode === StudioAuthMode.SSO ? person : undefined,
        userSettings: { executionRole: user.executionRole.roleArn, securityGroups },
      });
      Tags.of(cfn).add(TagKeys.PERSONA, user.persona);
      if (authMode === StudioAuthMode.IAM) {
        Tags.of(cfn).add(TagKeys.STUDIO_USER_ID, `${user.signInRole!.roleId}:${person}`);
      }
      profiles[person] = cfn;
    }
    const profileArns = [...profileNames.keys()].map((profile) => inDomain('user-profile', profile));

    const executionRoles = unique([props.defaultExecutionRole, ...users.map((u) => u.executionRole)]);
    this.executionPolicy = new iam.ManagedPolicy(this, 'ExecutionPolicy', {
      description: `cdk-soc2-ml: run Studio apps in the ${env} domain`,
      roles: executionRoles,
      statements: [
        new iam.PolicyStatement({
          sid: 'RunStudioAppsAndSpaces',
          actions: ['sagemaker:CreateApp', 'sagemaker:DeleteApp', 'sagemaker:DescribeApp', 'sagemaker:CreateSpace', 'sagemaker:UpdateSpace', 'sagemaker:DeleteSpace', 'sagemaker:DescribeSpace', 'sagemaker:AddTags'],
          resources: [inDomain('app', '*'), inDomain('space', '*')],
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
    acknowledgeRoleWildcards(this.executionPolicy);

    const signInRoles = unique(users.flatMap((u) => (u.signInRole ? [u.signInRole] : [])));
    if (authMode === StudioAuthMode.IAM && signInRoles.length > 0) {
      this.signInPolicy = new iam.ManagedPolicy(this, 'SignInPolicy', {
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

    this.userProfiles = profiles;
  }
}

/** The user profile name of a person: lowercase, other characters as "-". */
function profileName(name: string, propName: string): string {
  if (typeof name !== 'string' || Token.isUnresolved(name)) {
    throw new Error(`${propName} is ${JSON.stringify(name)}: pass the person's sign-in name as a literal string.`);
  }
  const profile = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  if (!PROFILE_NAME.test(profile)) {
    throw new Error(`${propName} is ${JSON.stringify(name)}, which has no letters or digits to name a Studio user profile: pass the person's sign-in name.`);
  }
  return profile;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
