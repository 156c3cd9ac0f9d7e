/**
 * The wall screen's autopilot: flies the itinerary (itinerary.ts) in a loop, one stop
 * at a time, for days. Any pointer, wheel, key or touch pauses it; it resumes after
 * `idleSeconds` without input. Built to run unattended: one set of input listeners for
 * its whole life, one timer at a time, no per-stop state kept (only counters), and a
 * generation number so a flight cancelled by a pause can never schedule the next stop.
 */
import { BoundingSphere, Cartesian3, HeadingPitchRange, Math as CesiumMath, type Viewer } from 'cesium';
import { flyToBuilding, groundAt, type ViewDistance } from '../scene/fly-to-building.ts';

/**
 * The wall's D-building stops: closer than the desk's view (220 m), so the one
 * dangerous building fills the frame when seen from across the room; tall ones
 * still fit (about twice their height away at 35° down).
 */
export const SCREEN_BUILDING_DISTANCE: ViewDistance = { min: 110, perHeight: 2.2 };
import type { Stop } from './itinerary.ts';

export type AutopilotState = 'waiting' | 'running' | 'paused';

export interface AutopilotOptions {
  /** Seconds without input before a paused autopilot resumes. */
  idleSeconds: number;
  /** Seconds the camera stays at a stop. */
  dwellSeconds: number;
  /** Seconds a flight between stops takes. */
  flySeconds: number;
  /** Typical ground height (m) under the areas, for framing them before terrain is known. */
  groundM: number;
}

export const DEFAULT_AUTOPILOT_OPTIONS: AutopilotOptions = { idleSeconds: 60, dwellSeconds: 8, flySeconds: 4, groundM: 250 };

export interface AutopilotSnapshot {
  state: AutopilotState;
  /** Completed loops of the whole itinerary. */
  loops: number;
  /** Index of the current stop. */
  index: number;
  /** On the way to the current stop, or there. */
  phase: 'flying' | 'dwelling';
  stops: number;
  current: Stop | null;
}

const INPUT_EVENTS = ['pointerdown', 'wheel', 'keydown', 'touchstart'] as const;
const AREA_PITCH = CesiumMath.toRadians(-45);

export class Autopilot {
  private readonly options: AutopilotOptions;
  private stops: readonly Stop[] = [];
  private state: AutopilotState = 'waiting';
  private loops = 0;
  private index = 0;
  private phase: AutopilotSnapshot['phase'] = 'flying';
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private listener: ((s: AutopilotSnapshot) => void) | null = null;
  private readonly onInput = () => this.pause();

  constructor(
    private readonly viewer: Viewer,
    options: Partial<AutopilotOptions> = {},
  ) {
    this.options = { ...DEFAULT_AUTOPILOT_OPTIONS, ...options };
    for (const type of INPUT_EVENTS) window.addEventListener(type, this.onInput, { capture: true, passive: true });
  }

  /** One listener (the screen's React state): replacing it never accumulates. */
  onChange(listener: ((s: AutopilotSnapshot) => void) | null): void {
    this.listener = listener;
  }

  snapshot(): AutopilotSnapshot {
    return { state: this.state, loops: this.loops, index: this.index, phase: this.phase, stops: this.stops.length, current: this.stops[this.index] ?? null };
  }

  /** Sets the itinerary and starts (or restarts) the loop from its first stop. */
  start(stops: readonly Stop[]): void {
    this.stops = stops;
    this.index = 0;
    if (stops.length === 0) return this.set('waiting');
    this.set('running');
    this.visit(this.generation);
  }

  /** Stops at once (the flight too); resumes after `idleSeconds` unless resumed earlier. Repeated input restarts the idle wait. */
  pause(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.resume(), this.options.idleSeconds * 1000);
    if (this.state !== 'running') return;
    this.generation++;
    clearTimeout(this.timer);
    this.viewer.camera.cancelFlight();
    this.set('paused');
  }

  /** Continues with the stop that was interrupted. */
  resume(): void {
    clearTimeout(this.idleTimer);
    if (this.state !== 'paused' || this.stops.length === 0) return;
    this.set('running');
    this.visit(this.generation);
  }

  dispose(): void {
    this.generation++;
    clearTimeout(this.timer);
    clearTimeout(this.idleTimer);
    for (const type of INPUT_EVENTS) window.removeEventListener(type, this.onInput, { capture: true });
    this.listener = null;
  }

  private set(state: AutopilotState): void {
    this.state = state;
    this.listener?.(this.snapshot());
  }

  private visit(generation: number): void {
    const stop = this.stops[this.index];
    if (!stop || this.viewer.isDestroyed()) return;
    this.phase = 'flying';
    this.listener?.(this.snapshot());
    void this.fly(stop, generation).then(() => {
      if (generation !== this.generation) return;
      this.phase = 'dwelling';
      this.listener?.(this.snapshot());
      this.timer = setTimeout(() => this.advance(generation), this.options.dwellSeconds * 1000);
    });
  }

  private advance(generation: number): void {
    if (generation !== this.generation) return;
    this.index++;
    if (this.index >= this.stops.length) {
      this.index = 0;
      this.loops++;
    }
    this.visit(generation);
  }

  private async fly(stop: Stop, generation: number): Promise<void> {
    const { flySeconds, groundM } = this.options;
    if (stop.kind === 'building') {
      // The ground first (a terrain request): a pause meanwhile must not be followed by a flight.
      const ground = await groundAt(this.viewer, stop.lon, stop.lat);
      if (generation !== this.generation || this.viewer.isDestroyed()) return;
      return flyToBuilding(this.viewer, { lon: stop.lon, lat: stop.lat, height: stop.height, ground }, flySeconds, SCREEN_BUILDING_DISTANCE);
    }
    const sphere = new BoundingSphere(Cartesian3.fromDegrees(stop.lon, stop.lat, groundM), stop.radiusM);
    const heading = Number.isFinite(this.viewer.camera.heading) ? this.viewer.camera.heading : 0;
    return new Promise((resolve) => {
      this.viewer.camera.flyToBoundingSphere(sphere, {
        offset: new HeadingPitchRange(heading, AREA_PITCH, Math.max(600, stop.radiusM * 2.4)),
        duration: flySeconds,
        complete: () => resolve(),
        cancel: () => resolve(),
      });
    });
  }
}
