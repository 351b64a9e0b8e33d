import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { profileDataset, duckDbProfiler } from './profile.js';
import { withDuckDb } from './session.js';
import { dataset, SKLEARN_DATA, tempDir } from './test-helpers.js';

const people = fileURLToPath(new URL('./__fixtures__/people', import.meta.url));

describe('profileDataset on a small known table', () => {
  it('reports exact column statistics', async () => {
    const p = await profileDataset(people);
    expect(p.name).toBe('people');
    expect(p.tables).toHaveLength(1);
    const t = p.tables[0];
    expect(t).toMatchObject({ name: 'people', file: 'people.csv', format: 'csv', rowCount: 6 });
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(t.columns.map((c) => c.name)).toEqual(['person_id', 'name', 'age', 'height', 'city', 'member', 'joined', 'notes']);
    expect(col('age')).toMatchObject({ duckdbType: 'BIGINT', inferredType: 'integer', distinctCount: 5, min: 29, max: 51 });
    expect(col('age').missingFraction).toBeCloseTo(1 / 6, 9);
    expect(col('age').mean).toBeCloseTo(39.4, 9);
    expect(col('age').std).toBeCloseTo(Math.sqrt(((34 - 39.4) ** 2 + (45 - 39.4) ** 2 + (29 - 39.4) ** 2 + (51 - 39.4) ** 2 + (38 - 39.4) ** 2) / 4), 6);
    expect(col('height')).toMatchObject({ inferredType: 'float', min: 1.62, max: 1.8 });
    expect(col('city')).toMatchObject({ inferredType: 'categorical', distinctCount: 3, uniqueness: 0.5 });
    expect(col('city').topValues).toEqual([
      { value: 'Oslo', count: 3 },
      { value: 'Bergen', count: 2 },
      { value: 'Trondheim', count: 1 },
    ]);
    expect(col('city').textLength).toEqual({ mean: 5.5, max: 9 });
    expect(col('member')).toMatchObject({ inferredType: 'boolean', duckdbType: 'BOOLEAN' });
    expect(col('joined')).toMatchObject({ inferredType: 'date', min: '2018-11-23', max: '2022-02-14' });
    expect(col('notes').inferredType).toBe('text');
    expect(col('person_id').identifierLike).toBe(true);
    expect(col('name').identifierLike).toBe(false);
    expect(t.candidateKeys).toEqual(['person_id', 'name', 'joined']);
    expect(t.candidateTargets.map((c) => c.column)).not.toContain('person_id');
    expect(t.candidateTargets.map((c) => c.column)).not.toContain('notes');
    expect(p.files).toEqual([{ path: 'people.csv', bytes: readFileSync(join(people, 'people.csv')).length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('is deterministic and exposed as a DatasetProfiler', async () => {
    const a = await profileDataset(people);
    const b = await duckDbProfiler.profile(people);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('orders top values by count, then value', async () => {
    const dir = await dataset({ 't.csv': 'k,v\n' + ['b', 'a', 'c', 'a', 'b', 'd'].map((k, i) => `${k},${i}`).join('\n') + '\n' });
    const [t] = (await profileDataset(dir)).tables;
    expect(t.columns[0].topValues).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 2 },
      { value: 'c', count: 1 },
      { value: 'd', count: 1 },
    ]);
  });

  it('finds group columns and media-path columns', async () => {
    const rows = ['image,patient_id,label'];
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      rows.push(`img/${i}.png,p${i % 4},${i % 2 ? 'cat' : 'dog'}`);
      files[`img/${i}.png`] = 'x';
    }
    const dir = await dataset({ ...files, 'labels.csv': rows.join('\n') + '\n' });
    const p = await profileDataset(dir);
    const t = p.tables[0];
    expect(t.columns[0].inferredType).toBe('media-path');
    expect(t.mediaColumns).toEqual([{ column: 'image', kind: 'image' }]);
    expect(t.groupColumns).toEqual(['patient_id']);
    expect(t.candidateTargets[0]).toMatchObject({ column: 'label', objective: 'binary' });
    expect(p.media).toEqual([{ kind: 'image', fileCount: 12, extensions: ['.png'] }]);
  });

  it('lists folder-per-class media with class counts', async () => {
    const dir = await dataset({ 'cat/a.jpg': 'x', 'cat/b.jpg': 'x', 'dog/c.jpg': 'x', 'dog/d.png': 'x', 'dog/e.png': 'x' });
    const p = await profileDataset(dir);
    // Class folders are presented as the virtual table images(path, label) (media-folder.ts).
    expect(p.tables.map((t) => [t.name, t.rowCount, t.columns.map((c) => c.name)])).toEqual([['images', 5, ['path', 'label']]]);
    expect(p.tables[0].mediaColumns).toEqual([{ column: 'path', kind: 'image' }]);
    expect(p.media).toEqual([{ kind: 'image', fileCount: 5, extensions: ['.jpg', '.png'], classes: { cat: 2, dog: 3 } }]);
  });

  it('gives a table whose only target candidate is all-null no candidate targets', async () => {
    const dir = await dataset({ 't.csv': 'id,label\n' + Array.from({ length: 20 }, (_, i) => `${i + 1},`).join('\n') + '\n' });
    const [t] = (await profileDataset(dir)).tables;
    expect(t.columns[1].missingFraction).toBe(1);
    expect(t.candidateTargets).toEqual([]);
  });

  it('reads license and source notes', async () => {
    const dir = await dataset({ 'd.csv': 'a,b\n1,2\n3,4\n', LICENSE: 'CC-BY-4.0\n\nfull text', 'SOURCE.md': 'From the UCI repository.' });
    const p = await profileDataset(dir);
    expect(p.license).toBe('CC-BY-4.0');
    expect(p.sourceNote).toBe('From the UCI repository.');
  });
});

describe('candidate targets on real data (scikit-learn sample CSVs)', () => {

  /** sklearn's CSVs start with a "n_samples,n_features,class names" line; give them a header. */
  function clean(file: string, header: string[], mapLast?: (v: string) => string): string {
    const lines = readFileSync(join(SKLEARN_DATA, file), 'utf8').trim().split('\n').slice(1);
    return [header.join(','), ...lines.map((l) => {
      const f = l.split(',');
      if (mapLast) f[f.length - 1] = mapLast(f[f.length - 1]);
      return f.join(',');
    })].join('\n') + '\n';
  }

  it('wine: class is the top multiclass candidate', async () => {
    const header = ['alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids', 'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280_od315', 'proline', 'class'];
    const dir = await dataset({ 'wine.csv': clean('wine_data.csv', header) });
    const [t] = (await profileDataset(dir)).tables;
    expect(t.rowCount).toBe(178);
    expect(t.candidateTargets[0]).toMatchObject({ column: 'class', objective: 'multiclass' });
    expect(t.candidateTargets.find((c) => c.column === 'proline')?.objective).toBe('regression');
  });

  it('breast cancer: diagnosis is the top binary candidate', async () => {
    const header = [...Array.from({ length: 30 }, (_, i) => `feature_${i + 1}`), 'diagnosis'];
    const dir = await dataset({ 'breast_cancer.csv': clean('breast_cancer.csv', header, (v) => (v === '0' ? 'malignant' : 'benign')) });
    const [t] = (await profileDataset(dir)).tables;
    expect(t.rowCount).toBe(569);
    expect(t.candidateTargets[0]).toMatchObject({ column: 'diagnosis', objective: 'binary' });
  });

  it('diabetes: progression is the top regression candidate', async () => {
    const x = gunzipSync(readFileSync(join(SKLEARN_DATA, 'diabetes_data_raw.csv.gz'))).toString('utf8').trim().split('\n');
    const y = gunzipSync(readFileSync(join(SKLEARN_DATA, 'diabetes_target.csv.gz'))).toString('utf8').trim().split('\n');
    const header = 'age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression';
    const body = x.map((l, i) => [...l.trim().split(/\s+/), String(Number(y[i]))].join(','));
    const dir = await dataset({ 'diabetes.csv': [header, ...body].join('\n') + '\n' });
    const [t] = (await profileDataset(dir)).tables;
    expect(t.rowCount).toBe(442);
    expect(t.candidateTargets[0]).toMatchObject({ column: 'progression', objective: 'regression' });
    expect(t.candidateTargets.find((c) => c.column === 'sex')?.objective).toBe('binary');
  });
});

describe('large tables (sampled statistics)', () => {
  it('profiles a 300,000-row table from one scan plus a sample, whatever the row order', async () => {
    const dir = await tempDir();
    const other = await tempDir();
    const select = `SELECT range AS row_id, (hash(range) % 1000) / 10.0 AS x, 'k' || (hash(range * 7) % 40000) AS code, CASE WHEN range % 10 = 0 THEN 'rare' ELSE 'common' END AS label FROM range(300000)`;
    await withDuckDb(async (db) => {
      await db.run(`COPY (${select} ORDER BY row_id) TO '${join(dir, 'big.csv')}' (HEADER)`);
      await db.run(`COPY (${select} ORDER BY hash(row_id * 3)) TO '${join(other, 'big.csv')}' (HEADER)`);
    });
    const [t] = (await profileDataset(dir)).tables;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(t.rowCount).toBe(300000);
    expect(col('row_id')).toMatchObject({ inferredType: 'integer', identifierLike: true, distinctCount: 300000, min: 0, max: 299999, mean: 149999.5 });
    // Few-valued columns keep exact histograms.
    expect(col('label').topValues).toEqual([{ value: 'common', count: 270000 }, { value: 'rare', count: 30000 }]);
    expect(t.candidateTargets[0]).toMatchObject({ column: 'label', objective: 'binary' });
    // Sampled: distinct estimate and top values close to the truth.
    expect(col('code').distinctCount).toBeGreaterThan(30000);
    expect(col('code').distinctCount).toBeLessThan(50000);
    expect(col('code').topValues).toHaveLength(10);
    const shuffled = (await profileDataset(other)).tables[0];
    expect(shuffled.columns).toEqual(t.columns);
  }, 120_000);
});
