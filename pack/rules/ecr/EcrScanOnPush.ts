import { passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { branches, isIntrinsic } from '../../values';
import { requireTrue } from '../../readers';
import { registryScansOnPush } from './private';

/** Images are scanned for known vulnerabilities as they are pushed, before anything runs them. */
export const EcrScanOnPush: ResourceRule = {
  id: 'EcrScanOnPush',
  resourceTypes: ['AWS::ECR::Repository'],
  examines: ['AWS::ECR::RegistryScanningConfiguration'],
  passes: '`ImageScanningConfiguration.ScanOnPush: true`, or a registry scanning configuration in the same stack that scans the repository on push or continuously.',
  check: (repository) => {
    if (registryScansOnPush(repository)) {
      return passed();
    }
    const scanOnPush = branches(repository.properties.ImageScanningConfiguration).flatMap((c) =>
      isIntrinsic(c) || !isObject(c) ? [c] : branches(c.ScanOnPush));
    return requireTrue(scanOnPush, 'Properties/ImageScanningConfiguration/ScanOnPush', 'Images are not scanned for vulnerabilities when they are pushed.');
  },
};
