import { failed, passed, ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { flatten, isUnset, someBranchNote } from '../../values';
import { SERVER } from './private';

const LOCATION = 'Properties/SecurityPolicyName';

/** The policy CloudFormation attaches when `SecurityPolicyName` is absent (the console, API and CLI attach a newer one). */
const CLOUDFORMATION_DEFAULT_POLICY = 'TransferSecurityPolicy-2018-11';

/** The date of the first policy without SHA-1 key exchange and MACs, 64-bit MACs, or TLS suites lacking forward secrecy. */
const FIRST_MODERN = '2020-06';

/** A server security policy's name, ending in the year and month of its algorithm set. */
const POLICY_NAME = /^TransferSecurityPolicy-(?:[A-Za-z0-9]+-)*(\d{4}-\d{2})$/;

/**
 * The server's security policy offers only algorithms without known weaknesses: no SHA-1 key
 * exchange (`diffie-hellman-group14-sha1`), no SHA-1 or 64-bit MACs (`hmac-sha1`, `umac-64`), and for
 * FTPS no TLS suites without forward secrecy (`TLS_RSA_WITH_AES_*`). AWS's "Security policies for
 * AWS Transfer Family servers" (https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html)
 * lists them: `TransferSecurityPolicy-2018-11` offers all of these; `TransferSecurityPolicy-2020-06`
 * and the later dated and `FIPS-` policies it tabulates offer none. Transfer Family accepts TLS 1.2
 * under every policy, so the TLS version is not what separates them. A policy passes when its name
 * ends in a year and month of 2020-06 or later, which judges the newer families (`PQ-SSH-`,
 * `Restricted-`, `SshAuditCompliant-`, `AS2Restricted-`) by their date too; the `Restricted` variant
 * of 2018-11 is judged by the 2018-11 set it is named after. The page also
 * documents the default: a server CloudFormation creates without `SecurityPolicyName` gets
 * `TransferSecurityPolicy-2018-11` (the console, API and CLI attach `TransferSecurityPolicy-2024-01`),
 * so an absent policy fails. The SHA-1 `ssh-rsa` host-key signature, which 2020-06 and several
 * FIPS policies still offer for RSA host keys, is left to the choice of host key. Every `Fn::If` branch counts, a
 * parameter by its `AllowedValues`; a value synth cannot read fails closed.
 */
export const TransferModernSecurityPolicy: ResourceRule = {
  id: 'TransferModernSecurityPolicy',
  resourceTypes: [SERVER],
  passes: '`SecurityPolicyName` is a Transfer Family server policy dated 2020-06 or later (`TransferSecurityPolicy-2020-06` … `-2025-03`, `-FIPS-*`, `-PQ-SSH-*`, `-Restricted-2020-06`/`-2024-06`, `-SshAuditCompliant-*`, `-AS2Restricted-*`) in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent means `TransferSecurityPolicy-2018-11` under CloudFormation and fails.',
  check: (server) => {
    const names = literalAlternatives(server.properties.SecurityPolicyName, server.template);
    if (names === undefined) {
      return failed(`Its SecurityPolicyName comes from a value synth cannot read (an import, a parameter without AllowedValues, or another intrinsic), so it may be ${CLOUDFORMATION_DEFAULT_POLICY} once deployed; write it literally (or give the parameter AllowedValues) or acknowledge the rule with a reason.`, LOCATION);
    }
    const note = someBranchNote(names);
    for (const name of names) {
      if (isUnset(name)) {
        return failed(`It names no SecurityPolicyName${note}, so CloudFormation attaches ${CLOUDFORMATION_DEFAULT_POLICY}, which still offers SHA-1 key exchange (diffie-hellman-group14-sha1), SHA-1 and 64-bit MACs (hmac-sha1, umac-64) and, for FTPS, TLS cipher suites without forward secrecy (TLS_RSA_WITH_AES_*).`, LOCATION);
      }
      const shown = flatten(name);
      const dated = typeof name === 'string' ? POLICY_NAME.exec(name) : null;
      if (dated === null) {
        return failed(`Its SecurityPolicyName is ${JSON.stringify(shown)}${note}, which is not a Transfer Family server security policy named by its date (TransferSecurityPolicy-…-YYYY-MM), so the algorithms it offers cannot be shown.`, LOCATION);
      }
      // YYYY-MM dates compare as strings.
      if (dated[1] < FIRST_MODERN) {
        return failed(`Its SecurityPolicyName is ${shown}${note}, a policy of the ${dated[1]} algorithm set: it still offers SHA-1 key exchange (diffie-hellman-group14-sha1), SHA-1 and 64-bit MACs (hmac-sha1, umac-64) and, for FTPS, TLS cipher suites without forward secrecy (TLS_RSA_WITH_AES_*), which the policies of 2020-06 and later leave out.`, LOCATION);
      }
    }
    return passed();
  },
};
