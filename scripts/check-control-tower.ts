/*
 * `npm run controls`, part of `npm test`: AWS Control Tower's proactive controls (cfn-guard, offline)
 * over the default app, the app with served models and the pipeline app. Every finding must be one
 * platform/control-tower.ts justifies, and every justification must still match a finding (a stale
 * one must go). It runs beside the type check rather than in the test runner: cfn-guard's evaluation is most of
 * its cost, and it needs only the templates (synthesized here without the validation plugins, which
 * the suites that judge the same variants run).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildDefaultApp, DefaultApp } from '../platform/default-app';
import { VARIANTS, VariantName } from '../test/fixtures/default-app-variants';
import { cdkJsonContext, tempOutdir, templateFilesOf } from '../test/helpers/app-context';
import { controlTowerGaps } from '../test/helpers/app-checks';
import { CONTROL_TOWER_CRASHES, controlTowerFindings } from '../test/helpers/control-tower';

process.env.CDK_VALIDATION = 'false';
// Construct stack traces are of no use here and cost a fifth of the synth.
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true });

/** The default app's variants, synthesized (templates only). */
function synthesize(): { name: VariantName; built: DefaultApp; outdir: string }[] {
  return (Object.keys(VARIANTS) as VariantName[]).map((name) => {
    const outdir = tempOutdir(`soc2ml-controls-${name}-`);
    const app = new App({ outdir, context: cdkJsonContext(VARIANTS[name]) });
    const built = buildDefaultApp(app, undefined, { validationPlugins: [] });
    app.synth();
    return { name, built, outdir };
  });
}

if (require.main === module) {
  const variants = synthesize();
  // One pass over every variant's templates: each set of rules runs once over all its copies.
  controlTowerFindings(variants.flatMap((v) => templateFilesOf(v.outdir).map((f) => path.join(v.outdir, f))));
  let failed = false;
  for (const v of variants) {
    const gaps = controlTowerGaps(v);
    const problems = [...gaps.unjustified.map((f) => `unjustified finding: ${f}`), ...gaps.stale.map((s) => `stale justification: ${s}`)];
    if (gaps.rules < 100) {
      console.error(`Control Tower: only ${gaps.rules} rules ran on the ${v.name} app; @cdklabs/cdk-validator-cfnguard's rules are missing.`);
      failed = true;
    }
    if (problems.length > 0) {
      console.error(`Control Tower on the ${v.name} app:\n  ${problems.join('\n  ')}\nJustify a finding in platform/control-tower.ts (with its reason), or fix the resource; remove a stale justification.`);
      failed = true;
    } else {
      console.log(`Control Tower (${gaps.rules} rules) on the ${v.name} app: every finding justified, no stale justification.`);
    }
  }
  if (CONTROL_TOWER_CRASHES.length > 0) {
    console.error(`Control Tower: cfn-guard's plugin could not judge:\n  ${CONTROL_TOWER_CRASHES.join('\n  ')}`);
    failed = true;
  }
  // The three assemblies are read; nothing is left in the temporary directory.
  for (const v of variants) {
    fs.rmSync(v.outdir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}
