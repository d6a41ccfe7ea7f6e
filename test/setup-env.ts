// Unit tests read templates; CloudFormation Validate (the slowest part of a synth) is switched
// off here and back on by the tests that judge deployability (test/platform/default-app.test.ts).
process.env.CDK_VALIDATION = 'false';
process.env.SOC2ML_SUMMARY = 'off';
