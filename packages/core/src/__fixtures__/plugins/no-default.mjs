export const plugin = { name: 'x', apiVersion: 1 };
