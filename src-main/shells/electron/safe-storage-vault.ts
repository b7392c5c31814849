import { safeStorage } from 'electron';
import { join } from 'node:path';
import { createSealedFileVault } from '../../vault/sealed-file-vault.js';
import type { Vault } from '../../vault/vault.js';

export const SAFE_STORAGE_VAULT_FILE = 'vault-safestorage.json';

/**
 * The desktop vault: Electron's safeStorage seals each entry with a key the
 * OS keeps (Keychain, DPAPI, libsecret/kwallet). The file format lives in
 * src-main/vault/sealed-file-vault.ts; this file only plugs in the cipher.
 * On Linux without a keyring Electron falls back to a hard-coded key
 * ("basic_text"), which is not protection, so it counts as unavailable.
 */
export function createSafeStorageVault(dataDir: string): Vault {
  return createSealedFileVault({
    path: join(dataDir, SAFE_STORAGE_VAULT_FILE),
    cipher: {
      available() {
        if (!safeStorage.isEncryptionAvailable()) return { ok: false, reason: 'safeStorage reports no encryption available' };
        if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
          return { ok: false, reason: 'no keyring (gnome-libsecret or kwallet) is running' };
        }
        return { ok: true };
      },
      encrypt: (plaintext) => safeStorage.encryptString(plaintext),
      decrypt: (sealed) => safeStorage.decryptString(sealed),
    },
  });
}

/** Whether the desktop shell can use safeStorage, or should fall back to the passphrase vault. */
export function safeStorageUsable(): boolean {
  return safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}
