// Turns one-shot request bodies (web ReadableStreams, Node streams, async iterables) into bytes that can
// be sent again after a redirect. Uses only web-standard APIs so the helpers stay browser-safe.

interface WebReadableStreamLike {
  getReader(): { read(): Promise<{ done: boolean; value?: unknown }>; releaseLock(): void };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

export function isWebReadableStream(value: unknown): value is WebReadableStreamLike {
  return isObject(value) && typeof (value as { getReader?: unknown }).getReader === 'function';
}

/** Node `Readable`, async generators and other async iterables (but not strings, arrays or byte views). */
export function isAsyncIterableBody(value: unknown): value is AsyncIterable<unknown> {
  return isObject(value) && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** True for bodies that can be read only once. */
export function isOneShotBody(value: unknown): boolean {
  return isWebReadableStream(value) || isAsyncIterableBody(value);
}

function chunkToBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`front-contacts runtime: cannot buffer a request body chunk of type ${typeof chunk}`);
}

/**
 * Reads a one-shot body completely into a fresh, exactly-sized ArrayBuffer
 * (never a view into a larger pool, which some clients would send whole).
 */
export async function bufferOneShotBody(body: unknown): Promise<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  if (isWebReadableStream(body)) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(chunkToBytes(value));
      }
    } finally {
      reader.releaseLock();
    }
  } else if (isAsyncIterableBody(body)) {
    for await (const chunk of body) chunks.push(chunkToBytes(chunk));
  } else {
    throw new TypeError('front-contacts runtime: body is not a stream');
  }
  let total = 0;
  for (const c of chunks) total += c.byteLength;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out.buffer;
}
