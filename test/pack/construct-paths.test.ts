import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { PATH_METADATA_ENABLE_CONTEXT } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { soc2mlRuleId } from '../../core/nag-packs';
import { ConstructPaths } from '../../pack/construct-paths';
import { JsonObject } from '../../pack/json';
import { StackTemplate, TemplateResource } from '../../pack/template';
import { tempOutdir } from '../helpers/app-context';

const RULE = 'S3BucketVersioned';

/*
 * Test
 * ├── Storage            acknowledges RULE ("Scratch data")
 * │   ├── Data           an L2 bucket (L1 at Data/Resource)
 * │   └── Logs           an L2 bucket, acknowledging RULE itself ("Logs are nearer")
 * ├── Raw                an L1 bucket, logical id Raw
 * └── Queue              an L1 queue, logical id Queue
 * Other                  acknowledges RULE ("Whole stack"); an L1 bucket Raw
 * Prod (a Stage) / Api   an L1 bucket Raw
 */
let testStack: Stack;
let otherStack: Stack;
let prodStack: Stack;
let dataBucket: CfnResource;
let logsBucket: CfnResource;
let testRaw: CfnResource;
let otherRaw: CfnResource;
let prodRaw: CfnResource;
let queue: CfnResource;

beforeAll(() => {
  const app = new App({ outdir: tempOutdir('soc2ml-construct-paths-'), context: { [PATH_METADATA_ENABLE_CONTEXT]: true } });
  testStack = new Stack(app, 'Test');
  const storage = new Construct(testStack, 'Storage');
  Validations.of(storage).acknowledge({ id: soc2mlRuleId(RULE), reason: 'Scratch data' });
  dataBucket = new s3.Bucket(storage, 'Data').node.defaultChild as CfnResource;
  const logs = new s3.Bucket(storage, 'Logs');
  Validations.of(logs).acknowledge({ id: soc2mlRuleId(RULE), reason: 'Logs are nearer' });
  logsBucket = logs.node.defaultChild as CfnResource;
  testRaw = new s3.CfnBucket(testStack, 'Raw');
  queue = new sqs.CfnQueue(testStack, 'Queue');

  otherStack = new Stack(app, 'Other');
  Validations.of(otherStack).acknowledge({ id: soc2mlRuleId(RULE), reason: 'Whole stack' });
  otherRaw = new s3.CfnBucket(otherStack, 'Raw');

  prodStack = new Stack(new Stage(app, 'Prod'), 'Api');
  prodRaw = new s3.CfnBucket(prodStack, 'Raw');
  app.synth();
});

/** The template a stack synthesized, as the pack reads it. */
function templateOf(stack: Stack): StackTemplate {
  const file = path.join(Stage.of(stack)!.outdir, stack.templateFile);
  return new StackTemplate(stack.node.path, file, JSON.parse(fs.readFileSync(file, 'utf-8')) as JsonObject);
}

/** A resource of a stack's template, written as given (to set or drop its path metadata). */
function resourceIn(stack: Stack, logicalId: string, raw: JsonObject): TemplateResource {
  const template = templateOf(stack);
  return new StackTemplate(template.stackPath, template.templatePath, { Resources: { [logicalId]: raw } }).resources.get(logicalId)!;
}

const logicalIdOf = (resource: CfnResource) => Stack.of(resource).resolve(resource.logicalId) as string;
const synthesized = (resource: CfnResource) => templateOf(Stack.of(resource)).resources.get(logicalIdOf(resource))!;
const bucketAt = (cdkPath: string): JsonObject => ({ Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': cdkPath } });

describe('ConstructPaths.construct', () => {
  test('a stack\'s template maps to its Stack, in a nested stage too', () => {
    const paths = new ConstructPaths(testStack.node.root);
    expect(paths.construct(templateOf(testStack))).toBe(testStack);
    expect(paths.construct(templateOf(prodStack))).toBe(prodStack);
  });

  test('the path metadata names the L1 of an L2 and an L1, hinted or exact', () => {
    expect(synthesized(dataBucket).cdkPath).toBe('Test/Storage/Data/Resource');
    const paths = new ConstructPaths(testStack.node.root);
    for (const [construct, exact] of [[dataBucket, false], [dataBucket, true], [testRaw, false], [testRaw, true]] as const) {
      expect(paths.construct(templateOf(testStack), synthesized(construct), exact)).toBe(construct);
    }
  });

  test('without path metadata, the logical id finds the construct of that template', () => {
    const paths = new ConstructPaths(testStack.node.root);
    const unlabelled = { Type: 'AWS::S3::Bucket' };
    expect(paths.construct(templateOf(testStack), resourceIn(testStack, 'Raw', unlabelled))).toBe(testRaw);
    expect(paths.construct(templateOf(otherStack), resourceIn(otherStack, 'Raw', unlabelled))).toBe(otherRaw);
    expect(paths.construct(templateOf(prodStack), resourceIn(prodStack, 'Raw', unlabelled))).toBe(prodRaw);
  });

  test('a hint whose logical id differs is trusted without exact, and replaced with exact', () => {
    // Metadata naming Storage/Data on the resource whose logical id is Raw's.
    const misleading = resourceIn(testStack, 'Raw', bucketAt('Test/Storage/Data/Resource'));
    expect(new ConstructPaths(testStack.node.root).construct(templateOf(testStack), misleading, false)).toBe(dataBucket);
    expect(new ConstructPaths(testStack.node.root).construct(templateOf(testStack), misleading, true)).toBe(testRaw);
  });

  test('a hinted match remembered from an earlier lookup is proven again when exact is asked for', () => {
    const paths = new ConstructPaths(testStack.node.root);
    const misleading = resourceIn(testStack, 'Raw', bucketAt('Test/Storage/Data/Resource'));
    expect(paths.construct(templateOf(testStack), misleading, false)).toBe(dataBucket);
    expect(paths.construct(templateOf(testStack), misleading, true)).toBe(testRaw);
  });

  test('a hint naming a resource of another type is not trusted, even without exact', () => {
    const resource = resourceIn(testStack, 'Queue', { Type: 'AWS::SQS::Queue', Metadata: { 'aws:cdk:path': 'Test/Raw' } });
    expect(new ConstructPaths(testStack.node.root).construct(templateOf(testStack), resource, false)).toBe(queue);
  });

  test('a hint naming a construct of another template is not trusted', () => {
    const resource = resourceIn(testStack, 'Raw', bucketAt('Other/Raw'));
    expect(new ConstructPaths(testStack.node.root).construct(templateOf(testStack), resource, false)).toBe(testRaw);
  });

  test('a hint naming no construct falls back to the logical id', () => {
    const resource = resourceIn(testStack, 'Raw', bucketAt('Test/Gone/Resource'));
    expect(new ConstructPaths(testStack.node.root).construct(templateOf(testStack), resource, false)).toBe(testRaw);
  });

  test('a resource neither hint nor logical id finds has no construct', () => {
    expect(new ConstructPaths(testStack.node.root).construct(templateOf(testStack), resourceIn(testStack, 'Ghost', { Type: 'AWS::S3::Bucket' }))).toBeUndefined();
  });

  test('without a construct tree nothing is found', () => {
    const paths = new ConstructPaths(undefined);
    expect(paths.construct(templateOf(testStack))).toBeUndefined();
    expect(paths.construct(templateOf(testStack), synthesized(testRaw), true)).toBeUndefined();
  });
});

describe('ConstructPaths.of', () => {
  test('is the construct\'s path, exact or hinted', () => {
    const paths = new ConstructPaths(testStack.node.root);
    const misleading = resourceIn(testStack, 'Raw', bucketAt('Test/Storage/Data/Resource'));
    expect(paths.of(templateOf(testStack), misleading)).toBe('Test/Storage/Data/Resource');
    expect(paths.of(templateOf(testStack), misleading, true)).toBe('Test/Raw');
    expect(paths.of(templateOf(prodStack))).toBe('Prod/Api');
  });

  test('falls back to the path metadata, then to stack path and logical id, then to the stack path', () => {
    const paths = new ConstructPaths(undefined);
    expect(paths.of(templateOf(testStack), resourceIn(testStack, 'Ghost', bucketAt('Test/Ghost/Resource')))).toBe('Test/Ghost/Resource');
    expect(paths.of(templateOf(testStack), resourceIn(testStack, 'Ghost', { Type: 'AWS::S3::Bucket' }))).toBe('Test/Ghost');
    expect(paths.of(templateOf(testStack))).toBe('Test');
  });
});

describe('ConstructPaths acknowledgements', () => {
  test('an acknowledgement on an ancestor covers a resource, and says where it was made', () => {
    expect(new ConstructPaths(testStack.node.root).acknowledgementOf(templateOf(testStack), synthesized(dataBucket), RULE)).toEqual({ reason: 'Scratch data', at: 'Test/Storage' });
  });

  test('the nearest acknowledgement wins', () => {
    expect(new ConstructPaths(testStack.node.root).acknowledgementOf(templateOf(testStack), synthesized(logsBucket), RULE)).toEqual({ reason: 'Logs are nearer', at: 'Test/Storage/Logs' });
  });

  test('an acknowledgement covers only its rule and its subtree', () => {
    const paths = new ConstructPaths(testStack.node.root);
    expect(paths.acknowledgementOf(templateOf(testStack), synthesized(dataBucket), 'S3BucketTlsOnly')).toBeUndefined();
    expect(paths.acknowledgementOf(templateOf(testStack), synthesized(testRaw), RULE)).toBeUndefined();
  });

  test('an acknowledgement on a stack covers its resources and the stack\'s own verdict', () => {
    const paths = new ConstructPaths(testStack.node.root);
    expect(paths.acknowledgementOf(templateOf(otherStack), synthesized(otherRaw), RULE)).toEqual({ reason: 'Whole stack', at: 'Other' });
    expect(paths.acknowledgementOf(templateOf(otherStack), undefined, RULE)).toEqual({ reason: 'Whole stack', at: 'Other' });
    expect(paths.acknowledgementOf(templateOf(testStack), undefined, RULE)).toBeUndefined();
  });

  test('acknowledgements are read from the exact construct, not a misleading hint', () => {
    const paths = new ConstructPaths(testStack.node.root);
    const misleading = resourceIn(testStack, 'Raw', bucketAt('Test/Storage/Data/Resource'));
    expect(paths.acknowledgement(paths.construct(templateOf(testStack), misleading), RULE)).toEqual({ reason: 'Scratch data', at: 'Test/Storage' });
    expect(paths.acknowledgementOf(templateOf(testStack), misleading, RULE)).toBeUndefined();
  });

  test('an acknowledgement of the rule under another pack\'s name does not count', () => {
    const app = new App();
    const scope = new Construct(app, 'Scope');
    Validations.of(scope).acknowledge({ id: `AwsSolutions::${RULE}`, reason: 'Another pack' });
    expect(new ConstructPaths(app).acknowledgement(scope, RULE)).toBeUndefined();
  });

  test('no construct has no acknowledgement', () => {
    expect(new ConstructPaths(testStack.node.root).acknowledgement(undefined, RULE)).toBeUndefined();
  });
});
