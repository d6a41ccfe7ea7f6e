/*
 * index.html in a real browser: Debian's Chromium driven by playwright-core (never a downloaded
 * browser; .ci/run installs Chromium when it is missing). The page must render the diagram and
 * the tables offline, fetching nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { EVIDENCE_FILES } from '../../evidence/writer';
import { synthWithEvidence } from '../../evidence/writer';
import { cdkJsonContext, tempOutdir } from '../helpers/app-context';
import { buildMlApp, evidenceDir } from './fixtures';

const CHROMIUM = '/usr/bin/chromium';

let context: BrowserContext;
let page: Page;
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
});

afterAll(async () => {
  await context?.close();
});

test('fetches nothing but the page itself', () => {
  expect(requests.filter((u) => !u.endsWith(`/${EVIDENCE_FILES.HTML}`))).toEqual([]);
});

test('renders the diagram: an SVG with nodes and edges, laid out with a size', async () => {
  const svg = page.locator('#diagram svg');
  await expect(svg.count()).resolves.toBe(1);
  expect(await page.locator('#diagram svg g.node').count()).toBeGreaterThan(15);
  expect(await page.locator('#diagram svg g.edge').count()).toBeGreaterThan(15);
  const box = await svg.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeGreaterThan(100);
  await expect(page.locator('#diagram svg g.node', { hasText: 'CapturedData' }).count()).resolves.toBe(1);
});

test('renders the control matrix with a row per criterion and its counts', async () => {
  const rows = page.locator('#control-matrix-table tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(19);
  const cc72 = page.locator('#control-matrix-table tr[data-criterion="CC7.2"]');
  const cells = await cc72.locator('td').allInnerTexts();
  expect(cells[0]).toBe('CC7.2');
  expect(cells[2]).toBe('FAILING');
  // passed, acknowledged, failed, warnings: numbers, with the failing log group counted.
  expect(cells.slice(3, 7).every((c) => /^\d+$/.test(c))).toBe(true);
  expect(Number(cells[5])).toBe(1);
  const pi11 = await page.locator('#control-matrix-table tr[data-criterion="PI1.1"] td').allInnerTexts();
  expect(pi11[2]).toBe('not evidenced by any rule');
});

test('renders the inventory and exceptions tables', async () => {
  expect(await page.locator('#data-stores tbody tr').count()).toBeGreaterThanOrEqual(7);
  await expect(page.locator('#data-stores tbody tr', { hasText: 'TrainingData/Bucket/Resource' }).innerText()).resolves.toMatch(/confidential[\s\S]*yes[\s\S]*alias\/ml\/data/);
  await expect(page.locator('#human-roles tbody tr').innerText()).resolves.toMatch(/data-scientist[\s\S]*yes/);
  await expect(page.locator('#model-endpoints tbody tr').innerText()).resolves.toMatch(/primary[\s\S]*LatencyAlarm/);
  await expect(page.locator('#exceptions-table tbody tr', { hasText: 'SageMakerModelNetworkIsolation' }).innerText()).resolves.toMatch(/ml-sandbox\/Model/);
});
