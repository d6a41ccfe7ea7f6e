import { failed, notApplicable, Outcome, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { branches, isUnset } from '../../values';
import { flagValues, trueValueProblem } from './private';
import { DB_CLUSTER, DefaultAccess, defaultAccess, RDS_TYPES } from './topology';

const LOCATION = 'Properties/PubliclyAccessible';

/**
 * The database has no public endpoint: `PubliclyAccessible` is false, or absent where RDS then
 * surely makes it private. Instances carry the setting (Aurora too: per instance), and so do
 * Multi-AZ DB clusters; Aurora clusters have none, and their instances are judged.
 */
export const RdsNotPubliclyAccessible: ResourceRule = {
  id: 'RdsNotPubliclyAccessible',
  resourceTypes: RDS_TYPES,
  passes: '`PubliclyAccessible: false`; or absent on an instance (its cluster\'s subnet group, for Aurora) or Multi-AZ DB cluster whose `DBSubnetGroupName` is a non-default `AWS::RDS::DBSubnetGroup` of the app in a VPC of the app (another stack\'s too, through CDK\'s cross-stack references) with no internet gateway attached (private under both defaults AWS documents). Aurora clusters (no `DBClusterInstanceClass`) are not applicable: their instances are judged.',
  check: (db) => {
    if (db.type === DB_CLUSTER && branches(db.properties.DBClusterInstanceClass).every(isUnset)) {
      return notApplicable();
    }
    for (const value of flagValues(db, 'PubliclyAccessible')) {
      const outcome = isUnset(value) ? absentOutcome(db)
        : trueValueProblem(value, 'PubliclyAccessible', 'PubliclyAccessible is true, so the database gets an endpoint that resolves to a public address.');
      if (outcome) {
        return outcome;
      }
    }
    return passed();
  },
};

function absentOutcome(db: TemplateResource): Outcome | undefined {
  switch (defaultAccess(db)) {
    case DefaultAccess.PRIVATE:
      return undefined;
    case DefaultAccess.PUBLIC:
      return failed('PubliclyAccessible is absent and the database is in the default subnet group or a VPC with an internet gateway, where AWS documents the default as public; write PubliclyAccessible: false.', LOCATION);
    default:
      return failed('PubliclyAccessible is absent, and whether RDS makes the database public (it depends on its subnet group and whether their VPC has an internet gateway) cannot be told at synth (no subnet group, or one outside the app); write PubliclyAccessible: false.', LOCATION);
  }
}
