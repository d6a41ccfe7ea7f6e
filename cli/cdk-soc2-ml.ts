#!/usr/bin/env node
/*
 * The package's command line: `npx cdk-soc2-ml check …` (the rule pack on any cloud assembly or
 * CloudFormation template), `sign-model` and `verify-model` (model signatures), `evidence report` (the
 * period report of the evidence archive).
 */
import { packageVersion } from '../core/package-info';
import { CHECK_USAGE, runCheck } from './check';
import { EVIDENCE_REPORT_USAGE, runEvidence } from './evidence-report';
import { CliClients, CliOutput, ExitCode } from './io';
import { defaultClients, runModelSigning, SIGN_MODEL_USAGE, VERIFY_MODEL_USAGE } from './model-signing';

export type { CliClients, CliOutput } from './io';

export const USAGE = `Usage:
${CHECK_USAGE}${SIGN_MODEL_USAGE}${VERIFY_MODEL_USAGE}${EVIDENCE_REPORT_USAGE}  cdk-soc2-ml --version
  cdk-soc2-ml <command> --help
`;

const COMMANDS: Readonly<Record<string, string>> = {
  'check': CHECK_USAGE,
  'sign-model': SIGN_MODEL_USAGE,
  'verify-model': VERIFY_MODEL_USAGE,
  'evidence': EVIDENCE_REPORT_USAGE,
};

/** Run a command; resolves to the process exit code. */
export async function main(argv: string[], makeClients: (region?: string) => CliClients = defaultClients, io: CliOutput = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || (COMMANDS[command] !== undefined && rest.includes('--version'))) {
    io.out(`${packageVersion()}\n`);
    return ExitCode.OK;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const usage = COMMANDS[command];
  if (usage === undefined) {
    io.err(`Unknown command ${JSON.stringify(command)}: the commands are ${Object.keys(COMMANDS).join(', ')}.\n\n${USAGE}`);
    return ExitCode.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage:\n${usage}`);
    return ExitCode.OK;
  }
  if (command === 'check') {
    return runCheck(rest, io);
  }
  if (command === 'evidence') {
    return runEvidence(rest, makeClients, io);
  }
  return runModelSigning(command as 'sign-model' | 'verify-model', rest, makeClients, io);
}

const consoleOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
