import { App } from 'aws-cdk-lib';
import { synthWithEvidence } from '../../evidence/writer';
import { buildDefaultApp } from '../../platform/default-app';
import { cdkJsonContext } from './app-context';
import { sharedAssembly } from './shared-assembly';

/**
 * The default app as `npx cdk synth` builds it from cdk.json (every plugin it applies, evidence
 * written; CloudFormation Validate off, as in every unit test), synthesized once per test run for
 * every test file that only reads its assembly and evidence. Resolves to the assembly directory.
 */
export function sharedDefaultAppEvidence(): Promise<string> {
  return sharedAssembly('default-app-evidence', async (outdir) => {
    const app = new App({ outdir, context: cdkJsonContext() });
    buildDefaultApp(app);
    await synthWithEvidence(app);
  });
}
