import { failed, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { Json } from '../../json';
import { branches, someBranchNote } from '../../values';
import { listVariants, Naming, namingOf, SERVER } from './private';

const LOCATION = 'Properties/StructuredLogDestinations';

/**
 * The server records its users' activity (connections, authentication, each file opened, uploaded,
 * downloaded, renamed or deleted) in CloudWatch Logs. Transfer Family has two mechanisms, configured
 * separately, and a server with neither logs nothing ("Creating, updating, and viewing logging for
 * servers", https://docs.aws.amazon.com/transfer/latest/userguide/log-server-manage.html):
 * `StructuredLogDestinations`, JSON entries sent to the log groups it names (AWS's recommendation,
 * into a log group the template owns and the pack's log-group rules judge), or a `LoggingRole`,
 * which Transfer Family assumes to write to `/aws/transfer/<server-id>`, a group it creates itself.
 * Either passes. Every `Fn::If` branch counts, a parameter by its `AllowedValues`; a reference to a
 * role or log group counts, and a value synth cannot read fails closed when the other mechanism is
 * not on. The two properties are judged apart: one on in some branches and the other in the rest
 * fails, since synth does not pair their conditions.
 */
export const TransferServerLogged: ResourceRule = {
  id: 'TransferServerLogged',
  resourceTypes: [SERVER],
  passes: '`StructuredLogDestinations` names at least one log group, or `LoggingRole` names a role, in every `Fn::If` branch (a parameter counts by its `AllowedValues`; a reference counts); neither means the server writes no logs.',
  check: (server) => {
    const role = namingOf(server.properties.LoggingRole, server.template);
    const destinations = destinationsNaming(server.properties.StructuredLogDestinations, server.template);
    if (role === Naming.NAMED || destinations === Naming.NAMED) {
      return passed();
    }
    if (role === Naming.UNKNOWN || destinations === Naming.UNKNOWN) {
      return failed('Its LoggingRole or StructuredLogDestinations come from a value synth cannot read (an import, a parameter without AllowedValues, or another intrinsic), so it may log nothing once deployed; write them literally (or give the parameter AllowedValues) or acknowledge the rule with a reason.', LOCATION);
    }
    const roles = branches(server.properties.LoggingRole);
    const note = someBranchNote(roles.length > 1 ? roles : listVariants(server.properties.StructuredLogDestinations, server.template));
    return failed(`It sends no logs to CloudWatch Logs: it has neither StructuredLogDestinations nor a LoggingRole${note}, so who connected and which files they uploaded, downloaded or deleted is not recorded.`, LOCATION);
  },
};

/** Whether the destinations name a log group in every list they can be: one entry named in all its branches. */
function destinationsNaming(value: Json | undefined, template: StackTemplate): Naming {
  let worst = Naming.NAMED;
  for (const list of listVariants(value, template)) {
    if (list === null) {
      worst = Naming.UNKNOWN;
      continue;
    }
    const entries = (list ?? []).map((entry) => namingOf(entry, template));
    if (entries.includes(Naming.NAMED)) {
      continue;
    }
    if (!entries.includes(Naming.UNKNOWN)) {
      return Naming.UNSET;
    }
    worst = Naming.UNKNOWN;
  }
  return worst;
}
