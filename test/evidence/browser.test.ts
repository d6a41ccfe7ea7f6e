/*
 * index.html in a real browser: Debian's Chromium driven by playwright-core (never a downloaded
 * browser; .ci/run installs Chromium when it is missing). The page must render the diagrams and
 * the tables offline, fetching nothing; the default app's page, nothing expanded, must fit in 12
 * screens of 1400 × 900, its diagrams' text at least 10 px high at page width.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { EVIDENCE_FILES } from '../../evidence/writer';
import { synthWithEvidence } from '../../evidence/writer';
import { cdkJsonContext, tempOutdir } from '../helpers/app-context';
import { sharedDefaultAppEvidence } from '../helpers/default-app-evidence';
import { buildMlApp, evidenceDir } from './fixtures';

const CHROMIUM = '/usr/bin/chromium';

let context: BrowserContext;
let page: Page;
let defaultApp: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.`);
  }
  const outdir = tempOutdir('soc2ml-evidence-browser-');
  const app = new App({ outdir, context: cdkJsonContext() });
  buildMlApp(app);
  // The app fails one check on purpose: the page must render all the same.
  await synthWithEvidence(app).catch(() => undefined);

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${path.join(evidenceDir(outdir), EVIDENCE_FILES.HTML)}`);
  defaultApp = await context.newPage();
  await defaultApp.setViewportSize(SCREEN);
  await defaultApp.goto(`file://${path.join(evidenceDir(await sharedDefaultAppEvidence()), EVIDENCE_FILES.HTML)}`);
});

const SCREEN = { width: 1400, height: 900 };

afterAll(async () => {
  await context?.close();
});

test('fetches nothing but the page itself', () => {
  expect(requests.filter((u) => !u.endsWith(`/${EVIDENCE_FILES.HTML}`))).toEqual([]);
});

test('renders each environment\'s data-flow diagram: an SVG with the lifecycle\'s stages and the arrows between them', async () => {
  const svg = page.locator('#data-flow svg');
  await expect(svg.count()).resolves.toBe(1);
  expect(await page.locator('#data-flow svg g.node').count()).toBeGreaterThan(6);
  expect(await page.locator('#data-flow svg g.edge').count()).toBeGreaterThan(6);
  const box = await svg.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeGreaterThan(100);
  await expect(page.locator('#data-flow svg g.node', { hasText: 'Captured requests' }).count()).resolves.toBe(1);
});

test('renders the criteria with a row per criterion, its status and basis', async () => {
  expect(await page.locator('#control-matrix-table tbody tr').count()).toBe(61);
  const cc72 = await page.locator('#control-matrix-table tr[data-criterion="CC7.2"] td').allInnerTexts();
  expect(cc72[0]).toBe('CC7.2');
  // The failing log group leaves CC7.2 not addressed.
  expect(cc72[2]).toBe('not addressed');
  expect(cc72[3]).toMatch(/^\d+ unacknowledged findings? /);
  const pi11 = await page.locator('#control-matrix-table tr[data-criterion="PI1.1"] td').allInnerTexts();
  expect(pi11[2]).toBe('outside infrastructure');
});

test('renders the inventory and exceptions tables, folded', async () => {
  expect(await page.locator('#data-stores tbody tr').count()).toBeGreaterThanOrEqual(7);
  await expect(page.locator('#data-stores tbody tr', { hasText: 'TrainingData/Bucket/Resource' }).textContent()).resolves.toMatch(/confidential[\s\S]*yes[\s\S]*alias\/ml\/data/);
  await expect(page.locator('#human-roles tbody tr').textContent()).resolves.toMatch(/data-scientist[\s\S]*yes/);
  await expect(page.locator('#model-endpoints tbody tr').textContent()).resolves.toMatch(/primary[\s\S]*LatencyAlarm/);
  await expect(page.locator('#exceptions-table tbody tr', { hasText: 'SageMakerModelNetworkIsolation' }).textContent()).resolves.toMatch(/^user[\s\S]*CC6\.6, CC6\.7/);
  expect(await page.locator('details[open]').count()).toBe(0);
});

describe('the default app\'s page at 1400 × 900, nothing expanded', () => {
  test('is at most 12 screens tall, and its summary fits on the first screen', async () => {
    const height = await defaultApp.evaluate<number>('document.documentElement.scrollHeight');
    expect(height).toBeLessThanOrEqual(12 * SCREEN.height);
    const summary = await defaultApp.locator('#summary').boundingBox();
    expect(summary!.y + summary!.height).toBeLessThanOrEqual(SCREEN.height);
  });

  test('its diagrams\' text is at least 10 px high, and no diagram is wider than the page', async () => {
    const heights = await defaultApp.locator('#data-flow svg text').evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(20);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(10);
    const widest = Math.max(...await defaultApp.locator('#data-flow svg').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(SCREEN.width);
  });

  // Last: it opens every folded section.
  test('opened, no table cell wraps an identifier character by character: identifiers break only after a slash', async () => {
    await defaultApp.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    const widths = await defaultApp.locator('td code').evaluateAll((codes) => codes.map((c) => ({ text: c.textContent ?? '', width: c.getBoundingClientRect().width })));
    expect(widths.length).toBeGreaterThan(100);
    // A segment between slashes never breaks, so no identifier is narrower than its longest segment's first few characters.
    expect(widths.filter((w) => w.text.length > 6 && w.width < 40)).toEqual([]);
  });
});
