// Which layout a time-indexed table gets: the same quantity for several series is melted (wide by
// series); different quantities measured each day stay separate targets (long, one per column).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { candidateLayouts } from './layout.js';
import { storeSales, wideCsv, writeDataset } from './__fixtures__/series.js';

/** 400 days of weather in the shape of vega's seattle-weather: skewed rainfall, temperatures below zero in winter, wind. */
function dailyWeatherCsv(days = 400, seed = 7): string {
  const rand = mulberry32(seed);
  const lines = ['date,precipitation,temp_max,temp_min,wind'];
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2012, 0, 1 + d)).toISOString().slice(0, 10);
    const season = Math.sin((2 * Math.PI * (d - 100)) / 365);
    const rain = rand() < 0.45 ? Math.round(-Math.log(1 - rand()) * 6 * 10) / 10 : 0;
    const tmax = Math.round((15 + 10 * season + (rand() - 0.5) * 8) * 10) / 10;
    const tmin = Math.round((tmax - 7 - rand() * 4) * 10) / 10;
    const wind = Math.round((3 + rand() * 2.5) * 10) / 10;
    lines.push(`${date},${rain},${tmax},${tmin},${wind}`);
  }
  return lines.join('\n') + '\n';
}

async function layoutsOf(name: string, csv: string) {
  const dir = await writeDataset(name, { [`${name}.csv`]: csv });
  const [table] = (await profileDataset(dir)).tables;
  return candidateLayouts(table, [], 24);
}

describe('candidateLayouts', () => {
  it('melts one column per store (one quantity, several series) into a wide-by-series layout', async () => {
    const [layout] = await layoutsOf('stores', wideCsv(storeSales()));
    expect(layout.shape).toBe('wide-series');
    expect(layout.valueColumns).toEqual(['store_a', 'store_b', 'store_c', 'store_d']);
  });

  it('keeps daily rainfall, temperatures and wind as separate targets: close means, but different quantities', async () => {
    const layouts = await layoutsOf('weather', dailyWeatherCsv());
    expect(layouts).toHaveLength(1);
    expect(layouts[0].shape).toBe('long');
    expect([...layouts[0].valueColumns].sort()).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind']);
  });
});
