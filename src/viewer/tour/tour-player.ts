/**
 * Steps through a tour: next, previous, go to, and play (each step's `seconds`, then
 * the next; stops after the last). Showing a step is the caller's (`show`): the
 * player only decides which one, so it stays small and testable without a scene.
 * A generation number makes a step shown late (a slow flight) unable to advance play
 * after the presenter has moved on.
 */
import type { Tour, TourStep } from '../../core/tour-schema.ts';

export interface TourPlayerState {
  index: number;
  count: number;
  playing: boolean;
}

export class TourPlayer {
  private index = 0;
  private playing = false;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listener: ((s: TourPlayerState) => void) | null = null;

  constructor(
    private readonly tour: Tour,
    private readonly show: (step: TourStep, index: number) => Promise<void>,
  ) {}

  state(): TourPlayerState {
    return { index: this.index, count: this.tour.steps.length, playing: this.playing };
  }

  onChange(listener: ((s: TourPlayerState) => void) | null): void {
    this.listener = listener;
  }

  async goTo(index: number): Promise<void> {
    const clamped = Math.min(this.tour.steps.length - 1, Math.max(0, Math.trunc(index)));
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.index = clamped;
    this.listener?.(this.state());
    await this.show(this.tour.steps[clamped]!, clamped);
    if (generation === this.generation && this.playing) this.schedule(generation);
  }

  next(): Promise<void> {
    return this.goTo(this.index + 1);
  }

  prev(): Promise<void> {
    return this.goTo(this.index - 1);
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.listener?.(this.state());
    this.schedule(this.generation);
  }

  pause(): void {
    this.playing = false;
    clearTimeout(this.timer);
    this.listener?.(this.state());
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  dispose(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.listener = null;
  }

  private schedule(generation: number): void {
    clearTimeout(this.timer);
    const step = this.tour.steps[this.index];
    if (!step) return;
    this.timer = setTimeout(() => {
      if (generation !== this.generation || !this.playing) return;
      if (this.index >= this.tour.steps.length - 1) return this.pause();
      void this.next();
    }, step.seconds * 1000);
  }
}

/** Presenter keys: arrows and PageUp/PageDown (what a clicker sends), Space to play/pause, Home/End. */
export function tourKeyAction(key: string): 'next' | 'prev' | 'toggle' | 'first' | 'last' | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return 'prev';
    case ' ':
    case 'Spacebar':
      return 'toggle';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}
