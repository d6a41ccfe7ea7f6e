/*
 * The Python (3.11) code of the runbooks' `aws:executeScript` steps. Each plan script only reads;
 * each apply script is its plan script plus the handler that changes something, so a dry run
 * runs exactly the reads the real run starts with. Every AWS call is written
 * `<client>.<method>(` on a client made with `boto3.client('<service>')`: the runbook model reads
 * the calls from the text to check the role allows exactly those (runbook-model.ts).
 */

/** The current time as IAM's `aws:TokenIssueTime` compares it. */
export const NOW_SCRIPT = `import datetime


def handler(events, context):
    return {'time': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}
`;

/** Reads a bucket's policy and Object Lock setting and counts the object versions under a prefix. */
export const QUARANTINE_PLAN_SCRIPT = `import hashlib
import json

import boto3
from botocore.exceptions import ClientError

s3 = boto3.client('s3')


def object_lock_enabled(bucket):
    try:
        config = s3.get_object_lock_configuration(Bucket=bucket)['ObjectLockConfiguration']
    except ClientError as e:
        if e.response['Error']['Code'] == 'ObjectLockConfigurationNotFoundError':
            return False
        raise
    return config.get('ObjectLockEnabled') == 'Enabled'


def current_policy(bucket):
    try:
        return json.loads(s3.get_bucket_policy(Bucket=bucket)['Policy'])
    except ClientError as e:
        if e.response['Error']['Code'] == 'NoSuchBucketPolicy':
            return {'Version': '2012-10-17', 'Statement': []}
        raise


def checked(events):
    prefix = events['Prefix']
    if prefix == '' or '*' in prefix or '?' in prefix:
        raise ValueError('Prefix must be a literal key prefix such as "raw/2024-05-01/" (no wildcards, not empty: a whole bucket is not a prefix).')
    return events['Bucket'], prefix


def quarantine_statement(events, bucket, prefix):
    sid = 'Soc2MlQuarantine' + hashlib.sha256(prefix.encode()).hexdigest()[:16]
    return {
        'Sid': sid,
        'Effect': 'Deny',
        'Principal': '*',
        'Action': 's3:*',
        'Resource': 'arn:' + events['Partition'] + ':s3:::' + bucket + '/' + prefix + '*',
        'Condition': {'ArnNotEquals': {'aws:PrincipalArn': events['Exempt'].split(',')}},
    }


def versions(bucket, prefix):
    for page in s3.get_paginator('list_object_versions').paginate(Bucket=bucket, Prefix=prefix):
        for version in page.get('Versions', []):
            yield version


def plan(events, context):
    bucket, prefix = checked(events)
    statement = quarantine_statement(events, bucket, prefix)
    return {
        'objectLock': object_lock_enabled(bucket),
        'objectVersions': sum(1 for _ in versions(bucket, prefix)),
        'statement': json.dumps(statement),
        'alreadyQuarantined': any(s.get('Sid') == statement['Sid'] for s in current_policy(bucket)['Statement']),
    }
`;

/** The plan, then a legal hold on every version under the prefix (with Object Lock) and the deny statement. */
export const QUARANTINE_APPLY_SCRIPT = `${QUARANTINE_PLAN_SCRIPT}

def apply(events, context):
    bucket, prefix = checked(events)
    held = 0
    if object_lock_enabled(bucket):
        for version in versions(bucket, prefix):
            s3.put_object_legal_hold(Bucket=bucket, Key=version['Key'], VersionId=version['VersionId'], LegalHold={'Status': 'ON'})
            held += 1
    statement = quarantine_statement(events, bucket, prefix)
    policy = current_policy(bucket)
    policy['Statement'] = [s for s in policy['Statement'] if s.get('Sid') != statement['Sid']] + [statement]
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    return {'legalHolds': held, 'statementSid': statement['Sid']}
`;

/** Finds what an endpoint serves and captured in a window, without copying anything. */
export const FORENSIC_PLAN_SCRIPT = `import datetime
import json

import boto3

sagemaker = boto3.client('sagemaker')
s3 = boto3.client('s3')


def parse_s3(uri):
    bucket, _, key = uri[len('s3://'):].partition('/')
    return bucket, key


def window(events):
    start = datetime.datetime.fromisoformat(events['Start'].replace('Z', '+00:00'))
    end = datetime.datetime.fromisoformat(events['End'].replace('Z', '+00:00'))
    if end <= start:
        raise ValueError('WindowEnd must be after WindowStart.')
    return start, end


def served(endpoint):
    config_name = sagemaker.describe_endpoint(EndpointName=endpoint)['EndpointConfigName']
    config = sagemaker.describe_endpoint_config(EndpointConfigName=config_name)
    uris = []
    for variant in config['ProductionVariants']:
        model = sagemaker.describe_model(ModelName=variant['ModelName'])
        containers = [model['PrimaryContainer']] if 'PrimaryContainer' in model else model.get('Containers', [])
        for container in containers:
            if container.get('ModelDataUrl'):
                uris.append(container['ModelDataUrl'])
            elif container.get('ModelPackageName'):
                package = sagemaker.describe_model_package(ModelPackageName=container['ModelPackageName'])
                uris += [c['ModelDataUrl'] for c in package['InferenceSpecification']['Containers'] if c.get('ModelDataUrl')]
    return config_name, uris, config.get('DataCaptureConfig', {}).get('DestinationS3Uri')


def listed(bucket, prefix):
    for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get('Contents', []):
            yield item


def captured(capture, endpoint, start, end):
    if not capture:
        return []
    bucket, prefix = parse_s3(capture.rstrip('/'))
    prefix = (prefix + '/' if prefix else '') + endpoint + '/'
    return [(bucket, o['Key']) for o in listed(bucket, prefix) if start <= o['LastModified'] <= end]


def model_objects(uris):
    found = []
    for uri in uris:
        bucket, key = parse_s3(uri)
        found += [(bucket, o['Key']) for o in listed(bucket, key)]
    return found


def destination(events):
    return 'incidents/' + events['Environment'] + '/' + events['IncidentId'] + '/'


def plan(events, context):
    start, end = window(events)
    config, uris, capture = served(events['EndpointName'])
    return {
        'endpointConfig': config,
        'modelArtifacts': uris,
        'capturedObjects': len(captured(capture, events['EndpointName'], start, end)),
        'modelObjects': len(model_objects(uris)),
        'destination': 's3://' + events['Archive'] + '/' + destination(events),
    }
`;

/** The plan, then copies of the captured data and model artifacts, the trail window and a manifest, into the evidence store. */
export const FORENSIC_APPLY_SCRIPT = `${FORENSIC_PLAN_SCRIPT}
cloudtrail = boto3.client('cloudtrail')


def put_json(events, key, body):
    s3.put_object(Bucket=events['Archive'], Key=key, Body=json.dumps(body, default=str, indent=1).encode(),
                  ServerSideEncryption='aws:kms', SSEKMSKeyId=events['ArchiveKey'], ChecksumAlgorithm='SHA256')


def trail_window(start, end):
    found = []
    for page in cloudtrail.get_paginator('lookup_events').paginate(StartTime=start, EndTime=end):
        found += [json.loads(e['CloudTrailEvent']) for e in page.get('Events', [])]
    return found


def preserve(events, context):
    start, end = window(events)
    endpoint = events['EndpointName']
    base = destination(events)
    config, uris, capture = served(endpoint)
    extra = {'ServerSideEncryption': 'aws:kms', 'SSEKMSKeyId': events['ArchiveKey'], 'ChecksumAlgorithm': 'SHA256'}
    copied = []
    for kind, objects in (('captured-data', captured(capture, endpoint, start, end)), ('model-artifacts', model_objects(uris))):
        for bucket, key in objects:
            target = base + kind + '/' + bucket + '/' + key
            s3.copy({'Bucket': bucket, 'Key': key}, events['Archive'], target, ExtraArgs=extra)
            copied.append({'source': 's3://' + bucket + '/' + key, 'archived': target})
    trail = trail_window(start, end)
    put_json(events, base + 'cloudtrail-management-events.json', trail)
    manifest = {
        'incident': events['IncidentId'], 'endpoint': endpoint, 'endpointConfig': config,
        'window': [start.isoformat(), end.isoformat()], 'modelArtifacts': uris, 'copied': copied,
        'trailEvents': len(trail), 'automationExecution': events['ExecutionId'],
    }
    put_json(events, base + 'manifest.json', manifest)
    return {'copied': len(copied), 'trailEvents': len(trail), 'manifest': 's3://' + events['Archive'] + '/' + base + 'manifest.json'}
`;
