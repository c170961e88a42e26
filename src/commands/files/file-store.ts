// Where photo bytes live: an interface at the outer edge (object storage in production), with a
// local-directory implementation that the product uses by default and tests use for real.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FileStore {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e; // same content, same key: already stored
    });
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  private path(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|webp)$/.test(key)) throw new Error(`bad storage key ${key}`);
    return join(this.root, key);
  }
}
