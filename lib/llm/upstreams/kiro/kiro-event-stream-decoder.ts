import { crc32 } from "node:zlib";
import { EventStreamCodec, type MessageHeaders } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";

/**
 * One decoded AWS event-stream message (spec §3.2): its `:message-type` (`event`, `exception` or
 * `error`), its `:event-type` / `:exception-type` / `:error-code`, and its payload decoded as UTF-8.
 */
export type KiroStreamMessage = {
  messageType: string;
  eventType?: string;
  exceptionType?: string;
  errorCode?: string;
  payload: string;
};

/** Thrown for bytes that are not a valid event stream: bad CRC, impossible length, truncated frame. */
export class EventStreamDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventStreamDecodeError";
  }
}

const preludeLength = 12;
const minimumMessageLength = 16;
/** Frames larger than this are refused before they are buffered (kiro.rs uses the same 16 MiB cap). */
export const maximumMessageLength = 16 * 1024 * 1024;

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const utf8Decoder = new TextDecoder("utf-8", { fatal: false });

/**
 * Incremental decoder for the AWS event stream Kiro answers with. Bytes go in as they arrive, in
 * pieces of any size (a frame may be split anywhere, inside its prelude or inside a multi-byte
 * character); whole messages come out. Framing and both CRCs are checked by
 * `@smithy/eventstream-codec`; the prelude CRC is also checked as soon as 12 bytes are buffered, so a
 * corrupt length is refused before waiting for, or buffering, the bytes it claims.
 */
export class KiroEventStreamDecoder {
  private buffer: Uint8Array = new Uint8Array(0);

  /**
   * Adds bytes and returns every message completed by them (possibly none).
   * @throws EventStreamDecodeError on a CRC mismatch, an impossible length or a bad header.
   */
  push(chunk: Uint8Array): KiroStreamMessage[] {
    this.buffer = this.buffer.length === 0 ? chunk : concatenate(this.buffer, chunk);
    const messages: KiroStreamMessage[] = [];
    let offset = 0;
    while (this.buffer.length - offset >= preludeLength) {
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + offset, preludeLength);
      const totalLength = view.getUint32(0, false);
      const preludeChecksum = view.getUint32(8, false);
      if (crc32(this.buffer.subarray(offset, offset + 8)) !== preludeChecksum) {
        throw new EventStreamDecodeError("event-stream prelude checksum mismatch");
      }
      if (totalLength < minimumMessageLength || totalLength > maximumMessageLength) {
        throw new EventStreamDecodeError(`event-stream message length ${totalLength} is out of range`);
      }
      if (this.buffer.length - offset < totalLength) break;
      messages.push(decodeMessage(this.buffer.subarray(offset, offset + totalLength)));
      offset += totalLength;
    }
    this.buffer = offset === 0 ? this.buffer : this.buffer.slice(offset);
    return messages;
  }

  /**
   * Declares the end of the byte stream.
   * @throws EventStreamDecodeError when a partial message is left over (the upstream was cut off).
   */
  finish(): void {
    if (this.buffer.length > 0) {
      throw new EventStreamDecodeError(`event stream ended inside a message (${this.buffer.length} bytes left over)`);
    }
  }
}

function decodeMessage(bytes: Uint8Array): KiroStreamMessage {
  let decoded: { headers: MessageHeaders; body: Uint8Array };
  try {
    decoded = codec.decode(bytes);
  } catch (error) {
    throw new EventStreamDecodeError(error instanceof Error ? error.message : "invalid event-stream message");
  }
  const header = (name: string) => {
    const value = decoded.headers[name];
    return value && value.type === "string" ? value.value : undefined;
  };
  return {
    messageType: header(":message-type") ?? "event",
    eventType: header(":event-type"),
    exceptionType: header(":exception-type"),
    errorCode: header(":error-code"),
    payload: utf8Decoder.decode(decoded.body),
  };
}

function concatenate(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}
