import { passed, ResourceRule } from '../../rule';
import { flagValues, trueValueProblem } from '../rds/private';
import { describe, REDSHIFT_CLUSTER, SERVERLESS_WORKGROUP } from './private';

/** The warehouse has no public endpoint. `PubliclyAccessible` defaults to false on both types. */
export const RedshiftNotPubliclyAccessible: ResourceRule = {
  id: 'RedshiftNotPubliclyAccessible',
  resourceTypes: [REDSHIFT_CLUSTER, SERVERLESS_WORKGROUP],
  passes: '`PubliclyAccessible` false or absent (the default is false) in every branch, on a cluster or a serverless workgroup.',
  check: (warehouse) => {
    for (const value of flagValues(warehouse, 'PubliclyAccessible')) {
      const problem = trueValueProblem(value, 'PubliclyAccessible', `PubliclyAccessible is true, so the ${describe(warehouse.type)} can be reached from the internet.`);
      if (problem) {
        return problem;
      }
    }
    return passed();
  },
};
