// The LLM Brainstormer at the wire: an OpenAI-compatible server on 127.0.0.1 plays the model
// (the llm-openai backend's ChatOpenAI talks to it over HTTP). The model looks at the files with
// media_files and at the attributes table with sample_rows, then chooses the writer and the folder
// label; its proposals (titles, metric) are the ones designed and materialized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { agentContextOf } from '@mle-smith/agents';
import { silentLogger } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { startOpenAiStubServer, type OpenAiStubServer, type RecordedRequest, type StubStep } from '@mle-smith/testkit';
import { createOpenAiChatModel } from '@mle-smith/plugin-llm-openai';
import { createImageDesigner } from './index.js';
import { designContext, digitsSubset, tempDir, withAttributes } from './__fixtures__/helpers.js';

type Message = { role: string; content: string | null };
const messagesOf = (req: RecordedRequest): Message[] => (req.body?.messages ?? []) as Message[];
const toolResults = (req: RecordedRequest): string[] => messagesOf(req).filter((m) => m.role === 'tool').map((m) => String(m.content));

/** Explores with two tools, then picks candidates by target name from the user message. */
const playModel: StubStep = (req) => {
  const [system, user] = messagesOf(req).map((m) => String(m.content));
  if (/^You are the Refactor agent/.test(system)) return { toolCalls: [{ name: 'submit', args: { overview: 'Handwritten digits by three writers.' } }] };
  const done = toolResults(req).length;
  if (done === 0) return { toolCalls: [{ name: 'media_files', args: {} }] };
  if (done === 1) return { toolCalls: [{ name: 'sample_rows', args: { table: 'attributes', n: 3 } }] };
  const { candidates } = JSON.parse(user) as { candidates: Array<{ key: string; target: string }> };
  const key = (target: string) => candidates.find((c) => c.target === target)!.key;
  return {
    toolCalls: [{ name: 'submit', args: { proposals: [
      { candidate: key('writer'), title: 'Who wrote this digit?', metric: 'f1_macro', justification: 'Writers differ in stroke width and slant.' },
      { candidate: key('label'), title: 'Which digit is it?', metric: 'accuracy', justification: 'The folder names the digit.' },
    ] } }],
  };
};

let stub: OpenAiStubServer;
beforeAll(async () => {
  stub = await startOpenAiStubServer(Array.from({ length: 10 }, () => playModel));
});
afterAll(async () => stub.close());

describe('image LLM brainstormer (OpenAI-compatible stub server)', () => {
  it('calls media_files and sample_rows, and its chosen proposals are designed and materialized', async () => {
    const raw = await withAttributes(await digitsSubset(8, 3));
    const profile = await profileDataset(raw);
    const agent = agentContextOf(createOpenAiChatModel({ model: 'stub-model', baseURL: stub.url }, {}));
    const ctx = designContext({ agent });
    const designer = createImageDesigner();
    const proposals = await designer.brainstorm(profile, ctx);

    const [first, second, third] = stub.requests;
    const tools = ((first.body?.tools ?? []) as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(tools).toEqual(expect.arrayContaining(['media_files', 'list_files', 'overview', 'sample_rows', 'sql']));
    const media = JSON.parse(toolResults(second)[0]);
    expect(media).toMatchObject({ kind: 'image', files: 24, folders: { 0: 8, 1: 8, 2: 8 }, properties: { width: { min: 16, max: 16 }, format: { values: { png: 24 } } } });
    expect(toolResults(third)[1]).toContain('ann');

    expect(proposals.map((p) => [p.target.name, p.title, p.metric.name])).toEqual([
      ['writer', 'Who wrote this digit?', 'f1_macro'], ['label', 'Which digit is it?', 'accuracy'],
    ]);
    const spec = await designer.design(proposals[0], profile, ctx);
    expect(spec).toMatchObject({ title: 'Who wrote this digit?', table: 'attributes', metric: { name: 'f1_macro' } });
    const result = await designer.materialize(spec, { rawDir: raw, outDir: join(await tempDir(), 'task'), profile, log: silentLogger, agent });
    expect(result.agents).toEqual({ brainstormer: 'stub-model', designer: 'deterministic', refactor: 'stub-model' });
    expect(Object.keys(result.promptHashes ?? {})).toEqual(['designer-image/brainstormer', 'designer-image/refactor']);
    expect(agent.outcomes.map((o) => [o.role, o.producer])).toEqual([['brainstormer', 'llm'], ['refactor', 'llm']]);
  }, 120_000);
});
