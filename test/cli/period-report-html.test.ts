import { renderPeriodReportHtml } from '../../cli/period-report-html';
import { buildPeriodReport } from '../../cli/period-report';
import { EvidenceRecord } from '../../core/evidence-records';

const incident: EvidenceRecord = {
  schema: 1, stream: 'incident', criteria: ['CC7.3'], id: 'i-1', time: '2026-01-02T00:00:00.000Z', archivedAt: '2026-01-02T00:00:01.000Z',
  event: { 'detail-type': 'Incident Opened', 'detail': { incidentId: 'INC-<1>', title: '<script>alert(1)</script>' } },
};

describe('the period report page', () => {
  const html = renderPeriodReportHtml(buildPeriodReport({ from: '2026-01-01', to: '2026-01-03' }, 'fixture', [{ key: 'records/stream=incident/date=2026-01-02/i-1.json', record: incident }]));

  test('escapes what records carry, and allows no script', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('default-src \'none\'');
  });

  test('shows the gaps of the daily streams, and says so when a section is empty', () => {
    expect(html).toMatch(/<h2>Gaps<\/h2><table>.*archive-heartbeat.*2026-01-01.*2026-01-03.*>3</s);
    expect(html).toContain('No model package approval changes.');
  });
});
