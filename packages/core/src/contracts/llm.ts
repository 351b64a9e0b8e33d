// LLM backends hand out LangChain chat models. Typed loosely here so the core does not
// depend on LangChain; @mle-smith/agents narrows it to BaseChatModel.
export interface ChatModelOptions {
  model?: string;
  temperature?: number;
  timeoutMs?: number;
  maxRetries?: number;
  [key: string]: unknown;
}

export interface LlmBackend {
  id: string;
  /** Returns a LangChain BaseChatModel. */
  chatModel(options: ChatModelOptions): unknown;
}
