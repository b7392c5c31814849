import { XMLBuilder } from 'fast-xml-parser';

/**
 * XML trees in fast-xml-parser's plain-object form: a key is a tag, an array
 * repeats the tag, '' becomes a self-closing element (`<Note/>`, as the seed shows).
 */
export type XmlValue = string | number | boolean | XmlObject | XmlValue[];
export interface XmlObject {
  [tag: string]: XmlValue;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const builder = new XMLBuilder({ format: false, suppressEmptyNode: true, ignoreAttributes: true });

/** Serialises one document (an object with a single root key). */
export function buildXml(doc: XmlObject): string {
  return DECLARATION + String(builder.build(doc));
}

/**
 * Same output as the builder above for plain trees, without its per-node overhead.
 * list_domain for a 100,000-name account is ~70 MB of XML: XMLBuilder needs ~5 s
 * for it, this needs a fraction, so the bulk items of list_domain go through here
 * and get spliced into an envelope built by XMLBuilder (see `buildXmlWithBulk`).
 */
export function fastXml(tag: string, value: XmlValue): string {
  if (Array.isArray(value)) {
    let out = '';
    for (const v of value) out += fastXml(tag, v);
    return out;
  }
  if (value === '') return `<${tag}/>`;
  if (typeof value === 'object') {
    let inner = '';
    for (const k in value) inner += fastXml(k, value[k]!);
    return `<${tag}>${inner}</${tag}>`;
  }
  return `<${tag}>${escapeText(String(value))}</${tag}>`;
}

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const BULK_MARKER = '__DYNADOT_BULK__';

/** Builds `doc` with XMLBuilder, then replaces the marker element with pre-serialised bulk XML. */
export function buildXmlWithBulk(doc: (marker: XmlObject) => XmlObject, bulk: () => string): string {
  const text = buildXml(doc({ [BULK_MARKER]: '' }));
  const i = text.indexOf(`<${BULK_MARKER}/>`);
  if (i < 0) throw new Error('bulk marker missing from XML envelope');
  return text.slice(0, i) + bulk() + text.slice(i + BULK_MARKER.length + 3);
}
