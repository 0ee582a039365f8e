import { parseBodyBytes, type ReadBody } from './parse-body-bytes.js';

const decoder = new TextDecoder();

/**
 * The vendor's answer after its body was read (within the call's deadline and
 * size limit): its status, headers and URL, and the body served from memory
 * as often as asked, decoded and parsed at most once.
 *
 * Every authorized call builds exactly one: `isAuthFailure`, `mapError`, the
 * schema parse and the caller of `request()` all read this object, where each
 * used to get a new `Response` wrapping the bytes in a fresh body stream. It
 * is a real `Response` (`instanceof`, `.ok`, `.headers`, `.json()`, `.body`),
 * with one difference: reading the body never uses it up (`bodyUsed` stays
 * false), since several readers share it by design.
 */
export class ReadResponse extends Response {
  readonly #source: Response;
  readonly #bytes: Uint8Array;
  #text: string | undefined;
  #parsed: ReadBody | undefined;

  constructor(source: Response, bytes: Uint8Array) {
    // No body and no init: status, headers and url come from the source, without a copy.
    super();
    this.#source = source instanceof ReadResponse ? source.#source : source;
    this.#bytes = bytes;
  }

  override get status(): number {
    return this.#source.status;
  }

  override get statusText(): string {
    return this.#source.statusText;
  }

  override get ok(): boolean {
    return this.#source.ok;
  }

  override get headers(): Headers {
    return this.#source.headers;
  }

  override get url(): string {
    return this.#source.url;
  }

  override get redirected(): boolean {
    return this.#source.redirected;
  }

  override get type(): ResponseType {
    return this.#source.type;
  }

  override get bodyUsed(): boolean {
    return false;
  }

  /** A new stream over the bytes for each access (`null` for a 204/304 or an empty body). */
  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#bytes.byteLength === 0) return null;
    const bytes = this.#bytes;
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice());
        controller.close();
      },
    });
  }

  /** The body as read, parsed once: JSON when it is JSON (`null` when empty), else its text. */
  parsed(): ReadBody {
    this.#parsed ??= parseBodyBytes(this.#bytes);
    return this.#parsed;
  }

  override async text(): Promise<string> {
    this.#text ??= decoder.decode(this.#bytes);
    return this.#text;
  }

  override async json(): Promise<unknown> {
    const parsed = this.parsed();
    // As `Response.json()` does: an empty or non-JSON body is a SyntaxError.
    if (parsed.kind === 'text' || this.#bytes.byteLength === 0) return JSON.parse(await this.text());
    return parsed.value;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes.slice().buffer;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#bytes.slice();
  }

  override async blob(): Promise<Blob> {
    return new Blob([this.#bytes.slice()], { type: this.headers.get('content-type') ?? '' });
  }

  override async formData(): Promise<FormData> {
    return new Response(this.#bytes.slice(), { headers: this.headers }).formData();
  }

  override clone(): ReadResponse {
    return new ReadResponse(this, this.#bytes);
  }
}
