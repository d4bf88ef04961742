import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { eventFrame, exceptionFrame } from "@/tests/kiro-mock/event-stream-frame";
import { EventStreamDecodeError, KiroEventStreamDecoder, maximumMessageLength, type KiroStreamMessage } from "./kiro-event-stream-decoder";

const frames = [
  eventFrame("assistantResponseEvent", { content: "Hello " }),
  eventFrame("assistantResponseEvent", { content: "你好世界🌍 — ñandú" }),
  eventFrame("toolUseEvent", { name: "get_weather", toolUseId: "tooluse_1", input: "{\"city\":" }),
  eventFrame("meteringEvent", { usage: 0.04 }),
  exceptionFrame("ThrottlingException", "slow down"),
];
const stream = Buffer.concat(frames);

function decodeInPieces(bytes: Uint8Array, cuts: number[]): KiroStreamMessage[] {
  const decoder = new KiroEventStreamDecoder();
  const messages: KiroStreamMessage[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    messages.push(...decoder.push(bytes.subarray(start, cut)));
    start = cut;
  }
  decoder.finish();
  return messages;
}

describe("KiroEventStreamDecoder", () => {
  const whole = decodeInPieces(stream, []);

  it("decodes events and exceptions with their headers and UTF-8 payloads", () => {
    expect(whole.map((message) => [message.messageType, message.eventType ?? message.exceptionType])).toEqual([
      ["event", "assistantResponseEvent"],
      ["event", "assistantResponseEvent"],
      ["event", "toolUseEvent"],
      ["event", "meteringEvent"],
      ["exception", "ThrottlingException"],
    ]);
    expect(JSON.parse(whole[1].payload)).toEqual({ content: "你好世界🌍 — ñandú" });
    expect(JSON.parse(whole[4].payload)).toEqual({ message: "slow down" });
  });

  it("gives the same messages whichever byte the stream is split at", () => {
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(decodeInPieces(stream, [cut])).toEqual(whole);
    }
  });

  it("gives the same messages when every byte arrives on its own", () => {
    const everyByte = Array.from({ length: stream.length - 1 }, (_, index) => index + 1);
    expect(decodeInPieces(stream, everyByte)).toEqual(whole);
  });

  it("agrees with frames encoded by AWS's own codec", () => {
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const encoded = codec.encode({
      headers: {
        ":message-type": { type: "string", value: "event" },
        ":event-type": { type: "string", value: "assistantResponseEvent" },
      },
      body: fromUtf8(JSON.stringify({ content: "ok ✓" })),
    });
    expect(decodeInPieces(encoded, [3, 11, 12, 20])).toEqual([
      { messageType: "event", eventType: "assistantResponseEvent", exceptionType: undefined, errorCode: undefined, payload: "{\"content\":\"ok ✓\"}" },
    ]);
  });

  it("rejects a corrupted message checksum", () => {
    const corrupt = Buffer.from(frames[0]);
    corrupt[corrupt.length - 6] ^= 0xff;
    expect(() => new KiroEventStreamDecoder().push(corrupt)).toThrow(EventStreamDecodeError);
  });

  it("rejects a corrupted prelude as soon as the prelude has arrived", () => {
    const corrupt = Buffer.from(frames[0]);
    corrupt[2] ^= 0x01;
    expect(() => new KiroEventStreamDecoder().push(corrupt.subarray(0, 12))).toThrow(/prelude checksum/);
  });

  it("refuses a frame longer than the cap before buffering it", () => {
    const header = Buffer.alloc(12);
    header.writeUInt32BE(maximumMessageLength + 1, 0);
    header.writeUInt32BE(0, 4);
    header.writeUInt32BE(crc32(header.subarray(0, 8)), 8);
    expect(() => new KiroEventStreamDecoder().push(header)).toThrow(/out of range/);
  });

  it("reports a stream that ends inside a frame", () => {
    const decoder = new KiroEventStreamDecoder();
    decoder.push(frames[0].subarray(0, 20));
    expect(() => decoder.finish()).toThrow(/ended inside a message/);
  });

  it("reads string headers that follow headers of other types", () => {
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const encoded = codec.encode({
      headers: {
        ":binary-note": { type: "binary", value: new Uint8Array([1, 2, 3]) },
        ":sequence": { type: "integer", value: 7 },
        ":message-type": { type: "string", value: "event" },
        ":event-type": { type: "string", value: "contextUsageEvent" },
      },
      body: fromUtf8("{\"contextUsagePercentage\":1.5}"),
    });
    expect(decodeInPieces(encoded, [1])[0]).toMatchObject({ messageType: "event", eventType: "contextUsageEvent" });
  });
});
