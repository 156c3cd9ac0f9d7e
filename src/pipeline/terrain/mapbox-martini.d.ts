/** Types for `@mapbox/martini` 0.2 (the package ships none). */
declare module '@mapbox/martini' {
  export interface MartiniMesh {
    /** Grid coordinates, x then y, of each vertex (y down). */
    vertices: Uint16Array;
    /** Vertex indices, three per triangle. */
    triangles: Uint32Array;
  }
  export class MartiniTile {
    terrain: Float32Array;
    /** Per-grid-point approximation error; a point is in the mesh when its error exceeds maxError. */
    errors: Float32Array;
    update(): void;
    getMesh(maxError?: number): MartiniMesh;
  }
  export default class Martini {
    constructor(gridSize?: number);
    gridSize: number;
    numTriangles: number;
    /** Triangles with children (the first `numParentTriangles` of `coords`). */
    numParentTriangles: number;
    /** ax, ay, bx, by of every triangle of the implicit binary tree (hypotenuse a–b). */
    coords: Uint16Array;
    createTile(terrain: Float32Array): MartiniTile;
  }
}
