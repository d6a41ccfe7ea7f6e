#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../platform/default-app';
import { synthWithEvidence } from '../evidence/writer';

// Context (cdk.json, cdk.context.json, -c) is read by buildDefaultApp through the app.
const app = new App();
buildDefaultApp(app);
// Synth, then the audit evidence in cdk.out/soc2-evidence/ (written even when a check fails).
synthWithEvidence(app).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
