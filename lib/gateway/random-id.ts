import { randomBytes } from "node:crypto";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random id of `length` letters and digits after `prefix`, like the ids the official APIs return (`msg_…`, `chatcmpl-…`). */
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = prefix;
  // 248 is the largest multiple of 62 below 256; rejecting above it keeps the choice uniform.
  for (let index = 0; index < length; index += 1) {
    let byte = bytes[index];
    while (byte >= 248) byte = randomBytes(1)[0];
    id += alphabet[byte % alphabet.length];
  }
  return id;
}
