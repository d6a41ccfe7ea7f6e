/*
 * AWS Transfer Family, through which ML teams take in customers' datasets over SFTP: an L1 server
 * (aws-cdk-lib has no L2) that speaks SFTP only, under a current security policy, hosted in the
 * kit's isolated subnets behind a security group that admits SSH from the VPC, and sending its JSON
 * structured logs to an encrypted, retained log group.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { CorpusCase, defineCase } from './kit';

const SFTP_PORT = 22;
/** A directory the company already runs; FTP needs one (or a custom identity provider): service-managed users are SFTP only. */
const DIRECTORY_ID = 'd-9067a1b2c3';

const transferServer = defineCase({
  name: 'TransferServer',
  kind: 'AWS::Transfer::Server',
  breaks: ['FtpAdded', 'LoggingLeftOut', 'LogDestinationsEmpty'],
  warnings: ['PublicEndpoint', 'SecurityPolicyLeftOut', 'SecurityPolicy2018'],
  build(scope, broken, kit) {
    const securityGroup = new ec2.SecurityGroup(scope, 'SftpSg', { vpc: kit.vpc, description: 'SFTP endpoint', allowAllOutbound: false });
    securityGroup.addIngressRule(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(SFTP_PORT), 'SFTP from the VPC');
    const logs = kit.logGroup('TransferLogs');
    const publicEndpoint = broken === 'PublicEndpoint';
    // Adding FTP is only accepted with another identity provider than SERVICE_MANAGED: a user adding
    // it switches to the company's directory as CloudFormation requires, which breaks no control.
    const ftp = broken === 'FtpAdded';

    new transfer.CfnServer(scope, 'Server', {
      protocols: ftp ? ['SFTP', 'FTP'] : ['SFTP'],
      identityProviderType: ftp ? 'AWS_DIRECTORY_SERVICE' : 'SERVICE_MANAGED',
      identityProviderDetails: ftp ? { directoryId: DIRECTORY_ID } : undefined,
      domain: 'S3',
      securityPolicyName: broken === 'SecurityPolicyLeftOut' ? undefined : broken === 'SecurityPolicy2018' ? 'TransferSecurityPolicy-2018-11' : 'TransferSecurityPolicy-2024-01',
      structuredLogDestinations: broken === 'LoggingLeftOut' ? undefined : broken === 'LogDestinationsEmpty' ? [] : [logs.logGroupArn],
      endpointType: publicEndpoint ? 'PUBLIC' : 'VPC',
      endpointDetails: publicEndpoint ? undefined : { vpcId: kit.vpc.vpcId, subnetIds: kit.subnetIds, securityGroupIds: [securityGroup.securityGroupId] },
    });
  },
});

export const CASES: readonly CorpusCase[] = [transferServer];
