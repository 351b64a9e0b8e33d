export default () => ({ name: 'pkg-plugin', apiVersion: 1, setup(api) { api.addSolver({ id: 'noop', solve: async () => ({ solver: 'noop', status: 'failed', code: [] }) }); } });
