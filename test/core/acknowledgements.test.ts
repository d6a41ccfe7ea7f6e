import { App, Stack, Validations } from 'aws-cdk-lib';
import { acknowledgeForPlatform, acknowledgeWithMetadata, EXCEPTION_METADATA_TYPE, ExceptionOrigin } from '../../core/acknowledgements';

const metadataOf = (stack: Stack, type: string) => stack.node.metadata.filter((m) => m.type === type).map((m) => m.data as unknown);

test('acknowledges the CDK way and records the platform as the exceptions\' origin', () => {
  const stack = new Stack(new App(), 'S');
  acknowledgeForPlatform(stack, { id: 'Soc2Ml::A', reason: 'Because.' }, { id: 'AwsSolutions::AwsSolutions-S1', reason: 'Log target.' });
  const acknowledged = Object.assign({}, ...metadataOf(stack, Validations.ACKNOWLEDGED_RULES_METADATA_KEY) as object[]) as Record<string, string>;
  expect(acknowledged).toEqual({ 'Soc2Ml::A': 'Because.', 'AwsSolutions::AwsSolutions-S1': 'Log target.' });
  expect(metadataOf(stack, EXCEPTION_METADATA_TYPE)).toEqual([{ ids: ['Soc2Ml::A', 'AwsSolutions::AwsSolutions-S1'], origin: ExceptionOrigin.PLATFORM }]);
});

test('records owner and review date where given; acknowledging nothing records nothing', () => {
  const stack = new Stack(new App(), 'S');
  acknowledgeWithMetadata(stack, [{ id: 'Soc2Ml::A', reason: 'Because.' }], { origin: ExceptionOrigin.USER, owner: 'team', reviewBy: '2027-01-01' });
  acknowledgeWithMetadata(stack, [], { origin: ExceptionOrigin.USER });
  expect(metadataOf(stack, EXCEPTION_METADATA_TYPE)).toEqual([{ ids: ['Soc2Ml::A'], origin: ExceptionOrigin.USER, owner: 'team', reviewBy: '2027-01-01' }]);
});
