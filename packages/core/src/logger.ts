import type { Logger } from './contracts/execution.js';

/** A logger that writes plain lines to stderr; `debug` only when verbose. */
export function createConsoleLogger(options: { verbose?: boolean; prefix?: string } = {}): Logger {
  const prefix = options.prefix ? `[${options.prefix}] ` : '';
  return {
    info: (m) => process.stderr.write(`${prefix}${m}\n`),
    warn: (m) => process.stderr.write(`${prefix}warning: ${m}\n`),
    debug: (m) => {
      if (options.verbose) process.stderr.write(`${prefix}debug: ${m}\n`);
    },
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };
