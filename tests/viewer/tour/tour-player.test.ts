import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Tour, validateTour } from '../../../src/core/tour-schema.ts';
import { tourKeyAction, TourPlayer } from '../../../src/viewer/tour/tour-player.ts';

function threeSteps(): Tour {
  const result = validateTour('t', {
    title: { 'zh-CN': '测试', en: 'Test' },
    steps: ['a', 'b', 'c'].map((id) => ({ id, caption: { 'zh-CN': id, en: id }, seconds: 5 })),
  });
  if (!result.ok) throw new Error('fixture tour is invalid');
  return result.tour;
}

describe('tour player', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('steps forward and back within the tour', async () => {
    const shown: string[] = [];
    const player = new TourPlayer(threeSteps(), async (s) => void shown.push(s.id));
    await player.goTo(0);
    await player.next();
    await player.next();
    await player.next();
    await player.prev();
    await player.goTo(-4);
    expect(shown).toEqual(['a', 'b', 'c', 'c', 'b', 'a']);
    expect(player.state()).toEqual({ index: 0, count: 3, playing: false });
  });

  it('plays each step for its seconds and stops after the last', async () => {
    const shown: string[] = [];
    const player = new TourPlayer(threeSteps(), async (s) => void shown.push(s.id));
    await player.goTo(0);
    player.play();
    await vi.advanceTimersByTimeAsync(4999);
    expect(shown).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(shown).toEqual(['a', 'b', 'c']);
    expect(player.state().playing).toBe(false);
  });

  it('pause stops play; a step shown slowly after the presenter moved on does not advance', async () => {
    const shown: string[] = [];
    let release: () => void = () => {};
    const player = new TourPlayer(threeSteps(), (s) => {
      shown.push(s.id);
      return s.id === 'a' ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    });
    const slow = player.goTo(0);
    player.play();
    await player.next(); // the presenter skips ahead while "a" is still flying
    release();
    await slow;
    player.pause();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(shown).toEqual(['a', 'b']);
  });

  it('maps presenter keys', () => {
    expect(['PageDown', 'ArrowRight', 'PageUp', 'ArrowLeft', ' ', 'Home', 'End', 'x'].map(tourKeyAction)).toEqual([
      'next',
      'next',
      'prev',
      'prev',
      'toggle',
      'first',
      'last',
      null,
    ]);
  });
});
