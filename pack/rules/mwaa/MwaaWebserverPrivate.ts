import { failed, passed, ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { flatten, someBranchNote } from '../../values';
import { ENVIRONMENT } from './private';

const LOCATION = 'Properties/WebserverAccessMode';
const PRIVATE = 'PRIVATE_ONLY';

/**
 * The environment's Apache Airflow web server (its UI and REST API, which trigger, pause and
 * change pipelines and hold their connections) is reachable only from inside the VPC:
 * `WebserverAccessMode` `PRIVATE_ONLY`, the service's default when absent. `PUBLIC_ONLY` puts the
 * web server on the internet, and `PUBLIC_AND_PRIVATE` (Airflow 3.2 and later) adds a public load
 * balancer for browsers; either leaves only IAM sign-in between the internet and the pipelines.
 * Every `Fn::If` branch counts, a parameter by its `AllowedValues`; a value synth cannot read fails
 * closed.
 */
export const MwaaWebserverPrivate: ResourceRule = {
  id: 'MwaaWebserverPrivate',
  resourceTypes: [ENVIRONMENT],
  passes: '`WebserverAccessMode` absent (`PRIVATE_ONLY`, the default) or `PRIVATE_ONLY` in every `Fn::If` branch (a parameter counts by its `AllowedValues`); `PUBLIC_ONLY` and `PUBLIC_AND_PRIVATE` fail.',
  check: (environment) => {
    const modes = literalAlternatives(environment.properties.WebserverAccessMode, environment.template);
    if (modes === undefined) {
      return failed('Its WebserverAccessMode comes from a value synth cannot read (an import, a parameter without AllowedValues, or another intrinsic), which may be PUBLIC_ONLY at deploy time.', LOCATION);
    }
    const open = modes.find((m) => m !== undefined && flatten(m).toUpperCase() !== PRIVATE);
    if (open !== undefined) {
      return failed(`Its Airflow web server has a public endpoint (WebserverAccessMode ${flatten(open)}${someBranchNote(modes)}): the Airflow UI and REST API, which run and change pipelines, are reachable from the internet rather than only from inside the VPC.`, LOCATION);
    }
    return passed();
  },
};
