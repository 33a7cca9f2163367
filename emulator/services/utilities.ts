/**
 * Utilities: dates in a time zone with Java SimpleDateFormat patterns, UUIDs, sleep, formatString,
 * base64 and digests. Byte arrays are Apps Script's Byte[]: numbers from -128 to 127.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { isDate } from '../runtime/realm';
import { newBlob, signedBytes } from './blob';
import type { ServiceContext } from './context';
import { enumName, enumOf, hostObject } from './host-object';
import { formatDate, PatternError, parseDate } from './simple-date-format';

export const Charset = enumOf('US_ASCII', 'UTF_8');
export const DigestAlgorithm = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
export const MacAlgorithm = enumOf('HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512');

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const NODE_HMAC: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};
/** Utilities.sleep allows at most 5 minutes. */
export const MAX_SLEEP_MS = 300_000;

const toBytes = signedBytes;

class UtilitiesImpl {
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  formatDate(date: Date, timeZone: string, pattern: string): string {
    if (!isDate(date) || Number.isNaN(date.getTime())) throw this.#ctx.error('Invalid argument: date');
    this.#zone(timeZone);
    try {
      return formatDate(date.getTime(), String(timeZone), String(pattern));
    } catch (error) {
      if (error instanceof PatternError) throw this.#ctx.error(error.message);
      throw error;
    }
  }
  parseDate(date: string, timeZone: string, pattern: string): Date {
    this.#zone(timeZone);
    let time: number | null;
    try {
      time = parseDate(String(date), String(timeZone), String(pattern));
    } catch (error) {
      if (error instanceof PatternError) throw this.#ctx.error(error.message);
      throw error;
    }
    if (time === null) throw this.#ctx.error(`Unparseable date: "${date}"`);
    return new Date(time);
  }
  formatString(template: string, ...args: unknown[]): string {
    try {
      return formatString(String(template), args);
    } catch (error) {
      throw this.#ctx.error((error as Error).message);
    }
  }
  newBlob(data: unknown, contentType?: string, name?: string): unknown {
    return newBlob(this.#ctx, data, contentType, name);
  }
  getUuid(): string {
    return randomUUID();
  }
  sleep(milliseconds: number): unknown {
    if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0)
      throw this.#ctx.error('Invalid argument: milliseconds');
    if (milliseconds > MAX_SLEEP_MS)
      throw this.#ctx.error(`Invalid argument: milliseconds (at most ${MAX_SLEEP_MS})`);
    if (this.#ctx.canBlock) {
      // In a worker the main thread must stay free to serve other executions: it answers later.
      return this.#ctx.whenSettled(
        new Promise<void>((resolve) => setTimeout(resolve, milliseconds)),
        () => undefined,
      );
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
    return undefined;
  }
  base64Encode(data: unknown, charset?: unknown): string {
    return this.#buffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: unknown): string {
    return this.#buffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, charset?: unknown): number[] {
    this.#charset(charset);
    return toBytes(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string, charset?: unknown): number[] {
    this.#charset(charset);
    return toBytes(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
    const name = NODE_DIGEST[enumName(algorithm)];
    if (!name)
      throw this.#ctx.error(`Invalid argument: algorithm ${enumName(algorithm)} (MD2 is not emulated)`);
    return toBytes(createHash(name).update(this.#buffer(value, charset)).digest());
  }
  computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
    const name = NODE_HMAC[enumName(algorithm)];
    if (!name) throw this.#ctx.error(`Invalid argument: algorithm ${enumName(algorithm)}`);
    return toBytes(
      createHmac(name, this.#buffer(key, charset)).update(this.#buffer(value, charset)).digest(),
    );
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
    return this.computeHmacSignature(MacAlgorithm.HMAC_SHA_256, value, key, charset);
  }
  #zone(timeZone: unknown): void {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: String(timeZone) });
    } catch {
      throw this.#ctx.error(`Invalid argument: timeZone ${String(timeZone)}`);
    }
  }
  #charset(charset: unknown): 'utf8' | 'ascii' {
    if (charset === undefined) return 'utf8';
    const name = enumName(charset);
    if (name === 'UTF_8') return 'utf8';
    if (name === 'US_ASCII') return 'ascii';
    throw this.#ctx.error(`Invalid argument: charset ${name}`);
  }
  /** A string (in the charset) or a Byte[] as bytes. */
  #buffer(data: unknown, charset: unknown): Buffer {
    const encoding = this.#charset(charset);
    if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
    if (typeof data === 'string') return Buffer.from(data, encoding);
    throw this.#ctx.error('Invalid argument: data (a string or a byte array)');
  }
}

/** Utilities.formatString: printf-style %s, %d, %i, %f with width and precision, %x, %o, %e, %%. */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(
    /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifxXoeEc%])/g,
    (match, flags: string, width, precision, type) => {
      if (type === '%') return '%';
      if (next >= args.length) throw new Error(`Missing argument for format specifier ${match}`);
      const arg = args[next++];
      let text: string;
      switch (type) {
        case 'd':
        case 'i':
          text = String(Math.trunc(Number(arg)));
          break;
        case 'f':
          text = Number(arg).toFixed(precision === undefined ? 6 : Number(precision));
          break;
        case 'e':
        case 'E':
          text = Number(arg).toExponential(precision === undefined ? 6 : Number(precision));
          if (type === 'E') text = text.toUpperCase();
          break;
        case 'x':
        case 'X':
          text = Math.trunc(Number(arg)).toString(16);
          if (type === 'X') text = text.toUpperCase();
          break;
        case 'o':
          text = Math.trunc(Number(arg)).toString(8);
          break;
        case 'c':
          text = typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
          break;
        default:
          text = typeof arg === 'string' ? arg : format('%s', arg);
          if (precision !== undefined) text = text.slice(0, Number(precision));
      }
      if (flags.includes('+') && /^[0-9]/.test(text) && 'difeE'.includes(type)) text = `+${text}`;
      if (width !== undefined && text.length < Number(width)) {
        const fill = flags.includes('0') && !flags.includes('-') ? '0' : ' ';
        text = flags.includes('-') ? text.padEnd(Number(width)) : text.padStart(Number(width), fill);
      }
      return text;
    },
  );
}

export function createUtilities(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'Utilities', new UtilitiesImpl(ctx));
}
