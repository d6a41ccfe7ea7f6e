import * as fs from 'fs';
import * as path from 'path';
import {
  IPolicyValidationContext, IPolicyValidationPlugin, NestedStack, PolicyValidationPluginReport, PolicyViolation, Stack, Stage, Token,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Soc2MlError } from '../core/errors';
import { SOC2ML_PACK, soc2mlRuleId } from '../core/nag-packs';
import { acknowledgeWithMetadata, ExceptionOrigin } from '../core/acknowledgements';
import { packageVersion } from '../core/package-info';
import { acknowledgementViolations } from './acknowledgement-checks';
import { ConstructPaths } from './construct-paths';
import { evaluate, recordVerdicts } from './evaluate';
import { isObject } from './json';
import { ALL_RULES } from './rules';
import { PackRule, Severity, Verdict } from './rule';
import { DEFAULT_AUDIT_LOG_RETENTION_DAYS, logGroupAuditRetention, LogGroupAuditRetention } from './rules/logs/LogGroupAuditRetention';
import { StackTemplate } from './template';
import { forgetTemplateFiles, readTemplateFile, templateFilesKept } from './template-files';
import { writeVerdictDocument } from './verdicts';

/** The plugin's name: acknowledgements read `Soc2Ml::<rule id>`. */
export const PLUGIN_NAME = SOC2ML_PACK;

export interface Soc2MlChecksProps {
  /**
   * Whether to write every verdict to `soc2ml-verdicts.json` in the cloud assembly (the audit
   * evidence reads it).
   *
   * @default true
   */
  readonly recordVerdicts?: boolean;

  /**
   * The least number of days a log group receiving audit records (one a CloudTrail trail or a VPC
   * flow log of its stack delivers to) must keep them: rule `LogGroupAuditRetention`. The default
   * app sets it to `soc2ml:evidenceRetentionDays`.
   *
   * @default 365
   */
  readonly auditLogRetentionDays?: number;
}

/** An exception to a rule, as `Soc2MlChecks.acknowledge` records it. */
export interface Soc2MlException {
  /**
   * The rule: a rule of this pack by its id (`S3BucketVersioned`, or `Soc2Ml::S3BucketVersioned`),
   * or any plugin's acknowledgement id (`AwsSolutions::AwsSolutions-S1`).
   */
  readonly id: string;
  /** Why the finding is accepted: a true statement an auditor reads in the exceptions register. */
  readonly reason: string;
  /**
   * Who owns the exception (a team or a person).
   *
   * @default - no owner recorded
   */
  readonly owner?: string;
  /**
   * When the exception must be reviewed again, `YYYY-MM-DD`; the register flags it once the day
   * has passed.
   *
   * @default - no review date recorded
   */
  readonly reviewBy?: string;
}

/**
 * The SOC 2 rule pack for ML platforms, as a CDK policy-validation plugin:
 * `Validations.of(app).addPlugins(new Soc2MlChecks(app))`.
 *
 * It judges the synthesized templates (so escape hatches, property overrides and `CfnInclude`
 * are judged as deployed) of every stack in the app, ours or not. Errors fail synth unless
 * acknowledged with `Validations.of(construct).acknowledge({ id: 'Soc2Ml::<rule>', reason })`;
 * warnings are reported and never fail synth. `synthWithEvidence` (from this package) synthesizes
 * the app and writes the audit evidence from the verdicts it records.
 */
export class Soc2MlChecks implements IPolicyValidationPlugin {
  /**
   * Acknowledge a rule on a construct (and everything under it) as CDK does
   * (`Validations.of(scope).acknowledge`), recording the owner and review date beside it for the
   * exceptions register of the audit evidence.
   */
  public static acknowledge(scope: IConstruct, exception: Soc2MlException): void {
    const reviewBy = exception.reviewBy;
    if (reviewBy !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(reviewBy) || isNaN(Date.parse(`${reviewBy}T00:00:00Z`)))) {
      throw new Error(`reviewBy is ${JSON.stringify(reviewBy)}: write the day the exception must be reviewed again as YYYY-MM-DD, e.g. '2027-06-30'.`);
    }
    if (exception.owner !== undefined && exception.owner.trim() === '') {
      throw new Error('owner is empty: name the team or person who owns the exception, or leave owner out.');
    }
    const id = exception.id.includes('::') ? exception.id : soc2mlRuleId(exception.id);
    acknowledgeWithMetadata(scope, [{ id, reason: exception.reason }], {
      origin: ExceptionOrigin.USER,
      ...(exception.owner !== undefined ? { owner: exception.owner } : {}),
      ...(reviewBy !== undefined ? { reviewBy } : {}),
    });
  }

  public readonly name = PLUGIN_NAME;
  public readonly version: string = packageVersion();
  public readonly ruleIds: string[] = ALL_RULES.map((r) => r.rule.id);
  private readonly recordVerdicts: boolean;
  private readonly rules: readonly PackRule[];

  // The scope is taken for symmetry with cdk-nag's packs; the plugin reads the app it is given.
  constructor(_scope?: IConstruct, props: Soc2MlChecksProps = {}) {
    this.recordVerdicts = props.recordVerdicts ?? true;
    const days = props.auditLogRetentionDays ?? DEFAULT_AUDIT_LOG_RETENTION_DAYS;
    if (!Token.isUnresolved(days) && (!Number.isInteger(days) || days < 1)) {
      throw new Soc2MlError(`auditLogRetentionDays is ${JSON.stringify(days)}: pass a whole number of days of at least 1 (the default is ${DEFAULT_AUDIT_LOG_RETENTION_DAYS}; the default app passes soc2ml:evidenceRetentionDays).`);
    }
    this.rules = ALL_RULES.map((r) => (r.rule.id === LogGroupAuditRetention.id ? { ...r, kind: 'resource', rule: logGroupAuditRetention(days) } : r));
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // The tree, walked once for every reader (templates, nested stacks, acknowledgements).
    const constructs = context.appConstruct?.node.findAll() ?? [];
    const stacks = loadTemplates(context, constructs);
    const evaluated = evaluate(stacks, this.rules);
    const paths = new ConstructPaths(context.appConstruct);

    const violations: PolicyViolation[] = [];
    for (const e of evaluated) {
      if (e.outcome.verdict !== Verdict.FAILED) {
        continue;
      }
      const doc = e.packRule;
      violations.push({
        ruleName: doc.rule.id,
        description: `${doc.finding} ${e.outcome.detail ?? ''}`.trim() + ` (SOC 2 ${doc.criteria.join(', ')})`,
        fix: doc.fix,
        severity: doc.severity,
        ruleMetadata: { criteria: doc.criteria.join(', ') },
        violatingResources: [{
          resourceLogicalId: e.resource?.logicalId,
          templatePath: e.stack.templatePath,
          constructPath: paths.of(e.stack, e.resource, true),
          locations: [e.outcome.location ?? (e.resource ? 'Properties' : 'Resources')],
        }],
      });
    }

    // A misspelt or unexplained acknowledgement fails synth before it reaches the evidence.
    violations.push(...acknowledgementViolations(context, this.ruleIds, constructs));

    if (this.recordVerdicts) {
      writeVerdictDocument(assemblyDirectory(context), recordVerdicts(stacks, evaluated, paths, this.version));
    }
    return {
      success: !violations.some((v) => v.severity === Severity.ERROR || v.severity === 'fatal'),
      violations,
      pluginVersion: this.version,
    };
  }
}

function loadTemplates(context: IPolicyValidationContext, tree: readonly IConstruct[]): StackTemplate[] {
  const stacks: StackTemplate[] = [];
  const byPath = new Map<string, StackTemplate>();
  forgetTemplateFiles();
  const keep = templateFilesKept();
  const load = (stackPath: string, templatePath: string, account?: string, region?: string) => {
    const { text, json: raw } = readTemplateFile(path.resolve(templatePath), keep);
    const template = new StackTemplate(stackPath, templatePath, isObject(raw) ? raw : {}, account, region, text.includes('"Fn::If"'));
    stacks.push(template);
    byPath.set(stackPath, template);
    return template;
  };
  const constructs = new Map(tree.filter((c) => Stack.isStack(c)).map((c) => [c.node.path, c]));
  for (const s of context.stackTemplates) {
    const template = load(s.stackConstructPath, s.templatePath, s.accountId, s.region);
    const construct = constructs.get(s.stackConstructPath);
    if (construct && Stack.isStack(construct)) {
      template.stackName = construct.stackName;
    }
  }
  // Nested stacks are assets of their parents, not stacks of the assembly: find them in the tree.
  for (const nested of tree.filter((c): c is NestedStack => NestedStack.isNestedStack(c))) {
    const file = path.resolve(Stage.of(nested)?.outdir ?? '', nested.templateFile);
    if (fs.existsSync(file)) {
      const template = load(nested.node.path, file, Token.isUnresolved(nested.account) ? undefined : nested.account, Token.isUnresolved(nested.region) ? undefined : nested.region);
      const resource = nested.nestedStackResource;
      const parent = resource ? byPath.get(Stack.of(resource).node.path) : undefined;
      if (resource && parent) {
        template.nestedIn = { parent, logicalId: Stack.of(resource).resolve(resource.logicalId) as string };
      }
    }
  }
  return stacks;
}

function assemblyDirectory(context: IPolicyValidationContext): string {
  const root = context.appConstruct;
  if (root && Stage.isStage(root)) {
    return root.outdir;
  }
  return path.dirname(context.stackTemplates[0]?.templatePath ?? context.templatePaths[0]);
}

