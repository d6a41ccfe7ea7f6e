import { ResourceRule } from '../../rule';
import { checkSecurityConfiguration, CLOUDWATCH_LOGS, S3_DATA } from './private';

/**
 * A crawler runs under a security configuration that encrypts its CloudWatch logs (which name the
 * tables and partitions it finds) and what it writes to S3 with a customer-managed key. Crawlers
 * keep no job bookmarks, so bookmark encryption is not required of their configuration.
 */
export const GlueCrawlerSecurityConfiguration: ResourceRule = {
  id: 'GlueCrawlerSecurityConfiguration',
  resourceTypes: ['AWS::Glue::Crawler'],
  examines: ['AWS::Glue::SecurityConfiguration'],
  passes: '`CrawlerSecurityConfiguration` names an `AWS::Glue::SecurityConfiguration` of the same stack (by reference, or by its literal `Name`) whose `CloudWatchEncryption` is `SSE-KMS` and every `S3Encryptions` entry `SSE-KMS`, each with a customer-managed `KmsKeyArn` (job bookmarks are not required: crawlers keep none); a name defined nowhere in the stack fails closed.',
  check: (crawler) => checkSecurityConfiguration(crawler, 'CrawlerSecurityConfiguration', [CLOUDWATCH_LOGS, S3_DATA]),
};
