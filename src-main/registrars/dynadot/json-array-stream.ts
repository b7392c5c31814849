/**
 * Splits one large JSON document into the items of a single array member,
 * chunk by chunk, without ever holding the whole body as a string.
 * list_domain has no paging: 100,000 names are one ~57 MB JSON answer. Each
 * item is handed over as its own small buffer; the envelope around the array
 * is kept (with the array emptied) so the caller can check it like any other
 * answer once the stream ends.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
/** Comma and JSON whitespace. */
const BETWEEN_ITEMS = new Set([0x2c, 0x20, 0x0a, 0x0d, 0x09]);

export class JsonArrayStream {
  private phase: 'prefix' | 'array' | 'suffix' = 'prefix';
  private prefix: Buffer = Buffer.alloc(0);
  private suffix: Buffer[] = [];
  private carry: Buffer = Buffer.alloc(0);
  private depth = 0;
  private inString = false;
  private escaped = false;
  private readonly marker: RegExp;

  constructor(
    member: string,
    private readonly onItem: (item: Buffer) => void,
    /** The envelope alone is small; a body that never reaches the array is an error or an unknown shape. */
    private readonly prefixLimit = 1_000_000,
  ) {
    this.marker = new RegExp(`"${member}"\\s*:\\s*\\[`);
  }

  push(chunk: Buffer): void {
    if (this.phase === 'suffix') {
      this.suffix.push(chunk);
      return;
    }
    if (this.phase === 'prefix') {
      this.prefix = Buffer.concat([this.prefix, chunk]);
      // latin1 keeps byte offsets equal to string offsets.
      const m = this.marker.exec(this.prefix.toString('latin1'));
      if (!m) {
        if (this.prefix.length > this.prefixLimit) this.phase = 'suffix';
        return;
      }
      const start = m.index + m[0].length;
      const rest = this.prefix.subarray(start);
      this.prefix = this.prefix.subarray(0, start);
      this.phase = 'array';
      this.scan(rest);
      return;
    }
    this.scan(chunk);
  }

  /** The document with the array emptied, or null when the array never closed (truncated body). */
  envelope(): string | null {
    if (this.phase === 'array') return null;
    if (this.phase === 'prefix' || !this.prefix.toString('latin1').endsWith('[')) {
      return Buffer.concat([this.prefix, ...this.suffix]).toString('utf8');
    }
    return this.prefix.toString('utf8') + ']' + Buffer.concat(this.suffix).toString('utf8');
  }

  /** Whether the array was found at all (false: the body is an error or another shape). */
  foundArray(): boolean {
    return this.phase !== 'prefix' && this.prefix.toString('latin1').endsWith('[');
  }

  private scan(chunk: Buffer): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let i = this.carry.length;
    let itemStart = this.depth > 0 ? 0 : -1;
    for (; i < buf.length; i++) {
      const b = buf[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
        continue;
      }
      if (b === QUOTE) {
        if (this.depth === 0) throw new SyntaxError('list item is not an object');
        this.inString = true;
      } else if (b === OPEN_OBJ || b === OPEN_ARR) {
        if (this.depth === 0) {
          if (b === OPEN_ARR) throw new SyntaxError('list item is not an object');
          itemStart = i;
        }
        this.depth++;
      } else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
        if (this.depth === 0) {
          if (b !== CLOSE_ARR) throw new SyntaxError('unbalanced list');
          this.phase = 'suffix';
          this.carry = Buffer.alloc(0);
          this.suffix.push(buf.subarray(i + 1));
          return;
        }
        this.depth--;
        if (this.depth === 0) {
          this.onItem(buf.subarray(itemStart, i + 1));
          itemStart = -1;
        }
      } else if (this.depth === 0 && !BETWEEN_ITEMS.has(b)) {
        throw new SyntaxError('list item is not an object');
      }
    }
    this.carry = itemStart >= 0 ? buf.subarray(itemStart) : Buffer.alloc(0);
  }
}
