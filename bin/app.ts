#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../lib/default-app';

// Context (cdk.json, cdk.context.json, -c) is read by buildDefaultApp through the app.
const app = new App();
buildDefaultApp(app);
app.synth();
