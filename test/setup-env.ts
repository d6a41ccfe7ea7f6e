// Unit tests read templates; CloudFormation Validate (the slowest part of a synth) is switched
// off here and back on by the tests that judge deployability (test/platform/default-app.suite.ts).
process.env.CDK_VALIDATION = 'false';
process.env.SOC2ML_SUMMARY = 'off';
// Construct creation and annotation stack traces (CDK records one per resource and per warning) are
// the costliest part of building an app under the test runner's source maps, and no test reads them.
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true });
process.env.CDK_DISABLE_STACK_TRACE = '1';
