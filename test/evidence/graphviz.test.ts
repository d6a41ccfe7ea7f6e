/*
 * evidence/graphviz.ts: DOT to SVG with Graphviz in a worker, on graphs written in the test.
 */
import { renderSvg, startGraphviz } from '../../evidence/graphviz';

const TINY = 'digraph g {\n  subgraph cluster_1 { label="Ml"; a [label="Training", class="store"]; }\n  a -> b [class="flow"];\n}\n';

let svg: string;

beforeAll(async () => {
  startGraphviz();
  svg = await renderSvg(TINY);
});

test('renders a tiny DOT graph to an SVG document', () => {
  expect(svg).toMatch(/<svg [^>]*width="\d+pt" height="\d+pt"/);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
});

test('the SVG has the graph\'s nodes, edge and cluster, with their classes and labels', () => {
  expect(svg.match(/<g id="node\d+" class="node store">/g)).toHaveLength(1);
  expect(svg.match(/<g id="node\d+" class="node">/g)).toHaveLength(1);
  expect(svg).toMatch(/<g id="edge\d+" class="edge flow">\s*<title>a&#45;&gt;b<\/title>/);
  expect(svg).toMatch(/<g id="clust\d+" class="cluster">/);
  expect(svg).toContain('>Training</text>');
  expect(svg).toContain('>Ml</text>');
});

test('starting Graphviz again is harmless, and renders run concurrently, each getting its own graph', async () => {
  startGraphviz();
  const [one, two] = await Promise.all([renderSvg('digraph { first }'), renderSvg('digraph { second }')]);
  expect(one).toContain('<title>first</title>');
  expect(one).not.toContain('<title>second</title>');
  expect(two).toContain('<title>second</title>');
});

test('DOT that does not parse is rejected with Graphviz\'s error', async () => {
  await expect(renderSvg('digraph { a -> }')).rejects.toThrow(/syntax error/i);
});
