// A fake LangChain chat model that plays a script of replies (text, tool calls or errors) in
// order, and records every call, so agent loops can be unit-tested in-process.
import {
  BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { AIMessage, type AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';

export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
  /** Default `call_<call index>_<position>`. */
  id?: string;
}

export type ScriptedReply =
  | AIMessage
  | { content?: string; toolCalls?: ScriptedToolCall[]; usage?: { input: number; output: number } }
  /** Thrown from the model call, e.g. `Object.assign(new Error('rate limited'), { status: 429 })`. */
  | { error: unknown };

export interface ScriptedCall {
  /** 0-based position in the script. */
  index: number;
  messages: BaseMessage[];
  /** Tool definitions bound with bindTools(). */
  tools: unknown[];
}

export type ScriptStep = ScriptedReply | ((call: ScriptedCall) => ScriptedReply | Promise<ScriptedReply>);

export interface ScriptedChatModelOptions {
  /** Model id reported to the ledger and the cache key. Default "scripted". */
  model?: string;
  /** Usage reported when a step gives none. Default 10 input / 5 output tokens. */
  defaultUsage?: { input: number; output: number };
}

interface ScriptState {
  script: ScriptStep[];
  position: number;
  calls: ScriptedCall[];
}

export interface ScriptedCallOptions extends BaseChatModelCallOptions {
  tools?: unknown[];
}

export class ScriptedChatModel extends BaseChatModel<ScriptedCallOptions> {
  readonly model: string;
  private readonly state: ScriptState;
  private readonly defaultUsage: { input: number; output: number };

  constructor(script: ScriptStep[], options: ScriptedChatModelOptions = {}) {
    super({});
    this.state = { script: [...script], position: 0, calls: [] };
    this.model = options.model ?? 'scripted';
    this.defaultUsage = options.defaultUsage ?? { input: 10, output: 5 };
  }

  /** Every call so far, in order. */
  get calls(): readonly ScriptedCall[] {
    return this.state.calls;
  }

  /** Steps not played yet. */
  get remaining(): number {
    return this.state.script.length - this.state.position;
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ScriptedCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ScriptedCallOptions> {
    return this.withConfig({ ...kwargs, tools } as Partial<ScriptedCallOptions>);
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const index = this.state.position;
    if (index >= this.state.script.length) {
      throw new Error(`scripted chat model: script exhausted after ${this.state.script.length} calls`);
    }
    this.state.position++;
    const call: ScriptedCall = { index, messages: [...messages], tools: options.tools ?? [] };
    this.state.calls.push(call);
    const step = this.state.script[index];
    const reply = typeof step === 'function' ? await step(call) : step;
    if ('error' in reply && !AIMessage.isInstance(reply)) throw reply.error;
    const message = AIMessage.isInstance(reply) ? reply : this.toMessage(reply as Exclude<ScriptedReply, AIMessage | { error: unknown }>, index);
    message.usage_metadata ??= {
      input_tokens: this.defaultUsage.input,
      output_tokens: this.defaultUsage.output,
      total_tokens: this.defaultUsage.input + this.defaultUsage.output,
    };
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }], llmOutput: {} };
  }

  private toMessage(reply: { content?: string; toolCalls?: ScriptedToolCall[]; usage?: { input: number; output: number } }, index: number): AIMessage {
    const usage = reply.usage ?? this.defaultUsage;
    return new AIMessage({
      content: reply.content ?? '',
      tool_calls: (reply.toolCalls ?? []).map((c, j) => ({ id: c.id ?? `call_${index}_${j}`, name: c.name, args: c.args, type: 'tool_call' as const })),
      usage_metadata: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output },
    });
  }
}

export function createScriptedChatModel(script: ScriptStep[], options?: ScriptedChatModelOptions): ScriptedChatModel {
  return new ScriptedChatModel(script, options);
}
