/**
 * Cuts 256 × 256 tiles out of a painted block and encodes them with sharp (libvips on
 * its own thread pool, so encoding overlaps with painting the next block). Opaque
 * tiles drop the alpha channel; identical tiles (open water, empty land) are encoded
 * once.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export type BasemapFormat = 'webp' | 'png';

export interface EncodeOptions {
  format: BasemapFormat;
  /** WebP quality 1–100. */
  quality: number;
}

export const TILE_PX = 256;

// Tiles are small: one libvips thread per image and many images at once use the cores
// better than several threads fighting over one 256-px tile.
sharp.concurrency(1);

export class TileEncoder {
  private readonly cache = new Map<string, Promise<Buffer>>();
  constructor(private readonly options: EncodeOptions) {}

  /** Encodes tile (tx, ty) of a block `blockWidth` px wide. */
  encode(block: Uint8ClampedArray, blockWidth: number, tx: number, ty: number): Promise<Buffer> {
    const tile = Buffer.allocUnsafe(TILE_PX * TILE_PX * 4);
    let opaque = true;
    for (let row = 0; row < TILE_PX; row++) {
      const start = ((ty * TILE_PX + row) * blockWidth + tx * TILE_PX) * 4;
      tile.set(block.subarray(start, start + TILE_PX * 4), row * TILE_PX * 4);
    }
    for (let i = 3; i < tile.length; i += 4) {
      if (tile[i] !== 255) {
        opaque = false;
        break;
      }
    }
    const key = createHash('sha1').update(tile).digest('base64');
    const hit = this.cache.get(key);
    if (hit) return hit;
    let image = sharp(tile, { raw: { width: TILE_PX, height: TILE_PX, channels: 4 } });
    if (opaque) image = image.removeAlpha();
    const encoded = this.options.format === 'webp' ? image.webp({ quality: this.options.quality, effort: 0 }).toBuffer() : image.png({ compressionLevel: 6 }).toBuffer();
    this.cache.set(key, encoded);
    // Only uniform tiles repeat; keep the cache from growing without bound.
    if (this.cache.size > 2048) this.cache.delete(this.cache.keys().next().value!);
    return encoded;
  }
}
