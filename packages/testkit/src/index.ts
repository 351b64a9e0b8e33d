export * from './scripted-chat-model.js';
export * from './openai-stub-server.js';
export * from './executor-conformance.js';
export * from './rule-tester.js';
export * from './run-pipeline.js';
export * from './chromium.js';
export * from './broken-packages.js';
export * from './broken-packages-suite.js';
