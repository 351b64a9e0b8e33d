// The core's one doorway to tsyringe. tsyringe needs the Reflect metadata API before it loads, so
// reflect-metadata is imported here, first, and nowhere else. Only modules loaded on demand import
// this one (compose() and PluginHost.load() import it with `await import`): importing
// @mle-smith/core to grade or read a manifest does not pay for the container.
import 'reflect-metadata';
import { container, type DependencyContainer } from 'tsyringe';
import type { Token } from './tokens.js';

export { inject, injectable, instanceCachingFactory, type DependencyContainer } from 'tsyringe';

/** A fresh child of tsyringe's root container: one per composition, so compositions never share state. */
export function childContainer(): DependencyContainer {
  return container.createChildContainer();
}

/** `container.resolve` typed by the token. */
export function resolveToken<T>(c: DependencyContainer, t: Token<T>): T {
  return c.resolve<T>(t.token);
}
