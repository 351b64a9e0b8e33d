// Deterministic sample data for the statistics tests.
import { mulberry32 } from '../prng.js';

/** Paired samples: correlated, with ties, anti-correlated, shifted/scaled, small. */
export function samplePairs(): Array<[number[], number[]]> {
  const rand = mulberry32(42);
  const normal = () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const out: Array<[number[], number[]]> = [];
  const x = Array.from({ length: 40 }, normal);
  out.push([x, x.map((v) => 0.8 * v + 0.5 * normal())]);
  out.push([x.map((v) => Math.round(v * 2) / 2), x.map((v) => Math.round((v + 0.7 * normal()) * 2) / 2)]);
  out.push([x.slice(0, 15), x.slice(0, 15).map((v) => -v + 0.3 * normal())]);
  out.push([x.slice(0, 12).map((v) => 1000 + 150 * v), x.slice(0, 12).map((v) => 950 + 180 * v + 40 * normal())]);
  out.push([[1, 2, 3, 4, 5], [2, 1, 4, 3, 5]]);
  out.push([[1, 1, 2, 2, 3, 3], [1, 2, 1, 3, 3, 3]]);
  return out;
}
