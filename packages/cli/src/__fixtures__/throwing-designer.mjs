// For the queue tests: a designer that takes the dataset named "wine", proposes one task and
// throws on every design, so its job ends in the queue's failed set after its retries.
export default () => ({
  name: 'throwing-designer',
  apiVersion: 1,
  setup(api) {
    api.addDesigner({
      id: 'throwing',
      modality: 'tabular',
      supports: (profile) => profile.name === 'wine',
      brainstorm: async (profile) => [{
        id: 'wine-always-fails', dataset: profile.name, table: profile.tables[0]?.name ?? 'wine', title: 'A task whose design always throws',
        modality: 'tabular', objective: 'multiclass', target: { column: 'class' }, metric: { name: 'accuracy' },
        split: { strategy: 'random', testFraction: 0.2, seed: 1 }, dropColumns: [], justification: 'exercises a job that fails on every attempt',
      }],
      design: async () => {
        throw new Error('the throwing designer fails on purpose');
      },
      materialize: async () => {
        throw new Error('never reached');
      },
    });
  },
});
