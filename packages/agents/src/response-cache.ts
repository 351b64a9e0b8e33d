// Content-addressed cache of model responses: the key is the sha256 of the model id, the
// canonical messages, the tool definitions and the call options, so a rerun with the same
// inputs replays the recorded conversation without calling the model.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '@mle-smith/core';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { canonicalJson } from './canonical-json.js';

export interface CacheKeyInput {
  model: string;
  messages: BaseMessage[];
  tools: unknown[];
  options: Record<string, unknown>;
}

export interface CachedResponse {
  key: string;
  model: string;
  content: AIMessage['content'];
  toolCalls: Array<{ id?: string; name: string; args: Record<string, unknown> }>;
  invalidToolCalls: Array<{ id?: string; name?: string; args?: string; error?: string }>;
  usage: { inputTokens: number; outputTokens: number };
  createdAt: string;
}

/** The parts of a message that reach the model, in a stable shape. */
export function canonicalMessage(message: BaseMessage): Record<string, unknown> {
  const m = message as BaseMessage & { tool_calls?: unknown[]; tool_call_id?: string };
  const out: Record<string, unknown> = { role: message.getType(), content: message.content };
  if (AIMessage.isInstance(message) && message.tool_calls?.length) {
    out.toolCalls = message.tool_calls.map((c) => ({ id: c.id, name: c.name, args: c.args }));
  }
  if (typeof m.tool_call_id === 'string') out.toolCallId = m.tool_call_id;
  if (message.name) out.name = message.name;
  return out;
}

export function cacheKey(input: CacheKeyInput): string {
  const payload = canonicalJson({
    v: 1,
    model: input.model,
    messages: input.messages.map(canonicalMessage),
    tools: input.tools,
    options: input.options,
  });
  return createHash('sha256').update(payload).digest('hex');
}

export class ResponseCache {
  constructor(readonly dir: string) {}

  /** Entries are sharded by the first two hex digits so no folder grows too large. */
  pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      const entry = JSON.parse(text) as CachedResponse;
      return entry.key === key ? entry : undefined;
    } catch {
      return undefined; // a corrupt entry is a miss; the next call overwrites it
    }
  }

  async set(entry: CachedResponse): Promise<void> {
    await writeJsonAtomic(this.pathOf(entry.key), entry);
  }
}

export function toCachedResponse(key: string, model: string, message: AIMessage): CachedResponse {
  return {
    key,
    model,
    content: message.content,
    toolCalls: (message.tool_calls ?? []).map((c) => ({ id: c.id, name: c.name, args: c.args })),
    invalidToolCalls: (message.invalid_tool_calls ?? []).map((c) => ({ id: c.id, name: c.name, args: c.args, error: c.error })),
    usage: {
      inputTokens: message.usage_metadata?.input_tokens ?? 0,
      outputTokens: message.usage_metadata?.output_tokens ?? 0,
    },
    createdAt: new Date().toISOString(),
  };
}

export function fromCachedResponse(entry: CachedResponse): AIMessage {
  return new AIMessage({
    content: entry.content,
    tool_calls: entry.toolCalls.map((c) => ({ ...c, type: 'tool_call' as const })),
    invalid_tool_calls: entry.invalidToolCalls.map((c) => ({ ...c, type: 'invalid_tool_call' as const })),
    usage_metadata: {
      input_tokens: entry.usage.inputTokens,
      output_tokens: entry.usage.outputTokens,
      total_tokens: entry.usage.inputTokens + entry.usage.outputTokens,
    },
    response_metadata: { cached: true },
  });
}
