#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../lib/default-app';
import { Soc2MlChecks } from '../lib/nag/soc2-ml-checks';

// Context (cdk.json, cdk.context.json, -c) is read by buildDefaultApp through the app.
const app = new App();
buildDefaultApp(app);
// Synth, then the audit evidence in cdk.out/soc2-evidence/ (written even when a check fails).
Soc2MlChecks.synthWithEvidence(app).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
