import { failed, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { Json } from '../../json';
import { literalAlternatives } from '../../readers';
import { branches, flatten, isNoValue, someBranchNote } from '../../values';
import { listVariants, SERVER } from './private';

const LOCATION = 'Properties/Protocols';

/**
 * The server does not accept plain FTP, which carries user names, passwords and every file in clear
 * text; SFTP (over SSH), FTPS (over TLS) and AS2 (whose messages are signed and encrypted) remain.
 * `Protocols` absent means SFTP only, the service's default. Every `Fn::If` branch counts, in the
 * list and in each entry, and a parameter by its `AllowedValues` (a list parameter's
 * `AllowedValues` each may be an entry); a list or an entry synth cannot read fails closed.
 */
export const TransferNoPlaintextFtp: ResourceRule = {
  id: 'TransferNoPlaintextFtp',
  resourceTypes: [SERVER],
  passes: '`Protocols` absent (SFTP, the default) or without `FTP` in every `Fn::If` branch of the list and of each entry (a parameter counts by its `AllowedValues`); `SFTP`, `FTPS` and `AS2` pass.',
  check: (server) => {
    const lists = listVariants(server.properties.Protocols, server.template);
    let unknown = false;
    for (const list of lists) {
      if (list === null) {
        unknown = true;
        continue;
      }
      for (const entry of list ?? []) {
        const values = entryValues(entry, server.template);
        if (values === undefined) {
          unknown = true;
          continue;
        }
        if (values.some((v) => flatten(v).toUpperCase() === 'FTP')) {
          return failed(`It accepts plain FTP (Protocols includes FTP${someBranchNote(lists.length > 1 ? lists : values)}): user names, passwords and the files themselves cross the network in clear text, readable and alterable by anyone on the path.`, LOCATION);
        }
      }
    }
    if (unknown) {
      return failed('Its Protocols come from a value synth cannot read (an import, a parameter without AllowedValues, or another intrinsic), so they may include FTP once deployed; write them literally (or give the parameter AllowedValues) or acknowledge the rule with a reason.', LOCATION);
    }
    return passed();
  },
};

/** The literal values a list entry can take (each `Fn::If` branch, a parameter's `AllowedValues`), or undefined when unknowable. */
function entryValues(entry: Json, template: StackTemplate): Json[] | undefined {
  const out: Json[] = [];
  for (const branch of branches(entry)) {
    if (branch === undefined || isNoValue(branch)) {
      continue;
    }
    const values = literalAlternatives(branch, template);
    if (values === undefined) {
      return undefined;
    }
    out.push(...values.filter((v): v is Json => v !== undefined));
  }
  return out;
}
