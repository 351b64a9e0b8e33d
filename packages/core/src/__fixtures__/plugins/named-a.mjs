export default () => ({ name: 'same-name', apiVersion: 1 });
