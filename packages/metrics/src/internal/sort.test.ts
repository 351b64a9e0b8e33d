import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@mle-smith/core';
import { sortFloat64 } from './sort.js';

describe('sortFloat64', () => {
  it('sorts like Float64Array.prototype.sort: negatives, ±0, ties, subnormals, ±Infinity, every size path', () => {
    const random = mulberry32(5);
    for (const n of [0, 1, 7, 20_000, 300_000]) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = random();
        values[i] =
          r < 0.1 ? Math.round(random() * 20) / 4 - 2 // many ties around 0
            : r < 0.15 ? (random() < 0.5 ? -0 : 0)
              : r < 0.17 ? (random() < 0.5 ? -1 : 1) * 5e-324 * Math.floor(random() * 100)
                : r < 0.18 ? (random() < 0.5 ? -Infinity : Infinity)
                  : (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
      }
      const expected = values.slice().sort();
      const got = sortFloat64(values);
      expect(got).toBe(values); // in place
      const firstDiff = expected.findIndex((v, i) => !Object.is(v, got[i]));
      expect(firstDiff, `n=${n}`).toBe(-1);
    }
  });
});
