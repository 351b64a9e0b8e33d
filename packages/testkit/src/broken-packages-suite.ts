// Vitest helpers over the broken-package corpus: one corpus per test file, built on first use
// and removed after the file's tests; and the shared suite a rule pack runs to prove it catches
// the corpus packages meant for its rules and stays quiet on the clean ones.
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, type Finding, type PackageTarget, type SpecTarget, type TaskSpec, type VerifierRule } from '@mle-smith/core';
import { BROKEN_PACKAGE_CATCHERS, CLEAN_PACKAGES, buildBrokenPackages, type BrokenPackageCorpus, type BrokenPackageName } from './broken-packages.js';

export function useBrokenPackages(): {
  pkg: (name: BrokenPackageName) => () => Promise<PackageTarget>;
  spec: (patch?: Partial<TaskSpec>) => () => Promise<SpecTarget>;
  corpus: () => Promise<BrokenPackageCorpus>;
} {
  let built: Promise<BrokenPackageCorpus> | undefined;
  const corpus = (): Promise<BrokenPackageCorpus> => (built ??= buildBrokenPackages());
  afterAll(async () => {
    if (built) await (await built).dispose();
  });
  return {
    corpus,
    pkg: (name) => async () => (await corpus()).packages[name],
    spec: (patch) => async () => (await corpus()).spec(patch),
  };
}

export interface BrokenPackageSuiteOptions {
  /** The rule pack under test. */
  rules: readonly VerifierRule[];
  /** Rule-id prefix of the pack (e.g. "leakage/"): the corpus packages meant for these rules are checked. */
  idPrefix: string;
}

/**
 * Every rule of the pack runs on every corpus package: each broken package meant for the pack
 * must be caught by its intended rule, and the clean packages (a binary and a regression task),
 * the clean spec and the saturated package (which only the execution verdict can reject) must
 * get no error findings.
 */
export function brokenPackageSuite({ rules, idPrefix }: BrokenPackageSuiteOptions): void {
  const { pkg, spec } = useBrokenPackages();
  const runAll = async (target: PackageTarget | SpecTarget): Promise<Finding[]> => {
    const out: Finding[] = [];
    for (const rule of rules) {
      if (rule.meta.phase !== target.phase) continue;
      out.push(...(await rule.check(target, { log: silentLogger, options: { ...rule.meta.defaultOptions } })));
    }
    return out;
  };
  const errors = (fs: Finding[]): string[] => fs.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);

  describe(`broken-package corpus (${idPrefix}*)`, () => {
    for (const name of CLEAN_PACKAGES) {
      it(`${name} package: no error findings`, async () => {
        expect(errors(await runAll(await pkg(name)()))).toEqual([]);
      });
    }
    it('clean spec: no error findings from any spec rule', async () => {
      expect(errors(await runAll(await spec()()))).toEqual([]);
    });
    it('saturated package: statically clean (left to the execution verdict)', async () => {
      expect(errors(await runAll(await pkg('saturated')()))).toEqual([]);
    });
    for (const [name, ruleId] of Object.entries(BROKEN_PACKAGE_CATCHERS)) {
      if (!ruleId.startsWith(idPrefix)) continue;
      it(`${name} is caught by ${ruleId}`, async () => {
        const found = errors(await runAll(await pkg(name as BrokenPackageName)()));
        expect(found.some((e) => e.startsWith(`${ruleId}: `)), found.join('\n') || '(no errors)').toBe(true);
      });
    }
  });
}
