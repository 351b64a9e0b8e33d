// Which solvers an evaluation runs, each on its own LLM: `--solvers` (ids, or a JSON array of
// entries) or the config's `eval.solvers`. An id names a config entry or a registered solver; an
// entry { id, plugin, options, llm } builds its solver from the plugin, apart from the registry,
// on an AgentContext of its own (its own model and ledger), so one evaluation ranks many models.
import { ConfigError, UsageError, checkLlmEndpoint, withSolverLlm, type EvalSolver, type LedgerEntry, type MleSmithConfig, type Solver, type SolverEntry } from '@mle-smith/core';
import type { Wiring } from './composition-root.js';

export interface RunnableSolver extends EvalSolver {
  /** The solver's own ledger: one entry per model call it made in this evaluation. */
  ledger: LedgerEntry[];
  /** The model it runs on ("backend/model"), when it has an LLM. */
  model?: string;
  /** Whether the entry names its own LLM (its model is shown even when it made no call). */
  ownLlm: boolean;
}

/** `--solvers`: a JSON array of entries goes through the config schema like `eval.solvers`; anything else is comma-separated ids. */
export function solversFlag(flag: string | undefined): { ids?: string[]; overrides?: Record<string, unknown> } {
  if (flag === undefined) return {};
  const text = flag.trim();
  if (!text.startsWith('[')) return { ids: text.split(',').map((s) => s.trim()).filter(Boolean) };
  try {
    return { overrides: { 'eval.solvers': JSON.parse(text) as unknown } };
  } catch (err) {
    throw new UsageError(`--solvers: not a JSON array of solver entries: ${(err as Error).message}`);
  }
}

/** The selected entries: the ids asked for (a config entry's id, else a registered solver id), or every `eval.solvers` entry. */
export function selectSolverEntries(config: MleSmithConfig, ids: string[] | undefined): Array<string | SolverEntry> {
  const configured = config.eval.solvers;
  const selected = ids ? ids.map((id) => configured.find((e) => typeof e !== 'string' && e.id === id) ?? id) : configured;
  if (!selected.length) throw new UsageError('no solvers to evaluate: give --solvers or list them in eval.solvers');
  const seen = new Set<string>();
  for (const id of selected.map(entryId)) {
    if (seen.has(id)) throw new UsageError(`solver "${id}" is listed twice`);
    seen.add(id);
  }
  return selected;
}

const entryId = (e: string | SolverEntry): string => (typeof e === 'string' ? e : e.id);

/** Builds each selected solver with its AgentContext; an entry's LLM endpoint is checked first, so a dead one stops eval before any run. */
export async function runnableSolvers(w: Wiring, selected: Array<string | SolverEntry>, run: { runId: string; runDir: string }): Promise<RunnableSolver[]> {
  const config = w.loaded.config;
  const out: RunnableSolver[] = [];
  for (const [i, entry] of selected.entries()) {
    const solver = typeof entry === 'string' ? registeredSolver(w, entry) : await entrySolver(w, entry, i);
    const llm = typeof entry === 'string' ? undefined : entry.llm;
    if (llm) await checkLlmEndpoint(w.host, withSolverLlm(config, llm));
    const ledger: LedgerEntry[] = [];
    const agent = await w.createAgentContext({ ...run, ledger, llm });
    out.push({
      solver, agent, ledger, ownLlm: Boolean(llm),
      ...(agent ? { model: `${agent.backend}/${agent.modelId}` } : {}),
      // what the solver's results depend on besides the task and seed: a change reruns its runs
      fingerprint: { entry, llm: agent ? withSolverLlm(config, llm).llm : null },
    });
  }
  return out;
}

function registeredSolver(w: Wiring, id: string): Solver {
  const solver = w.host.solvers().find((s) => s.id === id);
  if (!solver) throw new UsageError(`unknown solver "${id}" (registered: ${w.host.solvers().map((s) => s.id).join(', ') || 'none'}; configured: ${w.loaded.config.eval.solvers.map(entryId).join(', ') || 'none'})`);
  return solver;
}

async function entrySolver(w: Wiring, entry: SolverEntry, index: number): Promise<Solver> {
  const built = await w.host.solversOf([entry.plugin, entry.options ?? {}]);
  if (built.length !== 1) {
    throw new ConfigError(`at /eval/solvers/${index}/plugin: "${entry.plugin}" registers ${built.length} solvers (${built.map((s) => s.id).join(', ')}); an entry needs a plugin that registers one — list those ids instead`);
  }
  const [solver] = built;
  // the entry's id names the solver in scores and ratings, whatever id the plugin gave it
  return { id: entry.id, ...(solver!.modalities ? { modalities: solver!.modalities } : {}), solve: (view, ctx) => solver!.solve(view, ctx) };
}
