import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ReferenceData1795877370495 } from './1795877370495-ReferenceData.js';

/** Parses the reference CSV (quoted fields may hold commas). */
function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]));
}

describe('reference-data migration', () => {
  it('inserts exactly the divisions and 2020 figures of the copied reference CSV, with the basis mapped', async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const runner = { query: async (sql: string, params: unknown[] = []) => void statements.push({ sql, params }) };
    await new ReferenceData1795877370495().up(runner as never);

    const regions = statements.filter((s) => s.sql.includes('INSERT INTO region ') && s.params.length === 4);
    const populations = statements.filter((s) => s.sql.includes('INSERT INTO region_population'));
    const basis = (b: string) => ({ 'census-2020': 'CENSUS', estimate: 'DEMO_ESTIMATE' })[b];
    const csv = csvRows(readFileSync(new URL('./data/chongqing-regions.csv', import.meta.url), 'utf8'));

    expect(csv).toHaveLength(38);
    expect(regions.map((s) => s.params)).toEqual(csv.map(([code, zh, en, kind]) => [code, zh, en, kind]));
    expect(populations.map((s) => s.params)).toEqual(
      csv.map(([code, , , , total, totalBasis, older, olderBasis]) => [
        code,
        Number(total),
        Number(older),
        basis(totalBasis),
        basis(olderBasis),
      ]),
    );
  });
});
