/**
 * Growable typed arrays for one mesh: float64 positions in a tile's glTF frame
 * (y-up), optional int8 normals, one feature ID per vertex, and triangle indices.
 */

export class MeshAccumulator {
  positions = new Float64Array(3 * 1024);
  normals: Int8Array | null;
  featureIds = new Uint32Array(1024);
  indices = new Uint32Array(3 * 1024);
  vertexCount = 0;
  indexCount = 0;
  readonly min = [Infinity, Infinity, Infinity];
  readonly max = [-Infinity, -Infinity, -Infinity];

  constructor(withNormals: boolean) {
    this.normals = withNormals ? new Int8Array(3 * 1024) : null;
  }

  private growVertices(extra: number): void {
    const need = this.vertexCount + extra;
    if (need <= this.featureIds.length) return;
    let size = this.featureIds.length;
    while (size < need) size *= 2;
    const p = new Float64Array(3 * size);
    p.set(this.positions.subarray(0, 3 * this.vertexCount));
    this.positions = p;
    const f = new Uint32Array(size);
    f.set(this.featureIds.subarray(0, this.vertexCount));
    this.featureIds = f;
    if (this.normals) {
      const n = new Int8Array(3 * size);
      n.set(this.normals.subarray(0, 3 * this.vertexCount));
      this.normals = n;
    }
  }

  /** Adds a vertex and returns its index. */
  addVertex(x: number, y: number, z: number, featureId: number, nx = 0, ny = 0, nz = 0): number {
    this.growVertices(1);
    const v = this.vertexCount++;
    const p = this.positions;
    p[3 * v] = x;
    p[3 * v + 1] = y;
    p[3 * v + 2] = z;
    if (x < this.min[0]!) this.min[0] = x;
    if (y < this.min[1]!) this.min[1] = y;
    if (z < this.min[2]!) this.min[2] = z;
    if (x > this.max[0]!) this.max[0] = x;
    if (y > this.max[1]!) this.max[1] = y;
    if (z > this.max[2]!) this.max[2] = z;
    this.featureIds[v] = featureId;
    if (this.normals) {
      this.normals[3 * v] = nx;
      this.normals[3 * v + 1] = ny;
      this.normals[3 * v + 2] = nz;
    }
    return v;
  }

  addTriangle(a: number, b: number, c: number): void {
    if (this.indexCount + 3 > this.indices.length) {
      const next = new Uint32Array(this.indices.length * 2);
      next.set(this.indices.subarray(0, this.indexCount));
      this.indices = next;
    }
    this.indices[this.indexCount++] = a;
    this.indices[this.indexCount++] = b;
    this.indices[this.indexCount++] = c;
  }
}
