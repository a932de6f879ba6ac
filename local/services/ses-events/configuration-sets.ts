/**
 * The configuration sets sends may name (the template's), and which of their event destinations take an event:
 * enabled ones whose MatchingEventTypes include its type, written as CloudFormation writes them (`send`, `bounce`,
 * `renderingFailure`…) or as the v2 API does (`SEND`, `RENDERING_FAILURE`…).
 */
import type { SesConfigurationSetConfig, SesEventDestinationConfig } from '../../stack-description.ts';
import type { SesEventType } from './event-records.ts';

export class ConfigurationSets {
  private byName = new Map<string, SesConfigurationSetConfig>();

  /** Replaces the sets (at every read of the stack). */
  set(sets: readonly SesConfigurationSetConfig[]): void {
    this.byName = new Map(sets.map((set) => [set.name, set]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The destinations of set `name` that publish events of `eventType`. */
  destinationsFor(name: string, eventType: SesEventType): SesEventDestinationConfig[] {
    return (this.byName.get(name)?.eventDestinations ?? []).filter((destination) => destination.enabled && matchesType(destination, eventType));
  }
}

/** `renderingFailure`, `RENDERING_FAILURE` and `Rendering Failure` all name one type. */
function matchesType(destination: SesEventDestinationConfig, eventType: SesEventType): boolean {
  const normal = (type: string) => type.replace(/[_\s]/g, '').toLowerCase();
  return destination.matchingEventTypes.some((type) => normal(type) === normal(eventType));
}
