// Contributions by extension point, each with the plugin that registered it. A contribution's id
// is unique per extension point; a second one is a ConfigError naming both plugins.
import { ConfigError } from './errors.js';
import type { ExtensionPoint } from './tokens.js';

export interface Contribution<T> {
  plugin: string;
  value: T;
}

export class ExtensionRegistry {
  private readonly byPoint = new Map<ExtensionPoint<unknown>, Array<Contribution<unknown>>>();

  add<T>(point: ExtensionPoint<T>, value: T, plugin: string): void {
    const list = this.byPoint.get(point as ExtensionPoint<unknown>) ?? [];
    const id = point.idOf(value);
    const clash = list.find((c) => point.idOf(c.value as T) === id);
    if (clash) throw new ConfigError(`plugin "${plugin}" registers ${point.kind} "${id}", already registered by "${clash.plugin}"`);
    list.push({ plugin, value });
    this.byPoint.set(point as ExtensionPoint<unknown>, list);
  }

  /** Contributions in registration (plugin) order, with their plugins. */
  entries<T>(point: ExtensionPoint<T>): Array<Contribution<T>> {
    return (this.byPoint.get(point as ExtensionPoint<unknown>) ?? []) as Array<Contribution<T>>;
  }

  all<T>(point: ExtensionPoint<T>): T[] {
    return this.entries(point).map((c) => c.value);
  }

  /** Drops what `plugin` registered (its setup failed). */
  remove(plugin: string): void {
    for (const [point, list] of this.byPoint) this.byPoint.set(point, list.filter((c) => c.plugin !== plugin));
  }
}
