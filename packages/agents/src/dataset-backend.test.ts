import { describe, expect, it } from 'vitest';
import { profileDataset } from '@mle-smith/data';
import { createScriptedChatModel } from '@mle-smith/testkit';
import { ToolMessage } from '@langchain/core/messages';
import { createDatasetTools } from './dataset-backend.js';
import { runAgent } from './run-agent.js';

const dir = new URL('./__fixtures__/dataset/', import.meta.url).pathname;

describe('createDatasetTools over @mle-smith/data', () => {
  it('answers overview, column_profile, sample_rows, sql and list_files from the dataset', async () => {
    const profile = await profileDataset(dir);
    const tools = Object.fromEntries(createDatasetTools(dir, profile).map((t) => [t.name, t]));
    const overview = (await tools.overview.run({})) as { tables: Array<{ name: string; rows: number; columns: string[] }> };
    expect(overview.tables[0]).toMatchObject({ name: 'penguins', rows: 8 });
    expect(overview.tables[0].columns.some((c) => c.startsWith('species VARCHAR'))).toBe(true);
    expect(await tools.column_profile.run({ table: 'penguins', column: 'species' })).toMatchObject({ name: 'species', distinctCount: 3 });
    await expect(tools.column_profile.run({ table: 'penguins', column: 'nope' })).rejects.toThrow('table "penguins" has no column "nope"');
    await expect(tools.sample_rows.run({ table: 'fish' })).rejects.toThrow('no table "fish"; tables: penguins');
    expect(await tools.sample_rows.run({ table: 'penguins', n: 2 })).toMatchObject({ rows: [[1, 'Adelie', 'Torgersen', 39.1, 3750], expect.any(Array)], truncated: false });
    const counts = await tools.sql.run({ query: 'SELECT species, count(*) AS n FROM penguins GROUP BY species ORDER BY n DESC, species' });
    expect(counts).toEqual({ columns: ['species', 'n'], rows: [['Adelie', 3], ['Gentoo', 3], ['Chinstrap', 2]], truncated: false });
    await expect(tools.sql.run({ query: "COPY penguins TO '/tmp/x.csv'" })).rejects.toThrow(/SQL failed/);
    expect(await tools.list_files.run({})).toEqual([{ path: 'penguins.csv', bytes: expect.any(Number) }]);
  });

  it('lets an agent fix its SQL from the error it gets back', async () => {
    const profile = await profileDataset(dir);
    const model = createScriptedChatModel([
      { toolCalls: [{ name: 'sql', args: { query: 'SELECT nope FROM penguins' } }] },
      { toolCalls: [{ name: 'sql', args: { query: 'SELECT count(DISTINCT island) AS k FROM penguins' } }] },
      { toolCalls: [{ name: 'submit', args: { islands: 3 } }] },
    ]);
    const result = await runAgent({
      model, system: 's', user: 'u', tools: createDatasetTools(dir, profile), role: 'designer',
      outputSchema: { type: 'object', required: ['islands'], properties: { islands: { type: 'integer' } } },
    });
    expect(result.output).toEqual({ islands: 3 });
    const toolResults = model.calls[2].messages.filter((m): m is ToolMessage => m instanceof ToolMessage).map((m) => m.content);
    expect(toolResults[0]).toMatch(/^error: SQL failed: .*nope/);
    expect(JSON.parse(toolResults[1] as string).rows).toEqual([[3]]);
  });
});
