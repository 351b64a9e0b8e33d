// The broken-package corpus end to end: every rule of both packs runs on every package; each
// broken package must be caught by its intended rule, and the clean package (and the
// saturated one, which only the execution verdict can reject) must have no error findings.
import { describe, expect, it } from 'vitest';
import { silentLogger, type Finding, type PackageTarget, type SpecTarget, type VerifierRule } from '@mle-smith/core';
import { structuralRules } from '@mle-smith/plugin-rules-structural';
import { useCorpus } from '../../rules-structural/src/__fixtures__/lazy-corpus.js';
import { EXPECTED, type CorpusName } from '../../rules-structural/src/__fixtures__/corpus.js';
import { leakageRules } from './index.js';

const ALL: VerifierRule[] = [...structuralRules, ...leakageRules];
const { pkg, spec } = useCorpus();

async function runAll(target: PackageTarget | SpecTarget): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const rule of ALL) {
    if (rule.meta.phase !== target.phase) continue;
    out.push(...(await rule.check(target, { log: silentLogger, options: { ...rule.meta.defaultOptions } })));
  }
  return out;
}

const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);

describe('broken-package corpus', () => {
  it('clean package: no error findings from any rule', async () => {
    expect(errors(await runAll(await pkg('clean')()))).toEqual([]);
  });

  it('clean spec: no error findings from any spec rule', async () => {
    expect(errors(await runAll(await spec()()))).toEqual([]);
  });

  it('saturated package: statically clean (left to the execution verdict)', async () => {
    expect(errors(await runAll(await pkg('saturated')()))).toEqual([]);
  });

  for (const [name, ruleId] of Object.entries(EXPECTED)) {
    it(`${name} is caught by ${ruleId}`, async () => {
      const findings = await runAll(await pkg(name as CorpusName)());
      expect(errors(findings).some((e) => e.startsWith(`${ruleId}: `)), errors(findings).join('\n') || '(no errors)').toBe(true);
    });
  }
});
