// The embedded mode's journal: one small JSON file per started review, written atomically (temp
// file + rename) and removed when its job ends. After a crash the files left are the reviews whose
// checks were left in progress; the next start re-queues them.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Journal } from "./scheduler.js";

const SUFFIX = ".review.json";

export class DiskJournal<P> implements Journal<P> {
  private ready: Promise<unknown> | null = null;

  constructor(private readonly dir: string) {}

  private file(id: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new Error(`journal ids are plain names, got "${id}"`);
    return path.join(this.dir, id + SUFFIX);
  }

  async put(id: string, payload: P): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.ready;
    const temp = path.join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(temp, JSON.stringify(payload), { mode: 0o600 });
    await rename(temp, this.file(id));
  }

  async delete(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  async list(): Promise<{ id: string; payload: P }[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const entries: { id: string; payload: P }[] = [];
    for (const name of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
      const id = name.slice(0, -SUFFIX.length);
      try {
        entries.push({ id, payload: JSON.parse(await readFile(path.join(this.dir, name), "utf8")) as P });
      } catch {
        // A torn or foreign file: nothing to resume from; it must not block the others.
        await this.delete(id).catch(() => undefined);
      }
    }
    return entries;
  }
}
