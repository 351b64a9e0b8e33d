// One corpus per test file, built on first use and removed after the file's tests.
import { afterAll } from 'vitest';
import type { PackageTarget, SpecTarget, TaskSpec } from '@mle-smith/core';
import { buildCorpus, type Corpus, type CorpusName } from './corpus.js';

export function useCorpus(): {
  pkg: (name: CorpusName) => () => Promise<PackageTarget>;
  spec: (patch?: Partial<TaskSpec>) => () => Promise<SpecTarget>;
  corpus: () => Promise<Corpus>;
} {
  let built: Promise<Corpus> | undefined;
  const corpus = (): Promise<Corpus> => (built ??= buildCorpus());
  afterAll(async () => {
    if (built) await (await built).dispose();
  });
  return {
    corpus,
    pkg: (name) => async () => (await corpus()).packages[name],
    spec: (patch) => async () => (await corpus()).spec(patch),
  };
}
