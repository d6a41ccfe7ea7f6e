import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allTrue } from './private';

/** The model's containers can make no inbound or outbound network calls. */
export const SageMakerModelNetworkIsolation: ResourceRule = {
  id: 'SageMakerModelNetworkIsolation',
  resourceTypes: ['AWS::SageMaker::Model'],
  passes: '`EnableNetworkIsolation: true` (boolean or string, in every `Fn::If` branch).',
  check: (model) => {
    if (!allTrue(valuesAt(model.properties.EnableNetworkIsolation, []))) {
      return failed('Its containers are not network-isolated: EnableNetworkIsolation is not literally true, so they can call out to the network.', 'Properties/EnableNetworkIsolation');
    }
    return passed();
  },
};
