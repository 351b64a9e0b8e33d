// A follow-up study's outcome is two columns (docs/column-roles.md): the task on the event indicator
// leaves out the follow-up time, the tasks on the time leave out the event indicator. A generated
// table with an R-help-style README, profiled by the real profiler.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createTabularDesigner } from '../index.js';
import { designContext, tempDir } from '../__fixtures__/helpers.js';

describe('time-to-event outcomes', () => {
  it('the event task drops the follow-up time and the time tasks drop the event indicator', async () => {
    const r = mulberry32(31);
    const rows = ['time,status,age,ecog,weight_loss'];
    for (let i = 0; i < 240; i++) {
      const ecog = Math.floor(r() * 4);
      const age = 40 + Math.floor(r() * 40);
      const eventTime = Math.round(-Math.log(1 - r()) * 600 / (1 + ecog + (age - 40) / 20));
      const censorTime = Math.round(200 + r() * 800);
      rows.push([Math.min(eventTime, censorTime), eventTime <= censorTime ? 2 : 1, age, ecog, Math.round(r() * 30)].join(','));
    }
    const dir = join(await tempDir(), 'cancer');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'cancer.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'README.txt'), 'Survival in patients with advanced cancer\n\nFormat:\n\n  time: Survival time in days\n  status: censoring status 1=censored, 2=dead\n  age: Age in years\n  ecog: ECOG performance score\n  weight_loss: Weight loss in last six months (pounds)\n');
    const proposals = await createTabularDesigner({}).brainstorm(await profileDataset(dir), designContext());
    const status = proposals.find((p) => p.target.name === 'status');
    expect(status?.dropColumns).toContain('time');
    expect(status?.hints?.excluded).toMatchObject({ time: 'time-to-event' });
    const onTime = proposals.filter((p) => p.target.sourceColumns.includes('time'));
    expect(onTime.length).toBeGreaterThan(0);
    for (const p of onTime) expect(p.dropColumns, p.id).toContain('status');
    for (const p of proposals) expect(p.dropColumns, p.id).not.toContain('age');
  });

  it('the date that ends the follow-up leaves no month behind; the entry date keeps its month', async () => {
    const r = mulberry32(32);
    const day = (d: number) => new Date(Date.UTC(2001, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const rows = ['doe,dox,chd,energy,height'];
    for (let i = 0; i < 240; i++) {
      const energy = 2 + r() * 2;
      const entry = Math.floor(r() * 700);
      const event = r() < 0.15 + (energy < 2.5 ? 0.2 : 0);
      rows.push([day(entry), day(entry + (event ? Math.floor(r() * 3000) : 3000 + Math.floor(r() * 1000))), event ? 1 : 0, energy.toFixed(2), (160 + r() * 30).toFixed(1)].join(','));
    }
    const dir = join(await tempDir(), 'diet');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'diet.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'README.txt'), 'Diet and heart disease\n\nFormat:\n\n  doe: date of entry into follow-up study\n  dox: date of exit from the follow-up study\n  chd: CHD event, a numeric vector (1=CHD event, 0=no event)\n  energy: daily energy intake\n  height: height in cm\n');
    const designer = createTabularDesigner({});
    const profile = await profileDataset(dir);
    const proposal = (await designer.brainstorm(profile, designContext())).find((p) => p.target.name === 'chd');
    expect(proposal?.hints?.excluded).toMatchObject({ dox: 'time-to-event', doe: 'time-index' });
    const spec = await designer.design(proposal!, profile, designContext());
    const derived = spec.derivedFeatures.map((d) => d.name);
    expect(derived).toContain('doe_month');
    expect(derived).not.toContain('dox_month');
  });
});
