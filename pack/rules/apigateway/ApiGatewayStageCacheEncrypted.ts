import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { literalAlternatives, readableObject, valuesAt } from '../../readers';
import { asBoolean, flatten, isIntrinsic } from '../../values';
import { unknowableDetail } from './private';

/**
 * A REST API stage that has a cache cluster encrypts what it caches. API Gateway caches the
 * responses of `GET` methods once a stage's cache cluster is on ("Cache settings for REST APIs":
 * only GET methods are cached by default), and of any method a method setting turns caching on
 * for; each cached response is encrypted only when its method setting, or the stage-wide `*` `/*`
 * setting it inherits, has `CacheDataEncrypted: true` (absent is false). So when
 * `CacheClusterEnabled` may be true, the stage-wide setting (unless it turns caching off) and every
 * method setting that does not turn caching off must have `CacheDataEncrypted` true, their own or
 * inherited. A stage without a cache cluster caches nothing: not applicable. Judged on
 * `AWS::ApiGateway::Stage` (CDK's `RestApi` `deployOptions`) and on the stage a deployment creates
 * (`StageDescription`, whose top-level `CachingEnabled` and `CacheDataEncrypted` are the stage-wide
 * setting). Every `Fn::If` branch counts, a parameter by its `AllowedValues`.
 */
export const ApiGatewayStageCacheEncrypted: ResourceRule = {
  id: 'ApiGatewayStageCacheEncrypted',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
  passes: 'Where `CacheClusterEnabled` may be true: the stage-wide method setting (`HttpMethod` `*`, `ResourcePath` `/*`; a deployment\'s `StageDescription`) and every method setting whose `CachingEnabled` is not false have `CacheDataEncrypted: true`, their own or inherited. Stages without a cache cluster, and deployments that create no stage, are not applicable.',
  check: (resource) => {
    const stage = stageSettings(resource);
    if (stage === undefined) {
      return notApplicable();
    }
    const clusterLocation = `${stage.at}/CacheClusterEnabled`;
    const cluster = literalAlternatives(stage.cluster, resource.template);
    if (cluster === undefined || cluster.some((v) => v !== undefined && asBoolean(v) === undefined)) {
      return failed(unknowableDetail(clusterLocation), clusterLocation);
    }
    if (cluster.every((v) => asBoolean(v) !== true)) {
      return notApplicable();
    }
    const settingsLocation = `${stage.at}/MethodSettings`;
    const entries = valuesAt(stage.methodSettings, []);
    if (entries.some((e) => e === null || (e !== undefined && !Array.isArray(e)))) {
      return failed(unknowableDetail(settingsLocation), settingsLocation);
    }
    const settings = entries.flatMap((e) => (Array.isArray(e) ? e : []));
    if (settings.some((s) => !isObject(s) || isIntrinsic(s))) {
      return failed(unknowableDetail(settingsLocation), settingsLocation);
    }
    const objects = settings as Record<string, Json>[];
    const stageWide = objects.find(isStageWide);
    const defaults = { caching: stage.caching ?? stageWide?.CachingEnabled, encrypted: stage.encrypted ?? stageWide?.CacheDataEncrypted };
    // Each setting that may cache: what it inherits from the stage-wide one filled in.
    const cachers = [
      { caching: defaults.caching, encrypted: defaults.encrypted, what: 'The stage-wide setting (every GET method at least)' },
      ...objects.filter((s) => !isStageWide(s)).map((s) => ({
        caching: s.CachingEnabled ?? defaults.caching, encrypted: s.CacheDataEncrypted ?? defaults.encrypted, what: `The method setting for ${flatten(s.HttpMethod)} ${flatten(s.ResourcePath)}`,
      })),
    ].map(({ caching, encrypted, what }) => ({ caching: literalAlternatives(caching, resource.template), encrypted: literalAlternatives(encrypted, resource.template), what }));
    if (cachers.some((c) => c.caching === undefined || c.encrypted === undefined)) {
      return failed(unknowableDetail(`${settingsLocation}/CacheDataEncrypted`), settingsLocation);
    }
    const problems: string[] = [];
    for (const { caching, encrypted, what } of cachers) {
      const clear = encrypted!.findIndex((v) => asBoolean(v) !== true);
      if (clear >= 0 && !caching!.every((v) => asBoolean(v) === false)) {
        const shown = encrypted![clear];
        problems.push(`${what} caches responses unencrypted (CacheDataEncrypted is ${shown === undefined ? 'absent, so false' : JSON.stringify(shown)}).`);
      }
    }
    return problems.length > 0 ? failed(`Its cache cluster is on and ${lowerFirst(problems.join(' '))}`, settingsLocation) : passed();
  },
};

interface StageSettings {
  /** Where the stage's settings are, for locations (`Properties` or `Properties/StageDescription`). */
  readonly at: string;
  readonly cluster: Json | undefined;
  readonly methodSettings: Json | undefined;
  /** A deployment's stage-wide caching and encryption; undefined on a stage (its `*` `/*` method setting says). */
  readonly caching?: Json;
  readonly encrypted?: Json;
}

/** The cache settings of a stage or of the stage a deployment creates; undefined for a deployment that creates none. */
function stageSettings(resource: TemplateResource): StageSettings | undefined {
  const p = resource.properties;
  if (resource.type === 'AWS::ApiGateway::Stage') {
    return { at: 'Properties', cluster: p.CacheClusterEnabled, methodSettings: p.MethodSettings };
  }
  if (valuesAt(p.StageName, []).every((v) => v === undefined)) {
    return undefined;
  }
  const description = readableObject(p.StageDescription);
  if (p.StageDescription !== undefined && description === undefined) {
    // An intrinsic around the whole description: treat its cluster as unreadable.
    return { at: 'Properties/StageDescription', cluster: p.StageDescription, methodSettings: undefined };
  }
  return {
    at: 'Properties/StageDescription',
    cluster: description?.CacheClusterEnabled,
    methodSettings: description?.MethodSettings,
    caching: description?.CachingEnabled,
    encrypted: description?.CacheDataEncrypted,
  };
}

/** Whether a method setting is the stage-wide one (`HttpMethod` `*`, `ResourcePath` `/*`). */
function isStageWide(setting: Record<string, Json>): boolean {
  return setting.HttpMethod === '*' && setting.ResourcePath === '/*';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
