// earcut 3 ships no types; this is the one function we call.
declare module 'earcut' {
  /** Triangulates a flat [x0, y0, x1, y1, …] polygon; holeIndices are vertex (not coordinate) starts of holes. */
  export default function earcut(data: ArrayLike<number>, holeIndices?: ArrayLike<number> | null, dim?: number): number[];
}
