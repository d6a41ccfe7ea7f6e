/*
 * The AWS accounts whose ECR registries hold SageMaker's own monitoring images, per region. AWS
 * owns these accounts; they differ by region. Source: the SageMaker Python SDK's image URI
 * configuration (`src/sagemaker/image_uri_config/model-monitor.json` and `clarify.json`, which
 * `sagemaker.image_uris.retrieve('model-monitor' | 'clarify', region)` reads). A region missing
 * here needs `MonitoringImage.fromUri(...)`.
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
