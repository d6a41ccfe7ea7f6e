import { Aws, CfnMapping, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { Soc2MlError } from '../../core/errors';

/*
 * The AWS accounts whose ECR registries hold SageMaker's own monitoring and build images, per region. AWS
 * owns these accounts; they differ by region. Source: the SageMaker Python SDK's image URI
 * configuration (`src/sagemaker/image_uri_config/model-monitor.json` and `clarify.json`, which
 * `sagemaker.image_uris.retrieve('model-monitor' | 'clarify', region)` reads, and `xgboost.json`
 * for the built-in XGBoost algorithm). A region missing here needs the image's `fromUri(...)`.
 */

/** A monitoring image: its repository, tag and the registry account of each region. */
export interface RegionalImage {
  /** Construct id of the stack-level mapping that holds the accounts. */
  readonly mappingId: string;
  readonly repository: string;
  /** The tag, or none for the repository's latest. */
  readonly tag?: string;
  readonly registries: Readonly<Record<string, string>>;
}

/** `sagemaker-model-monitor-analyzer`: data-quality and model-quality monitoring. */
export const MODEL_MONITOR_IMAGE: RegionalImage = {
  mappingId: 'Soc2MlModelMonitorImageRegistries',
  repository: 'sagemaker-model-monitor-analyzer',
  registries: {
    'ap-east-1': '001633400207',
    'ap-northeast-1': '574779866223',
    'ap-northeast-2': '709848358524',
    'ap-south-1': '126357580389',
    'ap-southeast-1': '245545462676',
    'ap-southeast-2': '563025443158',
    'ca-central-1': '536280801234',
    'cn-north-1': '453000072557',
    'cn-northwest-1': '453252182341',
    'eu-central-1': '048819808253',
    'eu-north-1': '895015795356',
    'eu-west-1': '468650794304',
    'eu-west-2': '749857270468',
    'eu-west-3': '680080141114',
    'me-south-1': '607024016150',
    'sa-east-1': '539772159869',
    'us-east-1': '156813124566',
    'us-east-2': '777275614652',
    'us-west-1': '890145073186',
    'us-west-2': '159807026194',
  },
};

/** `sagemaker-clarify-processing:1.0`: model-bias and model-explainability monitoring. */
export const CLARIFY_IMAGE: RegionalImage = {
  mappingId: 'Soc2MlClarifyImageRegistries',
  repository: 'sagemaker-clarify-processing',
  tag: '1.0',
  registries: {
    'af-south-1': '811711786498',
    'ap-east-1': '098760798382',
    'ap-northeast-1': '377024640650',
    'ap-northeast-2': '263625296855',
    'ap-northeast-3': '364406365360',
    'ap-south-1': '452307495513',
    'ap-southeast-1': '834264404009',
    'ap-southeast-2': '007051062584',
    'ca-central-1': '675030665977',
    'cn-north-1': '122526803553',
    'cn-northwest-1': '122578899357',
    'eu-central-1': '017069133835',
    'eu-north-1': '763603941244',
    'eu-south-1': '638885417683',
    'eu-west-1': '131013547314',
    'eu-west-2': '440796970383',
    'eu-west-3': '341593696636',
    'me-south-1': '835444307964',
    'sa-east-1': '520018980103',
    'us-east-1': '205585389593',
    'us-east-2': '211330385671',
    'us-west-1': '740489534195',
    'us-west-2': '306415355426',
  },
};

/** `sagemaker-xgboost:1.7-1`: SageMaker's built-in XGBoost algorithm (training, evaluation, serving). */
export const XGBOOST_IMAGE: RegionalImage = {
  mappingId: 'Soc2MlXgboostImageRegistries',
  repository: 'sagemaker-xgboost',
  tag: '1.7-1',
  registries: {
    'af-south-1': '510948584623',
    'ap-east-1': '651117190479',
    'ap-northeast-1': '354813040037',
    'ap-northeast-2': '366743142698',
    'ap-northeast-3': '867004704886',
    'ap-south-1': '720646828776',
    'ap-southeast-1': '121021644041',
    'ap-southeast-2': '783357654285',
    'ca-central-1': '341280168497',
    'cn-north-1': '450853457545',
    'cn-northwest-1': '451049120500',
    'eu-central-1': '492215442770',
    'eu-north-1': '662702820516',
    'eu-south-1': '978288397137',
    'eu-west-1': '141502667606',
    'eu-west-2': '764974769150',
    'eu-west-3': '659782779980',
    'me-south-1': '801668240914',
    'sa-east-1': '737474898029',
    'us-east-1': '683313688378',
    'us-east-2': '257758044811',
    'us-west-1': '746614075791',
    'us-west-2': '246618743249',
  },
};

/**
 * The URI of one of SageMaker's images in the stack's region: written out when the region is known
 * at synth, else looked up at deploy time in a stack-level mapping of the documented regions (no
 * lookup at synth). `fromUri` names the factory a user calls for a region the map lacks.
 */
export function regionalImageUri(scope: IConstruct, image: RegionalImage, fromUri: string): string {
  const stack = Stack.of(scope);
  const tag = image.tag ? `:${image.tag}` : '';
  if (!Token.isUnresolved(stack.region)) {
    const account = image.registries[stack.region];
    if (account === undefined) {
      throw new Soc2MlError(`No ${image.repository} image is documented for region ${stack.region}: pass the image of that region with ${fromUri}('<account>.dkr.ecr.${stack.region}.amazonaws.com/${image.repository}${tag}') (sagemaker.image_uris.retrieve names it).`);
    }
    return `${account}.dkr.ecr.${stack.region}.${RegionInfo.get(stack.region).domainSuffix ?? stack.urlSuffix}/${image.repository}${tag}`;
  }
  const mapping = stack.node.tryFindChild(image.mappingId) as CfnMapping | undefined
    ?? new CfnMapping(stack, image.mappingId, {
      mapping: Object.fromEntries(Object.entries(image.registries).map(([region, account]) => [region, { account }])),
    });
  return `${mapping.findInMap(Aws.REGION, 'account')}.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/${image.repository}${tag}`;
}
