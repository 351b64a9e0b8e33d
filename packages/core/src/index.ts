import 'reflect-metadata';

export * from './contracts/task.js';
export * from './contracts/execution.js';
export * from './contracts/metric.js';
export * from './contracts/llm.js';
export * from './contracts/extensions.js';
export * from './contracts/plugin.js';
export * from './contracts/config.js';
export * from './errors.js';
export * from './tokens.js';
export * from './services.js';
export * from './hook-driver.js';
export * from './atomic-fs.js';
export * from './logger.js';
