// --- Reading base64 and JSON as `diagnose` reads them --------------------------------------------

/** Thrown inside the JSON readers; never leaves this module. */
const NOT_JSON = Object.freeze({ notJson: true });

function decodingTable(alphabet) {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i += 1) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URL_SAFE = decodingTable(`${LETTERS_AND_DIGITS}-_`);
const STANDARD = decodingTable(`${LETTERS_AND_DIGITS}+/`);

/**
 * Base64 as the Rust `base64` crate decodes it: `padding` "none" refuses `=`, "indifferent"
 * takes canonical or partial padding; `trailingBits` allows set bits after the last byte.
 * `null` when it does not decode.
 */
function base64(text, table, padding, trailingBits) {
  const length = text.length;
  if (length === 0) return new Uint8Array(0);
  const symbol = (at) => {
    const c = text.charCodeAt(at);
    return c < 128 ? table[c] : -1;
  };
  const body = length - (length % 4 || 4);
  const bytes = [];
  for (let at = 0; at < body; at += 4) {
    const a = symbol(at);
    const b = symbol(at + 1);
    const c = symbol(at + 2);
    const d = symbol(at + 3);
    if (a < 0 || b < 0 || c < 0 || d < 0) return null;
    const n = a * 262144 + b * 4096 + c * 64 + d;
    bytes.push(n >> 16, (n >> 8) & 255, n & 255);
  }
  const morsels = [];
  let pads = 0;
  for (let k = 0; body + k < length; k += 1) {
    if (text.charCodeAt(body + k) === 61) {
      if (k < 2) return null;
      pads += 1;
      continue;
    }
    if (pads > 0) return null;
    const value = symbol(body + k);
    if (value < 0) return null;
    morsels.push(value);
  }
  if (morsels.length < 2) return null;
  if (padding === "none" && pads > 0) return null;
  const count = Math.floor((morsels.length * 6) / 8);
  const [a, b, c = 0, d = 0] = morsels;
  const n = a * 262144 + b * 4096 + c * 64 + d;
  if (!trailingBits && n % 2 ** (24 - count * 8) !== 0) return null;
  bytes.push(n >> 16, (n >> 8) & 255, n & 255);
  bytes.length -= 3 - count;
  return Uint8Array.from(bytes);
}

/** UTF-8 text, or NOT_JSON; a byte order mark stays, as JSON does not take one. */
function utf8(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw NOT_JSON;
  }
}

/**
 * A JSON reader that takes exactly what serde_json takes: like JSON.parse, but it refuses a
 * lone surrogate escape, a number too large for a double, and nesting deeper than 127.
 * `strict: false` only checks the syntax (as serde_json skips a value it keeps as text).
 */
class JsonReader {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  fail() {
    throw NOT_JSON;
  }

  code() {
    return this.at < this.text.length ? this.text.charCodeAt(this.at) : -1;
  }

  space() {
    for (;;) {
      const c = this.code();
      if (c === 32 || c === 9 || c === 10 || c === 13) this.at += 1;
      else return;
    }
  }

  expect(c) {
    this.space();
    if (this.code() !== c) this.fail();
    this.at += 1;
  }

  end() {
    this.space();
    if (this.at !== this.text.length) this.fail();
  }

  /** A string; `strict` refuses lone surrogate escapes. */
  string(strict) {
    const start = this.at;
    this.at += 1;
    let escaped = false;
    for (;;) {
      const c = this.code();
      if (c === 34) break;
      if (c < 32) this.fail(); // the end of the text (-1) or a control character
      this.at += 1;
      if (c !== 92) continue;
      escaped = true;
      const e = this.code();
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) this.fail();
        this.at += 5;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        this.at += 1;
      } else {
        this.fail();
      }
    }
    this.at += 1;
    const raw = this.text.slice(start, this.at);
    if (!escaped) return raw.slice(1, -1);
    const text = JSON.parse(raw);
    if (strict && LONE_SURROGATE.test(text)) this.fail();
    return text;
  }

  number(strict) {
    const start = this.at;
    const digits = () => {
      const from = this.at;
      while (this.code() >= 48 && this.code() <= 57) this.at += 1;
      return this.at - from;
    };
    if (this.code() === 45) this.at += 1;
    if (this.code() === 48) this.at += 1;
    else if (this.code() >= 49 && this.code() <= 57) digits();
    else this.fail();
    if (this.code() === 46) {
      this.at += 1;
      if (digits() === 0) this.fail();
    }
    if (this.code() === 101 || this.code() === 69) {
      this.at += 1;
      if (this.code() === 43 || this.code() === 45) this.at += 1;
      if (digits() === 0) this.fail();
    }
    const value = Number(this.text.slice(start, this.at));
    if (strict && !Number.isFinite(value)) this.fail();
    return value;
  }

  word(word, value) {
    if (this.text.startsWith(word, this.at)) {
      this.at += word.length;
      return value;
    }
    return this.fail();
  }

  scalar(strict) {
    const c = this.code();
    if (c === 34) return this.string(strict);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number(strict);
    if (c === 116) return this.word("true", true);
    if (c === 102) return this.word("false", false);
    if (c === 110) return this.word("null", null);
    return this.fail();
  }

  /**
   * One value, as serde_json reads it into a `Value`; `level` is the nesting so far. `raw`
   * collects each member's JSON text of a top-level object.
   */
  value(level, raw) {
    this.space();
    const c = this.code();
    if (c !== 123 && c !== 91) return this.scalar(true);
    if (level + 1 >= 128) this.fail();
    this.at += 1;
    this.space();
    if (c === 91) {
      const array = [];
      if (this.code() === 93) {
        this.at += 1;
        return array;
      }
      for (;;) {
        array.push(this.value(level + 1, null));
        this.space();
        const next = this.code();
        this.at += 1;
        if (next === 93) return array;
        if (next !== 44) this.fail();
      }
    }
    const object = {};
    this.members((name) => {
      const start = this.at;
      define(object, name, this.value(level + 1, null));
      if (raw) raw.set(name, this.text.slice(start, this.at));
    });
    return object;
  }

  /**
   * The members of an object whose `{` is read, up to and with its `}`: each name is read, then
   * `member(name)` reads the value.
   */
  members(member) {
    this.space();
    if (this.code() === 125) {
      this.at += 1;
      return;
    }
    for (;;) {
      this.space();
      if (this.code() !== 34) this.fail();
      const name = this.string(true);
      this.expect(58);
      this.space();
      member(name);
      this.space();
      const next = this.code();
      this.at += 1;
      if (next === 125) return;
      if (next !== 44) this.fail();
    }
  }

  /** Checks one value's syntax and steps over it, at any depth (serde_json's ignore_value). */
  skip() {
    const open = [];
    const key = () => {
      this.space();
      if (this.code() !== 34) this.fail();
      this.string(false);
      this.expect(58);
    };
    for (;;) {
      this.space();
      const c = this.code();
      if (c === 123 || c === 91) {
        this.at += 1;
        this.space();
        if (this.code() === (c === 123 ? 125 : 93)) {
          this.at += 1;
        } else {
          open.push(c);
          if (c === 123) key();
          continue;
        }
      } else {
        this.scalar(false);
      }
      for (;;) {
        if (open.length === 0) return;
        this.space();
        const next = this.code();
        const inner = open[open.length - 1];
        this.at += 1;
        if (next === 44) {
          if (inner === 123) key();
          break;
        }
        if (next !== (inner === 123 ? 125 : 93)) this.fail();
        open.pop();
      }
    }
  }
}

/** A JSON value as serde_json reads it, or NOT_JSON thrown. */
function parseJson(text, raw = null) {
  const reader = new JsonReader(text);
  const value = reader.value(0, raw);
  reader.end();
  return value;
}

/**
 * lwicontexts as lwicontext's JsonContext reads it: a JSON object whose members are kept in
 * order, repeated names included, each value as its JSON text. `null` when it is not one.
 */
function contextEntries(text) {
  const reader = new JsonReader(text);
  try {
    reader.expect(123);
    const entries = [];
    reader.members((name) => {
      const start = reader.at;
      reader.skip();
      entries.push({ name, json: text.slice(start, reader.at) });
    });
    reader.end();
    return entries;
  } catch (error) {
    if (error === NOT_JSON) return null;
    throw error;
  }
}
