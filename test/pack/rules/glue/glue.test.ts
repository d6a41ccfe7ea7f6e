import { Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PackRun, runPackOnStack } from '../../helpers';

const JOB = 'GlueJobSecurityConfiguration';
const CRAWLER = 'GlueCrawlerSecurityConfiguration';
const JDBC = 'GlueConnectionJdbcSsl';

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const role = new iam.Role(stack, 'GlueRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
    const scripts = new s3.Bucket(stack, 'Scripts');
    const full = new glue.SecurityConfiguration(stack, 'Full', {
      s3Encryption: glue.S3Encryption.kms(key),
      cloudWatchEncryption: glue.CloudWatchEncryption.kms(key),
      jobBookmarksEncryption: glue.JobBookmarksEncryption.clientSideKms(key),
    });
    // Pairs with Full: one kind of data left out or encrypted otherwise.
    const noBookmarks = new glue.SecurityConfiguration(stack, 'NoBookmarks', { s3Encryption: glue.S3Encryption.kms(key), cloudWatchEncryption: glue.CloudWatchEncryption.kms(key) });
    const noLogs = new glue.SecurityConfiguration(stack, 'NoLogs', { s3Encryption: glue.S3Encryption.kms(key), jobBookmarksEncryption: glue.JobBookmarksEncryption.clientSideKms(key) });
    const s3Managed = new glue.SecurityConfiguration(stack, 'S3Managed', {
      s3Encryption: glue.S3Encryption.s3Managed(),
      cloudWatchEncryption: glue.CloudWatchEncryption.kms(key),
      jobBookmarksEncryption: glue.JobBookmarksEncryption.clientSideKms(key),
    });
    buildL1Configurations(stack, key);

    const l2Job = (id: string, securityConfiguration?: glue.ISecurityConfiguration) => new glue.PySparkEtlJob(stack, id, {
      role, script: glue.Code.fromBucket(scripts, 'etl.py'), securityConfiguration,
    });
    l2Job('JobFull', full);
    l2Job('JobNone');
    l2Job('JobImported', glue.SecurityConfiguration.fromSecurityConfigurationName(stack, 'Shared', 'shared-config'));
    const cfnJob = (id: string, securityConfiguration?: string) => new glue.CfnJob(stack, id, {
      role: role.roleArn, command: { name: 'glueetl', scriptLocation: scripts.s3UrlForObject('etl.py') }, securityConfiguration,
    });
    cfnJob('JobNoBookmarks', noBookmarks.securityConfigurationName);
    cfnJob('JobS3Managed', s3Managed.securityConfigurationName);
    cfnJob('JobNamed', 'named-config');
    cfnJob('JobSubNamed', Fn.sub('${AWS::StackName}-etl'));
    cfnJob('JobUnknownName', 'elsewhere');
    cfnJob('JobAwsKey', 'aws-key-config');
    cfnJob('JobModeAllowed', 'mode-allowed');
    cfnJob('JobModeOpen', 'mode-open');
    cfnJob('JobConditionalConfig', 'conditional-config');
    const always = new CfnCondition(stack, 'Always', { expression: Fn.conditionEquals(Aws.REGION, Aws.REGION) });
    cfnJob('JobIf', Fn.conditionIf(always.logicalId, full.securityConfigurationName, Fn.ref('AWS::NoValue')).toString());
    cfnJob('JobOverride', full.securityConfigurationName).addPropertyOverride('SecurityConfiguration', noLogs.securityConfigurationName);

    const crawler = (id: string, crawlerSecurityConfiguration?: string) => new glue.CfnCrawler(stack, id, {
      role: role.roleArn, databaseName: 'curated', targets: { s3Targets: [{ path: scripts.s3UrlForObject('data/') }] }, crawlerSecurityConfiguration,
    });
    crawler('CrawlerFull', full.securityConfigurationName);
    crawler('CrawlerNoBookmarks', noBookmarks.securityConfigurationName);
    crawler('CrawlerNoLogs', noLogs.securityConfigurationName);
    crawler('CrawlerNone');

    buildConnections(stack);
  });
});

function buildL1Configurations(stack: Stack, key: kms.Key) {
  const encryption = (bookmarksMode: string, logsKey: string = key.keyArn) => ({
    s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: key.keyArn }],
    cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: logsKey },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: bookmarksMode, kmsKeyArn: key.keyArn },
  });
  new glue.CfnSecurityConfiguration(stack, 'Named', { name: 'named-config', encryptionConfiguration: encryption('CSE-KMS') });
  new glue.CfnSecurityConfiguration(stack, 'SubNamed', { name: Fn.sub('${AWS::StackName}-etl'), encryptionConfiguration: encryption('CSE-KMS') });
  new glue.CfnSecurityConfiguration(stack, 'AwsKey', {
    name: 'aws-key-config',
    encryptionConfiguration: encryption('CSE-KMS', Stack.of(stack).formatArn({ service: 'kms', resource: 'alias', resourceName: 'aws/glue' })),
  });
  const allowed = new CfnParameter(stack, 'AllowedMode', { type: 'String', allowedValues: ['CSE-KMS'] });
  new glue.CfnSecurityConfiguration(stack, 'ModeAllowed', { name: 'mode-allowed', encryptionConfiguration: encryption(allowed.valueAsString) });
  const open = new CfnParameter(stack, 'OpenMode', { type: 'String' });
  new glue.CfnSecurityConfiguration(stack, 'ModeOpen', { name: 'mode-open', encryptionConfiguration: encryption(open.valueAsString) });
  const maybe = new CfnCondition(stack, 'Maybe', { expression: Fn.conditionEquals(open.valueAsString, 'CSE-KMS') });
  new glue.CfnSecurityConfiguration(stack, 'ConditionalConfig', { name: 'conditional-config', encryptionConfiguration: encryption('CSE-KMS') }).cfnOptions.condition = maybe;
}

function buildConnections(stack: Stack) {
  const url = 'jdbc:postgresql://warehouse.internal:5432/curated';
  const connection = (id: string, properties: Record<string, string>, type = glue.ConnectionType.JDBC) =>
    new glue.Connection(stack, id, { type, properties: { JDBC_CONNECTION_URL: url, ...properties } });
  // Pair: differ only in JDBC_ENFORCE_SSL.
  connection('ConnSsl', { JDBC_ENFORCE_SSL: 'true' });
  connection('ConnNoSsl', {});
  connection('ConnSslFalse', { JDBC_ENFORCE_SSL: 'false' });
  connection('ConnKafka', { KAFKA_BOOTSTRAP_SERVERS: 'b-1.kafka.internal:9094' }, glue.ConnectionType.KAFKA);
  (connection('ConnOverride', { JDBC_ENFORCE_SSL: 'true' }).node.defaultChild as glue.CfnConnection)
    .addPropertyOverride('ConnectionInput.ConnectionProperties.JDBC_ENFORCE_SSL', 'false');
  const type = new CfnParameter(stack, 'ConnectionType', { type: 'String' });
  new glue.CfnConnection(stack, 'ConnTypeParameter', { catalogId: Aws.ACCOUNT_ID, connectionInput: { connectionType: type.valueAsString, connectionProperties: { JDBC_CONNECTION_URL: url } } });
  new glue.CfnConnection(stack, 'ConnNetwork', { catalogId: Aws.ACCOUNT_ID, connectionInput: { connectionType: 'NETWORK' } });
  const ssl = new CfnParameter(stack, 'EnforceSsl', { type: 'String', allowedValues: ['true'] });
  new glue.CfnConnection(stack, 'ConnSslParameter', { catalogId: Aws.ACCOUNT_ID, connectionInput: { connectionType: 'JDBC', connectionProperties: { JDBC_CONNECTION_URL: url, JDBC_ENFORCE_SSL: ssl.valueAsString } } });
}

describe(JOB, () => {
  test('passes a job whose configuration encrypts S3 data, logs and bookmarks with a key of the stack', () => {
    expect(run.verdict('Test/JobFull/Resource', JOB)).toBe('passed');
  });

  test('fails a job without a security configuration', () => {
    expect(run.verdict('Test/JobNone/Resource', JOB)).toBe('failed');
    expect(run.detail('Test/JobNone/Resource', JOB)).toMatch(/names no security configuration/);
  });

  test('fails each kind of data left unencrypted or under S3-managed keys', () => {
    expect(run.detail('Test/JobNoBookmarks', JOB)).toMatch(/does not encrypt job bookmarks/);
    expect(run.detail('Test/JobS3Managed', JOB)).toMatch(/S3 data with S3EncryptionMode SSE-S3, not SSE-KMS/);
    expect(run.detail('Test/JobAwsKey', JOB)).toMatch(/CloudWatch logs with a customer-managed key: it names the AWS-managed key/);
  });

  test('finds a configuration by its literal name or the same Fn::Sub, and fails a name defined nowhere in the stack', () => {
    expect(run.verdict('Test/JobNamed', JOB)).toBe('passed');
    expect(run.verdict('Test/JobSubNamed', JOB)).toBe('passed');
    expect(run.detail('Test/JobUnknownName', JOB)).toMatch(/elsewhere is not defined in this stack/);
    expect(run.detail('Test/JobImported/Resource', JOB)).toMatch(/shared-config is not defined in this stack/);
  });

  test('a mode from a parameter passes only through its AllowedValues', () => {
    expect(run.verdict('Test/JobModeAllowed', JOB)).toBe('passed');
    expect(run.detail('Test/JobModeOpen', JOB)).toMatch(/cannot be known at synth/);
  });

  test('fails a configuration that exists only under a condition, and an Fn::If with no configuration', () => {
    expect(run.detail('Test/JobConditionalConfig', JOB)).toMatch(/exists only when condition Maybe holds/);
    expect(run.verdict('Test/JobIf', JOB)).toBe('failed');
  });

  test('judges a property override', () => {
    expect(run.detail('Test/JobOverride', JOB)).toMatch(/does not encrypt CloudWatch logs/);
  });
});

describe(CRAWLER, () => {
  test('requires encrypted logs and S3 data but not bookmarks, which crawlers do not keep', () => {
    expect(run.verdict('Test/CrawlerFull', CRAWLER)).toBe('passed');
    expect(run.verdict('Test/CrawlerNoBookmarks', CRAWLER)).toBe('passed');
    expect(run.detail('Test/CrawlerNoLogs', CRAWLER)).toMatch(/does not encrypt CloudWatch logs/);
  });

  test('fails a crawler without a security configuration', () => {
    expect(run.verdict('Test/CrawlerNone', CRAWLER)).toBe('failed');
  });
});

describe(JDBC, () => {
  test('passes JDBC_ENFORCE_SSL "true" and fails it absent (Glue\'s default is false) or false', () => {
    expect(run.verdict('Test/ConnSsl/Resource', JDBC)).toBe('passed');
    expect(run.detail('Test/ConnNoSsl/Resource', JDBC)).toMatch(/default is false/);
    expect(run.detail('Test/ConnSslFalse/Resource', JDBC)).toMatch(/is false/);
    expect(run.verdict('Test/ConnOverride/Resource', JDBC)).toBe('failed');
  });

  test('other connection types are not applicable; a type from a parameter is judged as JDBC', () => {
    expect(run.verdict('Test/ConnKafka/Resource', JDBC)).toBe('not-applicable');
    expect(run.verdict('Test/ConnNetwork', JDBC)).toBe('not-applicable');
    expect(run.verdict('Test/ConnTypeParameter', JDBC)).toBe('failed');
  });

  test('a parameter whose only allowed value is "true" passes', () => {
    expect(run.verdict('Test/ConnSslParameter', JDBC)).toBe('passed');
  });
});
