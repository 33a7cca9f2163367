/**
 * Blob, as Utilities.newBlob makes it (https://developers.google.com/apps-script/reference/utilities/utilities#newblobdata,-contenttype,-name):
 * bytes with a content type and a name. Byte arrays are Apps Script's Byte[] (-128 to 127).
 * Conversions to other formats (getAs) are Google's servers' work and are not emulated.
 */
import type { ServiceContext } from './context';
import { hostObject } from './host-object';

export const signedBytes = (buffer: Buffer): number[] => [...buffer].map((b) => (b > 127 ? b - 256 : b));

class BlobImpl {
  readonly #ctx: ServiceContext;
  #bytes: Buffer;
  #contentType: string | null;
  #name: string | null;
  constructor(ctx: ServiceContext, bytes: Buffer, contentType: string | null, name: string | null) {
    this.#ctx = ctx;
    this.#bytes = bytes;
    this.#contentType = contentType;
    this.#name = name;
  }
  getBytes(): number[] {
    return signedBytes(this.#bytes);
  }
  getDataAsString(charset?: string): string {
    return this.#bytes.toString(charset && /^(us-)?ascii$/i.test(charset) ? 'ascii' : 'utf8');
  }
  getContentType(): string | null {
    return this.#contentType;
  }
  setContentType(contentType: string | null): unknown {
    this.#contentType = contentType;
    return this;
  }
  getName(): string | null {
    return this.#name;
  }
  setName(name: string): unknown {
    this.#name = name;
    return this;
  }
  setBytes(data: number[]): unknown {
    this.#bytes = bytesOf(this.#ctx, data);
    return this;
  }
  setDataFromString(text: string): unknown {
    this.#bytes = Buffer.from(String(text), 'utf8');
    return this;
  }
  copyBlob(): unknown {
    return createBlob(this.#ctx, Buffer.from(this.#bytes), this.#contentType, this.#name);
  }
  isGoogleType(): boolean {
    return false;
  }
}

function bytesOf(ctx: ServiceContext, data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  throw ctx.error('Invalid argument: data (a string or a byte array)');
}

function createBlob(
  ctx: ServiceContext,
  bytes: Buffer,
  contentType: string | null,
  name: string | null,
): unknown {
  return hostObject(ctx, 'Blob', new BlobImpl(ctx, bytes, contentType, name));
}

/** Utilities.newBlob(data, contentType?, name?): a string is stored as UTF-8; text/plain when it is one. */
export function newBlob(ctx: ServiceContext, data: unknown, contentType?: string, name?: string): unknown {
  const type = contentType ?? (typeof data === 'string' ? 'text/plain' : null);
  return createBlob(ctx, bytesOf(ctx, data ?? ''), type, name ?? null);
}
