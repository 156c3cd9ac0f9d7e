/**
 * Every placed building of a build, stored column-wise: rings in one growing
 * Float64Array, their layout in one Uint32Array, and numbers in a Float64Array per
 * building. A million buildings as objects with a typed array per ring would take
 * ~3 GB; this takes about a quarter of that, most of it the property strings.
 */
import type { PolygonRings } from '../../sources/footprint.ts';
import type { PlacedBuilding } from './placed-building.ts';

/** Numbers kept per building, in this order. */
const NUMBERS = ['base', 'roof', 'height', 'groundMin', 'groundMax', 'west', 'south', 'east', 'north'] as const;
const STRIDE = NUMBERS.length;

export class BuildingStore {
  count = 0;
  readonly ids: string[] = [];
  readonly properties: Record<string, unknown>[] = [];
  private numbers = new Float64Array(STRIDE * 1024);
  private layoutStart = new Uint32Array(1024);
  private coordStart = new Uint32Array(1024);
  /** Per building: polygon count, then per polygon: ring count, then per ring: vertex count. */
  private layout = new Uint32Array(8 * 1024);
  private layoutLength = 0;
  private coords = new Float64Array(16 * 1024);
  private coordLength = 0;

  add(b: PlacedBuilding): number {
    const i = this.count++;
    if (i >= this.layoutStart.length) {
      this.numbers = grow(this.numbers, 2 * this.numbers.length);
      this.layoutStart = grow(this.layoutStart, 2 * this.layoutStart.length);
      this.coordStart = grow(this.coordStart, 2 * this.coordStart.length);
    }
    this.ids.push(b.id);
    this.properties.push(b.properties);
    let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    this.layoutStart[i] = this.layoutLength;
    this.coordStart[i] = this.coordLength;
    this.pushLayout(b.polygons.length);
    for (const rings of b.polygons) {
      this.pushLayout(rings.length);
      for (const [r, ring] of rings.entries()) {
        this.pushLayout(ring.length / 2);
        if (this.coordLength + ring.length > this.coords.length) {
          this.coords = grow(this.coords, Math.max(2 * this.coords.length, this.coordLength + ring.length));
        }
        this.coords.set(ring, this.coordLength);
        this.coordLength += ring.length;
        if (r > 0) continue; // holes lie inside their outer ring
        for (let k = 0; k < ring.length; k += 2) {
          west = Math.min(west, ring[k]!);
          east = Math.max(east, ring[k]!);
          south = Math.min(south, ring[k + 1]!);
          north = Math.max(north, ring[k + 1]!);
        }
      }
    }
    const n = this.numbers;
    const o = STRIDE * i;
    n[o] = b.base;
    n[o + 1] = b.roof;
    n[o + 2] = b.height;
    n[o + 3] = b.groundMin;
    n[o + 4] = b.groundMax;
    n[o + 5] = west;
    n[o + 6] = south;
    n[o + 7] = east;
    n[o + 8] = north;
    return i;
  }

  private pushLayout(v: number): void {
    if (this.layoutLength >= this.layout.length) this.layout = grow(this.layout, 2 * this.layout.length);
    this.layout[this.layoutLength++] = v;
  }

  base(i: number): number { return this.numbers[STRIDE * i]!; }
  roof(i: number): number { return this.numbers[STRIDE * i + 1]!; }
  height(i: number): number { return this.numbers[STRIDE * i + 2]!; }
  groundMin(i: number): number { return this.numbers[STRIDE * i + 3]!; }
  groundMax(i: number): number { return this.numbers[STRIDE * i + 4]!; }
  /** [west, south, east, north] of the footprint (degrees). */
  bounds(i: number): [number, number, number, number] {
    const o = STRIDE * i + 5;
    return [this.numbers[o]!, this.numbers[o + 1]!, this.numbers[o + 2]!, this.numbers[o + 3]!];
  }

  /** The building's rings as views into the store (no copy). */
  polygons(i: number): PolygonRings[] {
    let l = this.layoutStart[i]!;
    let c = this.coordStart[i]!;
    const out: PolygonRings[] = [];
    for (let p = 0, np = this.layout[l++]!; p < np; p++) {
      const rings: Float64Array[] = [];
      for (let r = 0, nr = this.layout[l++]!; r < nr; r++) {
        const len = 2 * this.layout[l++]!;
        rings.push(this.coords.subarray(c, c + len));
        c += len;
      }
      out.push(rings);
    }
    return out;
  }

  /** A property-table value: the core numbers from the store, the rest from the input. */
  value(i: number, column: string): unknown {
    switch (column) {
      case 'id':
        return this.ids[i];
      case 'height':
        return this.height(i);
      case 'ground_min':
        return this.groundMin(i);
      case 'ground_max':
        return this.groundMax(i);
      default:
        return this.properties[i]![column];
    }
  }
}

function grow<T extends Float64Array | Uint32Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}
