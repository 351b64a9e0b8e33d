// The tool contract of the agent loop: a name, a JSON Schema for the arguments and a function.
// Tools are plain objects so designers can add their own without touching LangChain types.

export type JsonSchema = Record<string, unknown>;

export interface AgentTool {
  name: string;
  description: string;
  /** JSON Schema (type: object) of the arguments the model passes. */
  parameters: JsonSchema;
  run(args: Record<string, unknown>): Promise<unknown>;
}

/** The OpenAI function-tool shape that every LangChain chat model's bindTools() accepts. */
export interface OpenAiToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: JsonSchema };
}

export function toToolDefinition(tool: Pick<AgentTool, 'name' | 'description' | 'parameters'>): OpenAiToolDefinition {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

/**
 * Serializes a tool result for a ToolMessage. DuckDB returns BIGINTs as bigint, which
 * JSON.stringify refuses; long results are cut so one query cannot flood the context.
 */
export function serializeToolResult(value: unknown, maxChars: number): string {
  const text =
    typeof value === 'string'
      ? value
      : JSON.stringify(value, (_key, v: unknown) => {
          if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
          return v;
        }) ?? 'null';
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n[truncated: ${text.length - maxChars} more characters; narrow the request]`;
}
