/** The automation handle's live fields read the current snapshot on every access, not the one at creation. */
import { describe, expect, it } from 'vitest';
import { withLiveFields } from '../../src/viewer/automation-handle.ts';

describe('withLiveFields', () => {
  it('reads the snapshot on each access and keeps the target own members', () => {
    let state = { index: 0, playing: false, hidden: 'x' };
    const handle = withLiveFields({ name: 'tour', next: () => 'next' }, () => state, ['index', 'playing']);
    expect(handle.index).toBe(0);
    state = { index: 3, playing: true, hidden: 'y' };
    expect(handle.index).toBe(3);
    expect(handle.playing).toBe(true);
    expect(handle.name).toBe('tour');
    expect(handle.next()).toBe('next');
    expect('hidden' in handle).toBe(false);
    // Enumerable, so a page.evaluate that returns the handle's fields sees them.
    expect(Object.keys(handle).sort()).toEqual(['index', 'name', 'next', 'playing']);
  });
});
