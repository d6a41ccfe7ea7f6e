import { PackRule, Severity } from '../../rule';
import { TransferModernSecurityPolicy } from './TransferModernSecurityPolicy';
import { TransferNoPlaintextFtp } from './TransferNoPlaintextFtp';
import { TransferServerInVpc } from './TransferServerInVpc';
import { TransferServerLogged } from './TransferServerLogged';

/** The AWS Transfer Family rules (SFTP, FTPS, FTP and AS2 servers), with the criteria, words and severity the pack gives them. */
export const TRANSFER_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: TransferNoPlaintextFtp,
    criteria: ['CC6.7'],
    rationale: 'Credentials and files sent to the server travel encrypted, over SFTP, FTPS or AS2, never plain FTP (CC6.7).',
    reference: { check: 'prowler:transfer_server_in_transit_encryption_enabled', criteria: ['CC6.7'] },
    severity: Severity.ERROR,
    finding: 'Transfer Family server accepts plain FTP, which sends credentials and files in clear text.',
    fix: 'Leave FTP out of protocols on the CfnServer (Protocols: [\'SFTP\'], also the default when absent, or \'FTPS\' with a certificate); move clients that only speak FTP to SFTP or FTPS (FTPS needs an ACM certificate, EndpointType VPC and an identity provider other than SERVICE_MANAGED). Protocols can be changed on an existing server.',
  },
  {
    kind: 'resource',
    rule: TransferModernSecurityPolicy,
    criteria: ['CC6.7'],
    rationale: 'SSH and TLS sessions to the server negotiate only algorithms without known weaknesses (no SHA-1 key exchange or MACs, forward-secret TLS), protecting data in transmission (CC6.7). A warning: an old policy still offers strong algorithms, and a client negotiates the strongest both sides share, so only old clients fall back to the weak ones.',
    severity: Severity.WARNING,
    finding: 'Transfer Family server uses TransferSecurityPolicy-2018-11 (the CloudFormation default) or names no current security policy.',
    fix: 'Set securityPolicyName: \'TransferSecurityPolicy-2024-01\' (or a later dated, FIPS or PQ-SSH policy) on the CfnServer (SecurityPolicyName); CloudFormation attaches TransferSecurityPolicy-2018-11 when it is absent. Check that clients support the policy\'s algorithms first; the policy can be changed on an existing server.',
  },
  {
    kind: 'resource',
    rule: TransferServerLogged,
    criteria: ['CC7.2'],
    rationale: 'Who connected to the server and which files they uploaded, downloaded or deleted are recorded in CloudWatch Logs for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Transfer Family server writes no logs: it has neither StructuredLogDestinations nor a LoggingRole.',
    fix: 'Set structuredLogDestinations: [logGroup.logGroupArn] on the CfnServer (StructuredLogDestinations), with an encrypted, retained logs.LogGroup; or loggingRole: role.roleArn (LoggingRole), a role trusting transfer.amazonaws.com with logs:CreateLogGroup, CreateLogStream, DescribeLogStreams and PutLogEvents on log-group:/aws/transfer/*, which workflows need. Both can be set on an existing server.',
  },
  {
    kind: 'resource',
    rule: TransferServerInVpc,
    criteria: ['CC6.6'],
    rationale: 'The server is reached through a VPC endpoint whose security groups restrict which addresses can connect, the boundary protection of CC6.6.',
    severity: Severity.WARNING,
    finding: 'Transfer Family server has a PUBLIC endpoint, which no security group can restrict.',
    fix: 'Set endpointType: \'VPC\' with endpointDetails { vpcId, subnetIds, securityGroupIds } on the CfnServer (EndpointType VPC, EndpointDetails); for clients on the internet, attach Elastic IPs (endpointDetails.addressAllocationIds) and admit only the customers\' addresses in the security group.',
  },
];
