// Contributions by extension point, kept in the composition's tsyringe container: each one is
// registered under its extension point's token (`useValue`), so `container.resolveAll(DESIGNER.token)`
// and `registry.all(DESIGNER)` return the same designers in registration (plugin) order. A
// contribution's id is unique per extension point; a second one is a ConfigError naming both plugins.
import type { DependencyContainer } from 'tsyringe';
import { ConfigError } from './errors.js';
import type { ExtensionPoint } from './tokens.js';

export interface Contribution<T> {
  plugin: string;
  value: T;
}

export class ExtensionRegistry {
  /** Per extension point token: contribution id → the plugin that registered it. */
  private readonly owners = new Map<symbol, Map<string, string>>();

  constructor(private readonly container: DependencyContainer) {}

  /**
   * Registers what one plugin contributes, all or nothing: a clash with an earlier plugin, or
   * within the batch, registers none of them (tsyringe cannot take a registration back).
   */
  addAll(plugin: string, contributions: ReadonlyArray<{ point: ExtensionPoint<unknown>; value: unknown }>): void {
    const batch = new Map<symbol, Set<string>>();
    for (const { point, value } of contributions) {
      const id = point.idOf(value);
      const owner = this.owners.get(point.token)?.get(id) ?? (batch.get(point.token)?.has(id) ? plugin : undefined);
      if (owner !== undefined) throw new ConfigError(`plugin "${plugin}" registers ${point.kind} "${id}", already registered by "${owner}"`);
      batch.set(point.token, (batch.get(point.token) ?? new Set()).add(id));
    }
    for (const { point, value } of contributions) {
      this.container.register(point.token, { useValue: value });
      this.owners.set(point.token, (this.owners.get(point.token) ?? new Map<string, string>()).set(point.idOf(value), plugin));
    }
  }

  all<T>(point: ExtensionPoint<T>): T[] {
    // resolveAll throws for a token nothing was registered under
    return this.container.isRegistered(point.token) ? this.container.resolveAll<T>(point.token) : [];
  }

  /** Contributions in registration (plugin) order, with their plugins. */
  entries<T>(point: ExtensionPoint<T>): Array<Contribution<T>> {
    const owners = this.owners.get(point.token);
    return this.all(point).map((value) => ({ plugin: owners?.get(point.idOf(value)) ?? '', value }));
  }
}
