import { TemplateResource } from '../../template';
import { isObject } from '../../json';
import { asArray, branches, flatten } from '../../values';

/** ECR repository filters take `*` as their only wildcard. */
function filterMatches(filter: string, name: string): boolean {
  const re = new RegExp('^' + filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

/**
 * Whether an `AWS::ECR::RegistryScanningConfiguration` of the same template scans this
 * repository on push (or continuously): registry-level scanning is the newer way to switch scanning
 * on, and with enhanced scanning ECR ignores the repository's own `ScanOnPush`. A repository
 * whose name CloudFormation generates is covered only by a filter of `*`.
 */
export function registryScansOnPush(repository: TemplateResource): boolean {
  const name = repository.properties.RepositoryName;
  for (const config of repository.template.ofType('AWS::ECR::RegistryScanningConfiguration')) {
    for (const rule of asArray(config.properties.Rules).filter(isObject)) {
      const frequencies = branches(rule.ScanFrequency).map((f) => flatten(f).toUpperCase());
      if (!frequencies.every((f) => f === 'SCAN_ON_PUSH' || f === 'CONTINUOUS_SCAN')) {
        continue;
      }
      const filters = asArray(rule.RepositoryFilters).filter(isObject).map((f) => flatten(f.Filter));
      if (filters.some((f) => f === '*' || (typeof name === 'string' && filterMatches(f, name)))) {
        return true;
      }
    }
  }
  return false;
}
