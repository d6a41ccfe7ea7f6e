import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { requireLiteralTrue } from '../bedrock/private';

/**
 * The workgroup's settings override the client's (`EnforceWorkGroupConfiguration` true), so a
 * client cannot send results unencrypted or to a bucket of its choosing. The console leaves the
 * option off by default and the API documents no default, so an absent value is not proof.
 */
export const AthenaWorkGroupEnforced: ResourceRule = {
  id: 'AthenaWorkGroupEnforced',
  resourceTypes: ['AWS::Athena::WorkGroup'],
  passes: '`WorkGroupConfiguration.EnforceWorkGroupConfiguration` is true in every branch (a parameter counts by its `AllowedValues`); absent fails, since the console\'s default is off and the API documents none.',
  check: (workgroup) => requireLiteralTrue(
    valuesAt(workgroup.properties.WorkGroupConfiguration, ['EnforceWorkGroupConfiguration']),
    workgroup.template,
    'Properties/WorkGroupConfiguration/EnforceWorkGroupConfiguration',
    {
      absent: 'It does not set EnforceWorkGroupConfiguration, which the console leaves off, so clients may override the result location and encryption.',
      off: 'Its EnforceWorkGroupConfiguration is false, so clients may override the result location and encryption.',
    },
  ),
};
