/**
 * Which layer a click picked, decided in one place (issue 16). Before, the buildings
 * and the lifelines layers each installed their own click handler: both picked on
 * every click, and which one won depended on the order their effects ran and on a
 * building-code regex dropping pipe ids. Now each pickable layer registers what it
 * can pick (a `match` on the click, e.g. "a Cesium3DTileFeature of my tileset") and a
 * priority; one click handler (pick-handler.ts) asks the router, and the
 * highest-priority match wins, whatever the registration order (ties: by id).
 * Pure (no Cesium at run time), unit-tested.
 */

/** What a layer may look at for one click. The scene picks are computed at most once per click. */
export interface PickContext<Position = unknown> {
  /** Window position of the click (CSS pixels, as `scene.pick` takes it). */
  position: Position;
  /** `performance.now()`-based time the user let go (the pointerup), for timing the identification. */
  startedAt: number;
  /** `scene.pick` at the position (the front-most object, or undefined). */
  pick(): unknown;
  /** `scene.drillPick` at the position (objects front to back, at most 8). */
  drill(): readonly unknown[];
}

export interface Pickable<Hit> {
  /** Names the layer (also breaks priority ties, so the order never depends on registration). */
  id: string;
  /** Higher is asked first; see PICK_PRIORITY. */
  priority: number;
  /** Whether the layer takes part now (e.g. it is shown). Default: always. A disabled layer is neither asked nor told. */
  enabled?(): boolean;
  /** What this layer picked at the click, or undefined for "not mine". */
  match(context: PickContext): Hit | undefined;
  /** The click's outcome for this layer: its hit if it won, null if another layer won or nothing matched. */
  onPick(hit: Hit | null): void;
}

/**
 * The layers' priorities, in one place: pipes are picked through the faded buildings
 * above them; an open analysis tool takes every click (its points), above all layers.
 */
export const PICK_PRIORITY = { analysis: 100, lifelines: 20, buildings: 10 } as const;

export interface PickOutcome {
  /** The winning layer's id, or null when nothing matched. */
  id: string | null;
  hit: unknown;
}

export class PickRouter {
  private readonly pickables = new Set<Pickable<unknown>>();

  /** Registers a pickable layer; returns the unregister function. */
  register<Hit>(pickable: Pickable<Hit>): () => void {
    const entry = pickable as Pickable<unknown>;
    this.pickables.add(entry);
    return () => void this.pickables.delete(entry);
  }

  /** The enabled layers in the order they are asked: priority descending, then id. */
  ordered(): Array<Pickable<unknown>> {
    return [...this.pickables].filter((p) => p.enabled?.() ?? true).sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Routes one click: asks the enabled layers in order until one matches, then tells
   * every enabled layer the outcome (the winner its hit, the others null).
   */
  route(context: PickContext): PickOutcome {
    const asked = this.ordered();
    let winner: Pickable<unknown> | null = null;
    let hit: unknown = null;
    for (const p of asked) {
      const h = p.match(context);
      if (h !== undefined) {
        winner = p;
        hit = h;
        break;
      }
    }
    for (const p of asked) p.onPick(p === winner ? hit : null);
    return { id: winner?.id ?? null, hit: winner ? hit : null };
  }
}
