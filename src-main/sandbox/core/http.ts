import type { IncomingMessage } from 'node:http';
import type { SimRequest, SimResponse } from './types.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readSimRequest(req: IncomingMessage, path: string, query: URLSearchParams): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  let form = new URLSearchParams();
  let json: unknown;
  if (type.includes('application/x-www-form-urlencoded')) form = new URLSearchParams(rawBody);
  else if (type.includes('multipart/form-data')) form = parseMultipart(rawBody, type);
  else if (type.includes('json') && rawBody.trim() !== '') {
    try {
      json = JSON.parse(rawBody);
    } catch {
      json = undefined;
    }
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    query,
    headers: req.headers,
    rawBody,
    form,
    json,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
}

/** Minimal multipart parser for text fields (curl -F), which the seeds' examples use. */
function parseMultipart(body: string, contentType: string): URLSearchParams {
  const out = new URLSearchParams();
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return out;
  for (const part of body.split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    const split = part.indexOf('\r\n\r\n');
    if (!name || split < 0) continue;
    out.append(name, part.slice(split + 4).replace(/\r\n$/, ''));
  }
  return out;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function textResponse(status: number, body: string, contentType = 'text/plain; charset=utf-8'): SimResponse {
  return { status, headers: { 'content-type': contentType }, body };
}
