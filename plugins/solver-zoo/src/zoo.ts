// The solver zoo: scripted Python solvers of graded strength per modality, from a constant
// prediction to tuned ensembles, so an evaluation can rank many solvers without an LLM (the
// agreement bench, docs/agreement.md). Each is python/zoo_<modality>.py's rung with the
// modality module of @mle-smith/baseline-kit, run through the configured executor.
import { fileURLToPath } from 'node:url';
import type { Solver, TaskPublicView } from '@mle-smith/core';
import { MODALITY_MODULE_PATHS, mediaSpecFields, pythonBaselineSolver, textSpecFields, type PythonModality } from '@mle-smith/baseline-kit';

/** Folder of the Python scripts; `../python` from both src/*.ts and dist/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

export interface ZooRung {
  rung: string;
  /** One line: the features and the learner. */
  what: string;
  /**
   * Features and learner use no randomness (a constant, k-NN, naive Bayes, an exactly fitted linear
   * model), so every seed gives the same submission: `eval` runs the rung once per task.
   */
  seedInvariant?: true;
}

/** Every modality's model families, weakest first (the expected order; the bench measures the real one). */
export const ZOO_RUNGS: Readonly<Record<PythonModality, readonly ZooRung[]>> = {
  tabular: [
    { rung: 'constant', what: 'majority class / class prior / mean, features ignored', seedInvariant: true },
    { rung: 'stump', what: 'a depth-1 decision tree' },
    { rung: 'knn', what: 'k-nearest neighbours (k = 15, distance-weighted) on scaled, one-hot features', seedInvariant: true },
    { rung: 'nb', what: 'Gaussian naive Bayes (regression: Bayesian ridge)', seedInvariant: true },
    { rung: 'linear', what: 'logistic regression / ridge', seedInvariant: true },
    { rung: 'tree', what: 'a depth-4 decision tree' },
    { rung: 'rf', what: 'a random forest of 200 trees' },
    { rung: 'gbm', what: 'histogram gradient boosting, library defaults' },
    { rung: 'stack', what: 'gradient boosting tuned by 3-fold CV, stacked with a random forest and a linear model' },
  ],
  text: [
    { rung: 'constant', what: 'majority class / class prior / mean, text ignored', seedInvariant: true },
    { rung: 'length', what: 'length, word-length and character-class statistics, linear model', seedInvariant: true },
    { rung: 'knn', what: 'word TF-IDF, k-nearest neighbours', seedInvariant: true },
    { rung: 'bow-nb', what: 'word counts, multinomial naive Bayes (regression: ridge)', seedInvariant: true },
    { rung: 'lsa-gbm', what: 'word TF-IDF reduced to 100 latent dimensions, gradient boosting' },
    { rung: 'tfidf-linear', what: 'word TF-IDF, logistic regression / ridge', seedInvariant: true },
    { rung: 'char-linear', what: 'character 2-4-gram TF-IDF, logistic regression / ridge', seedInvariant: true },
    { rung: 'tuned-linear', what: 'word + character TF-IDF, logistic regression / ridge tuned by 3-fold CV' },
  ],
  image: [
    { rung: 'constant', what: 'majority class / class prior / mean, image ignored', seedInvariant: true },
    { rung: 'intensity', what: 'mean and spread of the grayscale intensity, linear model', seedInvariant: true },
    { rung: 'pixels-nb', what: '8×8 grayscale pixels, Gaussian naive Bayes (regression: Bayesian ridge)', seedInvariant: true },
    { rung: 'pixels-knn', what: '8×8 grayscale pixels, k-nearest neighbours', seedInvariant: true },
    { rung: 'pixels-linear', what: '16×16 grayscale pixels, logistic regression / ridge', seedInvariant: true },
    { rung: 'pixels-rf', what: '16×16 grayscale pixels, random forest' },
    { rung: 'pixels-gbm', what: '12×12 grayscale pixels, gradient boosting' },
    { rung: 'pca-svm', what: '16×16 pixels reduced by PCA to 40 dimensions, RBF SVM tuned by 3-fold CV' },
  ],
  audio: [
    { rung: 'constant', what: 'majority class / class prior / mean, audio ignored', seedInvariant: true },
    { rung: 'energy', what: 'loudness, zero-crossing rate and duration, linear model', seedInvariant: true },
    { rung: 'spectral-nb', what: 'mean log energy of 20 mel bands, Gaussian naive Bayes (regression: Bayesian ridge)', seedInvariant: true },
    { rung: 'spectral-knn', what: 'mean log energy of 20 mel bands, k-nearest neighbours', seedInvariant: true },
    { rung: 'spectral-linear', what: 'mean log energy of 20 mel bands, logistic regression / ridge', seedInvariant: true },
    { rung: 'spectral-rf', what: 'statistics of 32 mel bands over time, random forest' },
    { rung: 'spectral-gbm', what: 'statistics of 32 mel bands over time, gradient boosting' },
    { rung: 'spectral-svm', what: 'statistics of 32 mel bands over time, RBF SVM tuned by 3-fold CV' },
  ],
};

/** The data-budget ladder's shares of the training rows, in percent (python/zoo_models.py's BUDGETS). */
export const BUDGETS = [2, 4, 8, 16, 32, 64, 100] as const;

/** The one learner of each modality's budget ladder (python/zoo_<modality>.py's budget rungs). */
const BUDGET_LEARNER: Readonly<Record<PythonModality, string>> = {
  tabular: 'a random forest of 200 trees',
  text: 'word TF-IDF, logistic regression / ridge',
  image: '16×16 grayscale pixels, random forest',
  audio: 'statistics of 32 mel bands over time, random forest',
};

function budgetLadder(modality: PythonModality): ZooRung[] {
  // Only text's full-data rung is deterministic: a draw of fewer rows depends on the seed, and a forest always does.
  return [ZOO_RUNGS[modality][0], ...BUDGETS.map((p) => ({
    rung: `budget-${p}`,
    what: `${BUDGET_LEARNER[modality]}, fitted on ${p === 100 ? 'all' : `a seeded draw of ${p}% (stratified)`} of the training rows`,
    ...(p === 100 && modality === 'text' ? { seedInvariant: true as const } : {}),
  }))];
}

/**
 * Every modality's budget ladder, weakest first: the constant rung, then one learner on a growing
 * share of the training rows. More rows of the same recipe is stronger on almost every task, so
 * this ladder's order is known in advance, and its neighbours are not near-ties (the families'
 * k-NN, naive Bayes and shallow tree are): the agreement bench's default entrants.
 */
export const BUDGET_RUNGS: Readonly<Record<PythonModality, readonly ZooRung[]>> = {
  tabular: budgetLadder('tabular'),
  text: budgetLadder('text'),
  image: budgetLadder('image'),
  audio: budgetLadder('audio'),
};

/** The zoo's two ladders by name: model families and data budgets. */
export const ZOO_LADDERS = { families: ZOO_RUNGS, budget: BUDGET_RUNGS } as const;
export type ZooLadder = keyof typeof ZOO_LADDERS;

/** A zoo solver's stable id: `zoo-<modality>-<rung>`. */
export function zooSolverId(modality: PythonModality, rung: string): string {
  return `zoo-${modality}-${rung}`;
}

/** Where a text or media task's examples are (task_public.json's extra fields). */
function inputSpec(modality: PythonModality): ((task: TaskPublicView) => Promise<Record<string, unknown> | string>) | undefined {
  if (modality === 'text') return (task) => textSpecFields(task);
  if (modality === 'image' || modality === 'audio') return (task) => mediaSpecFields(task, modality);
  return undefined;
}

/** solution.py of one rung: the modality's zoo module, told which rung to run. */
function solutionScript(modality: PythonModality, rung: ZooRung): string {
  return `"""${zooSolverId(modality, rung.rung)}: ${rung.what}."""\nfrom zoo_${modality} import main\n\nmain(${JSON.stringify(rung.rung)})\n`;
}

export function zooSolver(modality: PythonModality, rung: ZooRung): Solver {
  const extraSpec = inputSpec(modality);
  return pythonBaselineSolver({
    id: zooSolverId(modality, rung.rung),
    modalities: [modality],
    ...(rung.seedInvariant ? { seedInvariant: true } : {}),
    script: async () => solutionScript(modality, rung),
    extraFiles: [MODALITY_MODULE_PATHS[modality], `${PYTHON_DIR}zoo_models.py`, `${PYTHON_DIR}zoo_${modality}.py`],
    ...(extraSpec ? { extraSpec } : {}),
  });
}

/** Every zoo solver, modality by modality: the families weakest first, then the budget rungs (the constant rung once). */
export function zooSolvers(): Solver[] {
  return (Object.keys(ZOO_RUNGS) as PythonModality[]).flatMap((m) => [...ZOO_RUNGS[m], ...BUDGET_RUNGS[m].slice(1)].map((r) => zooSolver(m, r)));
}
