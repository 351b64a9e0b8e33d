// Running one role (brainstormer, designer, refactor) through the @mle-smith/agents runtime with
// the designer's versioned prompt file (prompts/<role>.md, front matter `version:`); its sha256
// goes into MaterializeResult.promptHashes under "<plugin>/<role>".
import type { AgentContext, DatasetProfile, DesignContext, Logger } from '@mle-smith/core';
import type { AgentTool } from '@mle-smith/agents';

type Agents = typeof import('@mle-smith/agents');

/** Loaded only when an LLM is configured, so the offline path never loads LangChain. */
export function loadAgents(): Promise<Agents> {
  return import('@mle-smith/agents');
}

export interface RoleRun<T> {
  output: T;
  model: string;
  promptHashes: Record<string, string>;
}

export interface RoleRunOptions {
  ctx?: Pick<DesignContext, 'signal'>;
  log: Logger;
  /** The dataset; with `tools`, the model may query it read-only. */
  profile?: DatasetProfile;
  tools?: boolean;
  /** A designer's own tools beside the dataset tools (e.g. the media designers' file inspection). */
  extraTools?: AgentTool[];
  maxSteps: number;
  taskId?: string;
  /** Dataset name for the ledger when there is no profile. */
  dataset?: string;
}

export interface PromptRoles<R extends string> {
  readonly promptDir: string;
  promptKey(role: R): string;
  /** One agent run of `role` with the run's `agent` context: the prompt rendered with `vars` as system message, `user` as input, output checked against `outputSchema`. */
  run<T>(role: R, agent: AgentContext, vars: Record<string, string | number>, user: string, outputSchema: Record<string, unknown>, opts: RoleRunOptions): Promise<RoleRun<T>>;
}

export function promptRoles<R extends string>(pluginName: string, promptDir: string): PromptRoles<R> {
  const promptKey = (role: R): string => `${pluginName}/${role}`;
  return {
    promptDir,
    promptKey,
    async run<T>(role: R, agent: AgentContext, vars: Record<string, string | number>, user: string, outputSchema: Record<string, unknown>, opts: RoleRunOptions): Promise<RoleRun<T>> {
      const a = await loadAgents();
      const prompt = await a.loadPrompt(promptDir, role);
      const runtime = a.agentRuntimeFrom(agent);
      const result = await a.runAgent<T>({
        ...runtime,
        system: a.renderPrompt(prompt.text, vars),
        user,
        tools: roleTools(a, opts),
        outputSchema,
        maxSteps: opts.maxSteps,
        role,
        taskId: opts.taskId ?? runtime.taskId,
        dataset: opts.profile?.name ?? opts.dataset ?? runtime.dataset,
        log: opts.log,
        signal: opts.ctx?.signal,
      });
      return { output: result.output, model: a.modelIdOf(runtime.model), promptHashes: { [promptKey(role)]: prompt.sha256 } };
    },
  };
}

/** The dataset tools (with `tools` and a profile) followed by the designer's own; undefined when there are none. */
function roleTools(a: Agents, opts: RoleRunOptions): AgentTool[] | undefined {
  const tools = [...(opts.tools && opts.profile ? a.createDatasetTools(opts.profile.dir, opts.profile) : []), ...(opts.extraTools ?? [])];
  return tools.length ? tools : undefined;
}
