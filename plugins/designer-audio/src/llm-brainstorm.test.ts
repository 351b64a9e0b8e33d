// The LLM Brainstormer at the wire: an OpenAI-compatible server on 127.0.0.1 plays the model
// (the llm-openai backend's ChatOpenAI talks to it over HTTP). The model reads durations and
// sample rates with media_files and the speakers table with sql, then chooses the loudness
// (regression) and the word; its proposals (titles, metric) are the ones designed and materialized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { agentContextOf } from '@mle-smith/agents';
import { silentLogger } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { startOpenAiStubServer, type OpenAiStubServer, type RecordedRequest, type StubStep } from '@mle-smith/testkit';
import { createOpenAiChatModel } from '@mle-smith/plugin-llm-openai';
import { createAudioDesigner } from './index.js';
import { designContext, tempDir, withSpeakers, wordsSubset } from './__fixtures__/helpers.js';

type Message = { role: string; content: string | null };
const messagesOf = (req: RecordedRequest): Message[] => (req.body?.messages ?? []) as Message[];
const toolResults = (req: RecordedRequest): string[] => messagesOf(req).filter((m) => m.role === 'tool').map((m) => String(m.content));

/** Explores with two tools, then picks candidates by target name from the user message. */
const playModel: StubStep = (req) => {
  const [system, user] = messagesOf(req).map((m) => String(m.content));
  if (/^You are the Refactor agent/.test(system)) return { toolCalls: [{ name: 'submit', args: { overview: 'Spoken words, rated for loudness.' } }] };
  const done = toolResults(req).length;
  if (done === 0) return { toolCalls: [{ name: 'media_files', args: {} }] };
  if (done === 1) return { toolCalls: [{ name: 'sql', args: { query: 'SELECT accent, count(*) AS n FROM speakers GROUP BY 1 ORDER BY 1' } }] };
  const { candidates } = JSON.parse(user) as { candidates: Array<{ key: string; target: string }> };
  const key = (target: string) => candidates.find((c) => c.target === target)!.key;
  return {
    toolCalls: [{ name: 'submit', args: { proposals: [
      { candidate: key('loudness'), title: 'How loud was it spoken?', metric: 'mae', justification: 'Loudness shows in the signal energy.' },
      { candidate: key('label'), title: 'Which word is it?', metric: 'f1_macro', justification: 'The folder names the word.' },
    ] } }],
  };
};

let stub: OpenAiStubServer;
beforeAll(async () => {
  stub = await startOpenAiStubServer(Array.from({ length: 10 }, () => playModel));
});
afterAll(async () => stub.close());

describe('audio LLM brainstormer (OpenAI-compatible stub server)', () => {
  it('calls media_files and sql, and its chosen proposals are designed and materialized', async () => {
    const raw = await withSpeakers(await wordsSubset(8, ['yes', 'no', 'up']));
    const profile = await profileDataset(raw);
    const agent = agentContextOf(createOpenAiChatModel({ model: 'stub-model', baseURL: stub.url }, {}));
    const ctx = designContext({ agent });
    const designer = createAudioDesigner();
    const proposals = await designer.brainstorm(profile, ctx);

    const [first, second, third] = stub.requests;
    const tools = ((first.body?.tools ?? []) as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(tools).toEqual(expect.arrayContaining(['media_files', 'list_files', 'overview', 'sample_rows', 'sql']));
    const media = JSON.parse(toolResults(second)[0]);
    expect(media).toMatchObject({ kind: 'audio', files: 24, folders: { no: 8, up: 8, yes: 8 }, properties: { sampleRate: { min: 16000, max: 16000 }, channels: { min: 1, max: 1 } } });
    expect(media.properties.durationSec.min).toBeGreaterThan(0);
    expect(toolResults(third)[1]).toContain('north');

    expect(proposals.map((p) => [p.target.name, p.objective, p.title, p.metric.name])).toEqual([
      ['loudness', 'regression', 'How loud was it spoken?', 'mae'], ['label', 'multiclass', 'Which word is it?', 'f1_macro'],
    ]);
    const spec = await designer.design(proposals[0], profile, ctx);
    expect(spec).toMatchObject({ title: 'How loud was it spoken?', table: 'speakers', metric: { name: 'mae', higherIsBetter: false } });
    const result = await designer.materialize(spec, { rawDir: raw, outDir: join(await tempDir(), 'task'), profile, log: silentLogger, agent });
    expect(result.agents).toEqual({ brainstormer: 'stub-model', designer: 'deterministic', refactor: 'stub-model' });
    expect(Object.keys(result.promptHashes ?? {})).toEqual(['designer-audio/brainstormer', 'designer-audio/refactor']);
    expect(agent.outcomes.map((o) => [o.role, o.producer])).toEqual([['brainstormer', 'llm'], ['refactor', 'llm']]);
  }, 120_000);
});
