/*
 * The default app without its validation plugins, for tests that read its construct tree or its
 * templates but not what the packs report: the five packs cost about as much as the synth itself.
 */
import { App } from 'aws-cdk-lib';
import { buildDefaultApp, DefaultApp } from '../../platform/default-app';
import { platformSettingsFromContext } from '../../settings/platform-settings';

/** `buildDefaultApp(app)` with the settings of the app's context and no validation plugin. */
export function buildUnchecked(app: App): DefaultApp {
  return buildDefaultApp(app, platformSettingsFromContext(app), { validationPlugins: [] });
}
