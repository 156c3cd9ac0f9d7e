/**
 * The vertical divider of the before/after swipe: drag it (mouse, touch or pen, with
 * pointer capture so a fast drag does not lose it) or focus it and use the keys of a
 * WAI-ARIA slider. Its keys stop here, so the tour's presenter keys (arrows, Home,
 * End) do not also change the step while the divider has focus.
 */
import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { splitAfterKey, splitAtPointer } from './plan-compare-styling.ts';

export interface SwipeSliderProps {
  /** 0 (all plan) … 1 (all today): the fraction of the width left of the divider. */
  value: number;
  onChange(value: number): void;
  /** Accessible name, e.g. "现状与规划分隔条 / Divider between today and the plan". */
  label: string;
  /** Spoken value, e.g. "现状 40% / Today 40%". */
  valueText: string;
}

export function SwipeSlider({ value, onChange, label, valueText }: SwipeSliderProps) {
  const dragging = useRef(false);

  const track = (e: PointerEvent<HTMLDivElement>) => {
    // The divider spans the whole viewport: its parent (the overlay) is the track.
    const rect = e.currentTarget.parentElement?.getBoundingClientRect() ?? { left: 0, width: window.innerWidth };
    onChange(splitAtPointer(e.clientX, rect));
  };

  return (
    <div
      className="swipe-divider"
      style={{ left: `${value * 100}%` }}
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-orientation="horizontal"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value * 100)}
      aria-valuetext={valueText}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.currentTarget.focus();
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (dragging.current) track(e);
      }}
      onPointerUp={(e) => {
        if (!dragging.current) return;
        dragging.current = false;
        track(e);
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
        const next = splitAfterKey(e.key, value, e.shiftKey);
        if (next === null) return;
        e.preventDefault();
        e.stopPropagation();
        onChange(next);
      }}
    >
      <span className="swipe-handle" aria-hidden="true">
        ◀▶
      </span>
    </div>
  );
}
