export { main, type CliIo } from './main.js';
export { wire, type Wiring } from './composition-root.js';
export { defaultConfig, starterConfig, OFFLINE_PLUGINS } from './starter-config.js';
