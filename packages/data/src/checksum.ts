// Checksums are the core's (one implementation for packages and raw datasets alike).
export { checksumTree, sha256File } from '@mle-smith/core';
