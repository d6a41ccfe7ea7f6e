#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../platform/default-app';
import { synthWithEvidence } from '../evidence/writer';
import { describeError } from '../core/describe-error';

// A settings or prop error is printed as its message alone (key, value, fix); anything else with its stack.
function fail(e: unknown): void {
  console.error(describeError(e));
  process.exitCode = 1;
}

try {
  // Context (cdk.json, cdk.context.json, -c) is read by buildDefaultApp through the app.
  const app = new App();
  buildDefaultApp(app);
  // Synth, then the audit evidence in cdk.out/soc2-evidence/ (written even when a check fails).
  synthWithEvidence(app).catch(fail);
} catch (e) {
  fail(e);
}
