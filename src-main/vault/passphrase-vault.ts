import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { vaultError } from './errors.js';
import type { Vault, VaultStatus } from './vault.js';

/**
 * Passphrase vault for the CLI and web shells: scrypt key derivation,
 * AES-256-GCM with a fresh 96-bit nonce per secret, the entry id bound as
 * additional authenticated data (entries cannot be swapped), and a verifier
 * so a wrong passphrase is one clear error before anything is written.
 * The file is replaced atomically (write + rename) with mode 0600. Errors
 * carry their own `vault.*` catalog keys (see errors.ts).
 */
export const VAULT_FILE = 'vault.json';
const VERIFIER_PLAINTEXT = 'domaindeck-vault-v1';
const KDF = { N: 1 << 15, r: 8, p: 1, keyLength: 32 };

const sealedSchema = z.object({ iv: z.string(), ct: z.string(), tag: z.string() });
type Sealed = z.infer<typeof sealedSchema>;
const fileSchema = z.object({
  format: z.literal('domaindeck-vault'),
  version: z.literal(1),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  verifier: sealedSchema,
  entries: z.record(z.string(), sealedSchema),
});
type VaultFile = z.infer<typeof fileSchema>;

export type PassphraseSource = () => Promise<string | null>;

/** DOMAINDECK_PASSPHRASE if set; otherwise the caller's prompt (CLI) or nothing. */
export function envPassphrase(env: NodeJS.ProcessEnv = process.env, prompt?: () => Promise<string>): PassphraseSource {
  return async () => env.DOMAINDECK_PASSPHRASE ?? (prompt ? prompt() : null);
}

export function createPassphraseVault(dataDir: string, passphrase: PassphraseSource): Vault {
  const path = join(dataDir, VAULT_FILE);
  /** The derived key, the salt it belongs to, and a new vault not yet written (first run). */
  let session: { key: Buffer; salt: string; fresh: VaultFile | null } | null = null;

  function readVaultFile(): VaultFile | null {
    if (!existsSync(path)) return null;
    const parsed = fileSchema.safeParse(safeJson(readFileSync(path, 'utf8')));
    if (!parsed.success) throw vaultError('damaged', { path });
    return parsed.data;
  }

  /**
   * The key is derived once per process, but the file is read again for
   * every operation: the CLI and a running web shell may share one data dir,
   * and writing back a stale copy would drop the other's entries.
   */
  async function unlock(): Promise<{ key: Buffer; file: VaultFile }> {
    const onDisk = readVaultFile();
    if (session) {
      if (onDisk) {
        if (onDisk.kdf.salt !== session.salt) throw vaultError('replaced', { path });
        return { key: session.key, file: onDisk };
      }
      if (session.fresh) return { key: session.key, file: session.fresh };
      throw vaultError('replaced', { path });
    }
    const secret = await passphrase();
    if (!secret) throw vaultError('locked');
    if (!onDisk) {
      const salt = randomBytes(16);
      const key = await deriveKey(secret, salt, KDF);
      const file: VaultFile = {
        format: 'domaindeck-vault',
        version: 1,
        kdf: { name: 'scrypt', N: KDF.N, r: KDF.r, p: KDF.p, salt: salt.toString('base64') },
        verifier: seal(key, VERIFIER_PLAINTEXT, 'verifier'),
        entries: {},
      };
      session = { key, salt: file.kdf.salt, fresh: file };
      return { key, file };
    }
    const key = await deriveKey(secret, Buffer.from(onDisk.kdf.salt, 'base64'), { ...onDisk.kdf, keyLength: 32 });
    if (open(key, onDisk.verifier, 'verifier') !== VERIFIER_PLAINTEXT) throw vaultError('wrongPassphrase');
    session = { key, salt: onDisk.kdf.salt, fresh: null };
    return { key, file: onDisk };
  }

  function persist(file: VaultFile): void {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
    renameSync(tmp, path);
    if (session) session.fresh = null;
  }

  return {
    kind: 'passphrase',
    async status(): Promise<VaultStatus> {
      try {
        await unlock();
        return { ok: true };
      } catch (err) {
        return { ok: false, reason: err instanceof Error ? err.message : String(err) };
      }
    },
    async put(id, secret) {
      const { key, file } = await unlock();
      persist({ ...file, entries: { ...file.entries, [id]: seal(key, JSON.stringify(secret), id) } });
    },
    async get(id) {
      const { key, file } = await unlock();
      const entry = file.entries[id];
      if (!entry) return null;
      const text = open(key, entry, id);
      if (text === null) throw vaultError('entryDamaged', { account: id });
      return JSON.parse(text) as Record<string, string>;
    },
    async delete(id) {
      const { file } = await unlock();
      if (!(id in file.entries)) return;
      const { [id]: _removed, ...rest } = file.entries;
      persist({ ...file, entries: rest });
    },
    async list() {
      const { file } = await unlock();
      return Object.keys(file.entries);
    },
  };
}

function deriveKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  const opts: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize('NFC'), salt, kdf.keyLength, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

function seal(key: Buffer, plaintext: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function open(key: Buffer, sealed: Sealed, aad: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
