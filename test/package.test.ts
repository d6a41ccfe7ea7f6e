/*
 * The package as a user gets it: packed, installed, required from plain Node.js.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as ts from 'typescript';
import { Construct } from 'constructs';
import * as api from '../index';
import { REPO_ROOT, tempOutdir } from './helpers/app-context';

describe('the package entry point', () => {
  test('exports only constructs, enums, the rule pack, its synth-with-evidence entry point and its error', () => {
    for (const [name, value] of Object.entries(api)) {
      const isConstruct = typeof value === 'function' && value.prototype instanceof Construct;
      // The rule pack, its synth entry point, and the error settings and props throw.
      const isPack = value === api.Soc2MlChecks || value === api.synthWithEvidence || value === api.Soc2MlError;
      const isEnum = typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
      // An enum-like class (aws-ecr's RepositoryEncryption): its static members are its instances.
      const isEnumLike = typeof value === 'function' && !isConstruct && Object.values(value).some((v) => v instanceof value);
      expect({ name, kind: isConstruct || isPack || isEnum || isEnumLike }).toEqual({ name, kind: true });
    }
    expect(Object.keys(api)).toEqual(expect.arrayContaining(['SecureBucket', 'DataClassification', 'Soc2MlChecks']));
  });

  test('main and types resolve to compiled JavaScript and declarations', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8'));
    expect(pkg.name).toBe('cdk-soc2-ml');
    expect(pkg.main).toBe('dist/index.js');
    expect(pkg.types).toBe('dist/index.d.ts');
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['aws-cdk-lib', 'constructs']);
    expect(pkg.devDependencies['aws-cdk-lib']).toBeDefined();
    expect(pkg.dependencies['cdk-nag']).toMatch(/^\^3\./);
    expect(pkg.devDependencies['aws-cdk']).toMatch(/^\^2\.1148/);
  });

  test('a JavaScript consumer installs the packed tarball and uses SecureBucket, the signature gate (its bundle included) and the signing command', () => {
    const work = tempOutdir('soc2ml-pack-');
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO_ROOT, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [{ filename, files }] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const packed = files.map((f) => f.path);
    expect(packed).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/constructs/secure-bucket.js', 'README.md']));
    // The Lambda bundles made when the package is built, and the signing command.
    expect(packed).toEqual(expect.arrayContaining(['dist/assets/model-signature-gate/index.js', 'dist/assets/macie-classification-job/index.js', 'dist/cli/cdk-soc2-ml.js']));
    expect(packed.filter((p) => p.startsWith('dist/test/') || p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    // Every compiled module is that of a source still in the repository (nothing left from a deleted one).
    const orphans = packed.filter((p) => p.startsWith('dist/') && !p.startsWith('dist/assets/') && /\.(js|d\.ts)$/.test(p))
      .filter((p) => !fs.existsSync(path.join(REPO_ROOT, p.replace(/^dist\//, '').replace(/(\.d)?\.ts$|\.js$/, '.ts'))));
    expect(orphans).toEqual([]);

    // Install offline: unpack into node_modules and link the peer and runtime dependencies.
    const modules = path.join(work, 'node_modules');
    fs.mkdirSync(path.join(modules, 'cdk-soc2-ml'), { recursive: true });
    execFileSync('tar', ['-xzf', path.join(work, filename), '-C', path.join(modules, 'cdk-soc2-ml'), '--strip-components=1']);
    // Every peer and runtime dependency the package declares (a scoped one by its scope's folder).
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    const deps = new Set([...Object.keys(manifest.peerDependencies), ...Object.keys(manifest.dependencies)].map((d) => d.split('/')[0]));
    for (const dep of deps) {
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', dep), path.join(modules, dep), 'dir');
    }
    // A bucket, and the signature gate whose Lambda bundle the installed package must find as an
    // asset: run after the README's app below, in its process (loading aws-cdk-lib is most of a
    // consumer process's cost), in a block of its own.
    const script = `{
      const { App, Stack } = require('aws-cdk-lib');
      const ec2 = require('aws-cdk-lib/aws-ec2');
      const { DataClassification, ModelRegistry, ModelSignatureGate, ModelSigningKey, SecureBucket, SecurityAlertTopic } = require('cdk-soc2-ml');
      const app = new App({ outdir: ${JSON.stringify(path.join(work, 'cdk.out'))} });
      const stack = new Stack(app, 'Consumer');
      new SecureBucket(stack, 'Data', { dataClassification: DataClassification.RESTRICTED });
      const gateStack = new Stack(app, 'Gate');
      const vpc = new ec2.Vpc(gateStack, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'W', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const alertTopic = new SecurityAlertTopic(gateStack, 'Alerts');
      const registry = new ModelRegistry(gateStack, 'Registry', { environmentName: 'prod', modelFamilies: ['churn'], alerts: alertTopic });
      new ModelSignatureGate(gateStack, 'SignatureGate', {
        registry, signingKey: new ModelSigningKey(gateStack, 'Key'), alertTopic, vpc, subnets: vpc.isolatedSubnets,
        securityGroup: new ec2.SecurityGroup(gateStack, 'Sg', { vpc }),
      });
      const assembly = app.synth();
      const resources = (name) => Object.values(assembly.getStackByName(name).template.Resources);
      const buckets = resources('Consumer').filter((r) => r.Type === 'AWS::S3::Bucket');
      const fn = resources('Gate').find((r) => r.Type === 'AWS::Lambda::Function');
      console.log(JSON.stringify({
        classifications: buckets.map((b) => b.Properties.Tags.find((t) => t.Key === 'DataClassification').Value).sort(),
        gate: { runtime: fn.Properties.Runtime, asset: /^[0-9a-f]{64}[.]zip$/.test(fn.Properties.Code.S3Key) },
      }));
    }
    `;
    // friction 5: the README's own app, installed from the tarball, prints the summary; a misspelt
    // acknowledgement stops it with one readable error (no stack trace) naming the rule it meant.
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
    const example = /```ts\n(#!\/usr\/bin\/env node[\s\S]*?)```/.exec(readme)![1];
    const consumerApp = (extra: string) => ts.transpileModule(example.replace('synthWithEvidence(app)', `${extra}\nsynthWithEvidence(app)`), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const runApp = (file: string, source: string) => {
      fs.writeFileSync(path.join(work, file), source);
      return spawnSync(process.execPath, [file], { cwd: work, encoding: 'utf-8', env: { ...process.env, [cxapi.OUTDIR_ENV]: path.join(work, `${file}.out`), SOC2ML_SUMMARY: 'on' } });
    };
    const ok = runApp('readme-app.js', `${consumerApp('')}\n${script}`);
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toEqual({ classifications: ['internal', 'restricted'], gate: { runtime: 'nodejs24.x', asset: true } });
    // CDK prints the pack's warnings (this small app has no audit trail) before the summary.
    expect({ status: ok.status, summary: ok.stderr.split('\n').find((l) => l.startsWith('cdk-soc2-ml:')) }).toEqual({ status: 0, summary: expect.stringMatching(/^cdk-soc2-ml: every check passed — 1 stack, \d+ resources$/) });
    expect(fs.existsSync(path.join(work, 'readme-app.js.out', 'soc2-evidence', 'index.html'))).toBe(true);
    const misspelt = runApp('misspelt-app.js', consumerApp("Validations.of(stack).acknowledge({ id: 'Soc2Ml::AppHasThreatDetecton', reason: 'Threat detection is the security account\\'s, delegated.' });"));
    expect(misspelt.status).toBe(1);
    expect(misspelt.stderr).toContain('Did you mean "Soc2Ml::AppHasThreatDetection"?');
    expect(misspelt.stderr).not.toMatch(/^\s+at /m);

    // The signing command runs from the installed package.
    const help = execFileSync(process.execPath, [path.join(modules, 'cdk-soc2-ml', 'dist', 'cli', 'cdk-soc2-ml.js'), '--help'], { cwd: work, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(help).toMatch(/cdk-soc2-ml sign-model --key <key ARN> --model-package/);
  });
});

describe('cdk.json', () => {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf-8'));

  test('runs the app with tsx, never ts-node', () => {
    expect(cdkJson.app).toMatch(/^npx tsx bin\/app\.ts$/);
  });

  test('sets every feature flag CDK recommends for this aws-cdk-lib, with the recommended value', () => {
    const recommended = cxapi.CURRENTLY_RECOMMENDED_FLAGS as Record<string, unknown>;
    const differing = Object.keys(recommended).filter((k) => JSON.stringify(cdkJson.context[k]) !== JSON.stringify(recommended[k]));
    expect(differing).toEqual([]);
  });

  test('makes CloudFormation Validate errors fail synth', () => {
    expect(cdkJson.context['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
  });
});
