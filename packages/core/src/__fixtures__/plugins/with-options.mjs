// A plugin with an options schema; the factory records what it was given.
const factory = (options) => ({
  name: 'with-options',
  apiVersion: 1,
  setup(api) {
    api.addReporter({ id: `greeter-${options.greeting}` });
  },
});
factory.optionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['greeting'],
  properties: { greeting: { type: 'string' }, times: { type: 'integer', default: 1 } },
};
export default factory;
