import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { vaultError } from './errors.js';
import type { Vault, VaultKind, VaultStatus } from './vault.js';

/**
 * A vault file whose entries are sealed by an outside cipher (Electron's
 * safeStorage: the OS keychain, DPAPI or libsecret hold the key). This module
 * owns the file format; the shell only supplies `encrypt`/`decrypt`, so all
 * of this is tested under plain Node with a fake cipher.
 *
 * The cipher has no associated data, so each sealed payload repeats its own
 * entry id and is refused if it was moved under another id.
 */
export interface StringCipher {
  /** False when the OS offers no real protection (e.g. no keyring on Linux); `reason` says why. */
  available(): { ok: true } | { ok: false; reason: string };
  encrypt(plaintext: string): Buffer;
  decrypt(sealed: Buffer): string;
}

const fileSchema = z.object({
  format: z.literal('domaindeck-sealed-vault'),
  version: z.literal(1),
  entries: z.record(z.string(), z.string()),
});
type SealedFile = z.infer<typeof fileSchema>;
const payloadSchema = z.object({ id: z.string(), secret: z.record(z.string(), z.string()) });

export function createSealedFileVault(options: { path: string; cipher: StringCipher; kind?: VaultKind }): Vault {
  const { path, cipher } = options;

  function ready(): void {
    const a = cipher.available();
    if (!a.ok) throw vaultError('unavailable', { reason: a.reason });
  }

  // Read on every call: another process may have written since (see passphrase-vault.ts).
  function read(): SealedFile {
    if (!existsSync(path)) return { format: 'domaindeck-sealed-vault', version: 1, entries: {} };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw vaultError('damaged', { path });
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw vaultError('damaged', { path });
    return parsed.data;
  }

  function write(file: SealedFile): void {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
    renameSync(tmp, path);
  }

  return {
    kind: options.kind ?? 'safeStorage',
    async status(): Promise<VaultStatus> {
      try {
        ready();
        read();
        return { ok: true };
      } catch (err) {
        return { ok: false, reason: err instanceof Error ? err.message : String(err) };
      }
    },
    async put(id, secret) {
      ready();
      const file = read();
      const sealed = cipher.encrypt(JSON.stringify({ id, secret })).toString('base64');
      write({ ...file, entries: { ...file.entries, [id]: sealed } });
    },
    async get(id) {
      ready();
      const sealed = read().entries[id];
      if (sealed === undefined) return null;
      let payload: z.infer<typeof payloadSchema> | null = null;
      try {
        const parsed = payloadSchema.safeParse(JSON.parse(cipher.decrypt(Buffer.from(sealed, 'base64'))));
        payload = parsed.success ? parsed.data : null;
      } catch {
        payload = null;
      }
      if (!payload || payload.id !== id) throw vaultError('entryDamaged', { account: id });
      return payload.secret;
    },
    async delete(id) {
      const file = read();
      if (!(id in file.entries)) return;
      const { [id]: _removed, ...rest } = file.entries;
      write({ ...file, entries: rest });
    },
    async list() {
      return Object.keys(read().entries);
    },
  };
}
