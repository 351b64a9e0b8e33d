// Documented derivations (docs/column-roles.md): a column the documentation says is computed from
// another is that column again. The band's source is the outcome worth a task, and neither is a
// feature of a task on the other. A generated table with an R-help-style README, profiled by the real profiler.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createTabularDesigner } from '../index.js';
import { designContext, tempDir } from '../__fixtures__/helpers.js';

describe('documented derivations', () => {
  it('proposes the banded quantity and drops its band from the task\'s features', async () => {
    const r = mulberry32(41);
    const rows = ['lat,pressure,diameter,wind,grade'];
    for (let i = 0; i < 400; i++) {
      const pressure = 950 + Math.round(r() * 60);
      const wind = Math.max(10, Math.round((1015 - pressure) * 1.6 + r() * 15));
      const grade = wind < 35 ? 0 : wind < 64 ? 1 : wind < 96 ? 2 : 3;
      rows.push([(10 + r() * 30).toFixed(1), pressure, Math.round(wind * 3 + r() * 40), wind, grade].join(','));
    }
    const dir = join(await tempDir(), 'cyclones');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'cyclones.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'README.txt'), 'Cyclone reports\n\nFormat:\n\n  lat: Latitude of the centre\n  pressure: Air pressure at the centre (in millibars)\n' +
      '  diameter: Diameter (in nautical miles) of the area with gale winds\n  wind: maximum sustained wind speed (in knots)\n' +
      '  grade: storm grade (estimated from wind speed: 0 = depression, 3 = severe)\n');
    const profile = await profileDataset(dir);
    const ranked = profile.tables[0].candidateTargets.map((c) => c.column);
    expect(ranked.indexOf('wind')).toBeLessThan(ranked.indexOf('grade'));
    const proposals = await createTabularDesigner({}).brainstorm(profile, designContext());
    const onWind = proposals.filter((p) => p.target.sourceColumns.includes('wind'));
    expect(onWind.length).toBeGreaterThan(0);
    for (const p of onWind) expect(p.hints?.excluded, p.id).toMatchObject({ grade: 'derived-column' });
    for (const p of proposals.filter((x) => x.target.sourceColumns.includes('grade'))) expect(p.dropColumns, p.id).toContain('wind');
    for (const p of proposals) expect(p.dropColumns, p.id).not.toContain('pressure');
  });
});
