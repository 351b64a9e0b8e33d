// The bounded tool-calling loop: the model explores the dataset through tools, then submits
// its answer (a `submit` tool call, or a JSON reply). The answer is validated against the
// output schema and the errors are sent back for repair, a bounded number of times.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { LlmError, errorMessage, type LedgerEntry, type Logger } from '@mle-smith/core';
import type { Budget } from './budget.js';
import { Ledger, type LedgerTotals } from './ledger.js';
import { cacheKey, fromCachedResponse, toCachedResponse, type ResponseCache } from './response-cache.js';
import { firstLine, withRetry, type RetryOptions } from './retry.js';
import {
  compileSchema, formatErrors, invalidToolCallFeedback, parseFeedback, parseJsonReply, schemaFeedback,
} from './structured-output.js';
import { serializeToolResult, toToolDefinition, type AgentTool, type JsonSchema } from './tools.js';

export const SUBMIT_TOOL = 'submit';

export interface RunAgentOptions {
  model: BaseChatModel;
  system: string;
  user: string;
  tools?: AgentTool[];
  /** JSON Schema the final output must satisfy. */
  outputSchema: JsonSchema;
  /** Model calls allowed in total (tool rounds and repairs included). Default 12. */
  maxSteps?: number;
  /** Invalid answers sent back for repair before giving up. Default 2. */
  maxRepairs?: number;
  /** Agent role for the ledger, e.g. "brainstormer", "designer", "reviewer". */
  role: string;
  taskId?: string;
  dataset?: string;
  ledger?: Ledger;
  budget?: Budget;
  cache?: ResponseCache;
  retry?: RetryOptions;
  /** Longest tool result passed back to the model, in characters. Default 20 000. */
  maxToolResultChars?: number;
  log?: Logger;
  signal?: AbortSignal;
  /** Clock for latency, injectable for tests. Default Date.now. */
  now?: () => number;
}

export interface AgentResult<T = unknown> {
  output: T;
  /** Model calls made (cached replays included). */
  steps: number;
  repairs: number;
  /** The whole conversation, for debugging and transcripts. */
  messages: BaseMessage[];
  /** Ledger entries of this run. */
  entries: LedgerEntry[];
  usage: LedgerTotals;
}

/** Model id for the ledger, prices and the cache key. */
export function modelIdOf(model: BaseChatModel): string {
  const m = model as unknown as { model?: unknown; modelName?: unknown };
  if (typeof m.model === 'string' && m.model) return m.model;
  if (typeof m.modelName === 'string' && m.modelName) return m.modelName;
  return model._llmType();
}

/**
 * Settings a backend attaches to the chat models it creates (`metadata.mleSmith`), read by the
 * runtime as defaults; llm-openai puts its `maxRetries` option there.
 */
export function runtimeHints(model: BaseChatModel): { maxRetries?: number } {
  const hints = (model.metadata as { mleSmith?: { maxRetries?: unknown } } | undefined)?.mleSmith;
  return typeof hints?.maxRetries === 'number' ? { maxRetries: hints.maxRetries } : {};
}

/**
 * Call parameters that change the answer (sampling settings, token limits), for the cache key.
 * Transport settings (endpoint, timeout) and credentials stay out, so moving a local server
 * to another port still replays.
 */
function callParams(model: BaseChatModel): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  const m = model as unknown as { invocationParams?: (options?: unknown) => Record<string, unknown> };
  try {
    params = typeof m.invocationParams === 'function' ? m.invocationParams({}) : (model._identifyingParams() as Record<string, unknown>);
  } catch {
    // some models need call options for this; the model id alone still keys the cache
  }
  return Object.fromEntries(
    Object.entries(params).filter(([k]) => !/key|secret|organization|^stream|^user$|baseURL|timeout|^tools$|^tool_choice$/i.test(k)),
  );
}

function submitTool(schema: JsonSchema): { definition: ReturnType<typeof toToolDefinition>; wrapped: boolean } {
  const { $schema: _s, $id: _i, ...rest } = schema;
  const wrapped = rest.type !== 'object';
  const parameters = wrapped ? { type: 'object', properties: { value: rest }, required: ['value'] } : rest;
  return {
    definition: toToolDefinition({
      name: SUBMIT_TOOL,
      description: 'Submit the final answer. The arguments are the answer and must satisfy the schema.',
      parameters,
    }),
    wrapped,
  };
}

function instructions(schema: JsonSchema): string {
  return [
    `When you are done, call the \`${SUBMIT_TOOL}\` tool with the final answer as its arguments`,
    '(if you cannot call tools, reply with only the JSON answer). The answer must validate against this JSON Schema:',
    JSON.stringify(schema),
  ].join(' ');
}

function textOf(message: AIMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => (typeof part === 'string' ? part : part.type === 'text' ? String((part as { text?: unknown }).text ?? '') : ''))
    .join('');
}

export async function runAgent<T = unknown>(options: RunAgentOptions): Promise<AgentResult<T>> {
  const {
    model, role, taskId, dataset, budget, cache, log, signal,
    maxSteps = 12, maxRepairs = 2, maxToolResultChars = 20_000, now = Date.now,
  } = options;
  const ledger = options.ledger ?? new Ledger();
  const label = taskId ? `${role} (${taskId})` : role;
  const modelId = modelIdOf(model);
  const tools = options.tools ?? [];
  const toolByName = new Map(tools.map((t) => [t.name, t]));
  if (toolByName.has(SUBMIT_TOOL)) throw new LlmError(`${label}: a tool may not be named "${SUBMIT_TOOL}"`);
  const validate = compileSchema(options.outputSchema);
  const submit = submitTool(options.outputSchema);
  const definitions = [...tools.map(toToolDefinition), submit.definition];
  const runnable = typeof model.bindTools === 'function' ? model.bindTools(definitions) : model;
  const params = callParams(model);
  const retry: RetryOptions = {
    ...options.retry,
    maxRetries: options.retry?.maxRetries ?? runtimeHints(model).maxRetries,
    signal,
    onRetry: (info) => {
      log?.warn(`${label}: model call failed (${firstLine(errorMessage(info.error))}); retry ${info.attempt} in ${info.delayMs} ms`);
      options.retry?.onRetry?.(info);
    },
  };

  const messages: BaseMessage[] = [
    new SystemMessage(`${options.system.trim()}\n\n${instructions(options.outputSchema)}`),
    new HumanMessage(options.user),
  ];
  const entries: LedgerEntry[] = [];
  let steps = 0;
  let repairs = 0;

  const callModel = async (): Promise<AIMessage> => {
    const key = cache ? cacheKey({ model: modelId, messages, tools: definitions, options: params }) : undefined;
    const started = now();
    if (cache && key) {
      const hit = await cache.get(key);
      if (hit) {
        entries.push(ledger.record({ role, taskId, dataset, model: modelId, inputTokens: 0, outputTokens: 0, latencyMs: now() - started, cached: true }));
        return fromCachedResponse(hit);
      }
    }
    budget?.check(ledger, modelId, taskId);
    const reply = (await withRetry(`${label}: ${modelId}`, () => runnable.invoke(messages, { signal }), retry)) as AIMessage;
    const message = new AIMessage({
      content: reply.content,
      tool_calls: reply.tool_calls ?? [],
      invalid_tool_calls: reply.invalid_tool_calls ?? [],
      usage_metadata: reply.usage_metadata,
    });
    entries.push(
      ledger.record({
        role, taskId, dataset, model: modelId,
        inputTokens: reply.usage_metadata?.input_tokens ?? 0,
        outputTokens: reply.usage_metadata?.output_tokens ?? 0,
        latencyMs: now() - started,
        cached: false,
      }),
    );
    if (cache && key) await cache.set(toCachedResponse(key, modelId, message));
    return message;
  };

  const repair = (feedback: string, reason: string): void => {
    repairs++;
    if (repairs > maxRepairs) {
      throw new LlmError(`${label}: output still invalid after ${maxRepairs} repair attempts: ${firstLine(reason)}`);
    }
    log?.debug(`${label}: repair ${repairs}: ${firstLine(reason)}`);
    messages.push(new HumanMessage(feedback));
  };

  const accept = (value: unknown): { ok: true; output: T } | { ok: false; errors: string[] } => {
    if (validate(value)) return { ok: true, output: value as T };
    return { ok: false, errors: formatErrors(validate.errors) };
  };

  const result = (output: T): AgentResult<T> => ({
    output, steps, repairs, messages, entries,
    usage: new Ledger({ entries }).totals(),
  });

  for (;;) {
    if (steps >= maxSteps) throw new LlmError(`${label}: no valid output within ${maxSteps} model calls`);
    steps++;
    const ai = await callModel();
    // History keeps only the parsed tool calls: a provider rejects tool results for calls it never sees.
    messages.push(new AIMessage({ content: ai.content, tool_calls: ai.tool_calls ?? [] }));
    const calls = ai.tool_calls ?? [];
    const invalid = ai.invalid_tool_calls ?? [];

    if (calls.length === 0 && invalid.length === 0) {
      const parsed = parseJsonReply(textOf(ai));
      if (!parsed.ok) {
        repair(parseFeedback(parsed.error), `not valid JSON: ${parsed.error}`);
        continue;
      }
      const checked = accept(parsed.value);
      if (checked.ok) return result(checked.output);
      repair(schemaFeedback(checked.errors), checked.errors[0] ?? 'schema mismatch');
      continue;
    }

    let submitted: { id?: string; args: Record<string, unknown> } | undefined;
    for (const call of calls) {
      if (call.name === SUBMIT_TOOL) {
        if (submitted) messages.push(new ToolMessage({ content: 'ignored: only the first submit counts', tool_call_id: call.id ?? '' }));
        else submitted = { id: call.id, args: call.args };
        continue;
      }
      const tool = toolByName.get(call.name);
      let content: string;
      if (!tool) {
        content = `error: unknown tool "${call.name}"; available: ${[...toolByName.keys(), SUBMIT_TOOL].join(', ')}`;
      } else {
        try {
          content = serializeToolResult(await tool.run(call.args ?? {}), maxToolResultChars);
        } catch (err) {
          if (err instanceof LlmError) throw err;
          content = `error: ${firstLine(errorMessage(err))}`;
        }
      }
      messages.push(new ToolMessage({ content, tool_call_id: call.id ?? '', name: call.name }));
    }

    if (submitted) {
      const value = submit.wrapped ? submitted.args.value : submitted.args;
      const checked = accept(value);
      if (checked.ok) return result(checked.output);
      messages.push(new ToolMessage({ content: 'rejected: the answer does not match the schema (details follow)', tool_call_id: submitted.id ?? '', name: SUBMIT_TOOL }));
      repair(schemaFeedback(checked.errors), checked.errors[0] ?? 'schema mismatch');
      continue;
    }
    if (invalid.length > 0) {
      const feedback = invalidToolCallFeedback(invalid);
      if (invalid.some((c) => c.name === SUBMIT_TOOL)) repair(feedback, `submit arguments are not valid JSON: ${invalid[0].error ?? ''}`);
      else messages.push(new HumanMessage(feedback));
    }
  }
}
