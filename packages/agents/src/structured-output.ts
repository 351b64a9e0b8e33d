// Parsing and validating the agent's final answer, and the feedback text sent back when it is wrong.
import type { ValidateFunction } from 'ajv';
import { createAjv, formatSchemaErrors } from '@mle-smith/core';
import type { JsonSchema } from './tools.js';

const ajv = createAjv();

export function compileSchema(schema: JsonSchema): ValidateFunction {
  return ajv.compile(schema);
}

/** "at /path: message" lines (the core's format), at most `max` of them. */
export function formatErrors(errors: ValidateFunction['errors'], max = 20): string[] {
  return formatSchemaErrors(errors).slice(0, max);
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Reads a JSON value from a model's text reply, tolerating a ```json fence or prose around one object. */
export function parseJsonReply(text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'the reply is empty' };
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)```/i.exec(trimmed)?.[1]?.trim();
  const candidates = [fenced, trimmed];
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(trimmed.slice(start, end + 1));
  let firstError = '';
  for (const c of candidates) {
    if (c === undefined) continue;
    try {
      return { ok: true, value: JSON.parse(c) };
    } catch (err) {
      firstError ||= (err as Error).message;
    }
  }
  return { ok: false, error: firstError };
}

export function schemaFeedback(errors: string[]): string {
  return [
    'Your output does not match the required JSON Schema:',
    ...errors.map((e) => `- ${e}`),
    'Fix these problems and submit the complete corrected object again.',
  ].join('\n');
}

export function parseFeedback(error: string): string {
  return `Your reply is not valid JSON (${error}). Call the submit tool with the complete object, or reply with only the JSON object.`;
}

export function invalidToolCallFeedback(calls: Array<{ name?: string; error?: string }>): string {
  const lines = calls.map((c) => `- ${c.name ?? 'a tool'}: ${c.error ?? 'the arguments are not valid JSON'}`);
  return ['These tool calls could not be read because their arguments are not valid JSON:', ...lines, 'Call them again with valid JSON arguments.'].join('\n');
}
