import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  immutable: boolean;
}

/** Resolves a URL path inside the renderer build, refusing anything outside it; unknown paths fall back to index.html (client-side routes). */
export function readStaticFile(root: string, urlPath: string): StaticFile | null {
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep) && full !== root) return null;
  const target = existsSync(full) && statSync(full).isFile() ? full : join(root, 'index.html');
  if (!existsSync(target)) return null;
  return { body: readFileSync(target), type: TYPES[extname(target)] ?? 'application/octet-stream', immutable: target.includes(`${sep}assets${sep}`) };
}
