import { notApplicable, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { literalValues, requireLiteralTrue } from '../bedrock/private';

/**
 * A JDBC connection enforces SSL with hostname matching (`JDBC_ENFORCE_SSL` "true"), so Glue never
 * falls back to a plain-text session with the database. Glue's default is false. Other connection
 * types are not applicable; a type synth cannot know is judged as JDBC.
 */
export const GlueConnectionJdbcSsl: ResourceRule = {
  id: 'GlueConnectionJdbcSsl',
  resourceTypes: ['AWS::Glue::Connection'],
  passes: 'When `ConnectionInput.ConnectionType` is (or may be) `JDBC`, `ConnectionInput.ConnectionProperties.JDBC_ENFORCE_SSL` is "true" in every branch (absent means false); other connection types are not applicable.',
  check: (connection) => {
    const input = connection.properties.ConnectionInput;
    const types = literalValues(valuesAt(input, ['ConnectionType']), connection.template);
    if (types !== undefined && types.every((t) => typeof t === 'string' && t.toUpperCase() !== 'JDBC')) {
      return notApplicable();
    }
    return requireLiteralTrue(valuesAt(input, ['ConnectionProperties', 'JDBC_ENFORCE_SSL']), connection.template, 'Properties/ConnectionInput/ConnectionProperties/JDBC_ENFORCE_SSL', {
      absent: 'It does not set JDBC_ENFORCE_SSL, so Glue does not enforce SSL to the database (the default is false).',
      off: 'Its JDBC_ENFORCE_SSL is false, so Glue may connect to the database without SSL.',
    });
  },
};
