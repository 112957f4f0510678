// The blobs a git tree keeps in memory for readers that must answer synchronously (git-tree.ts).
import type { BlobStream } from "./git-objects.js";

/**
 * Blob bytes kept for the synchronous readers, shared by the two sides of a review: an object id
 * names the same bytes in either tree, so a support file both sides have is read once.
 */
export class HeldBlobs {
  readonly texts = new Map<string, Buffer>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly blobs: BlobStream) {}

  /** Reads the objects not held yet (a missing one is held as empty). */
  async hold(objects: string[]): Promise<void> {
    for (const object of objects) {
      if (this.texts.has(object) || this.loading.has(object)) continue;
      this.loading.set(object, this.blobs.read(object).then((bytes) => void this.texts.set(object, bytes ?? Buffer.alloc(0))));
    }
    await Promise.all(objects.map((object) => this.loading.get(object)));
  }
}
