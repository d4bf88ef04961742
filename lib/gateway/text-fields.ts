import { z } from "zod";

// C0 controls (NUL included) and DEL: SQLite text ends at a NUL and terminals act on the rest.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A one-line name or note typed by a person: trimmed, 1 to `maximumLength` characters, no control
 * characters (line breaks included).
 */
export function singleLineText(maximumLength: number) {
  return z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(maximumLength, `must be at most ${maximumLength} characters`)
    .refine((value) => !/[\r\n\t]/.test(value) && !controlCharacters.test(value), "must be one line without control characters");
}

/** Free text such as an announcement: up to `maximumLength` characters; line breaks and tabs allowed, other control characters not. */
export function multilineText(maximumLength: number) {
  return z
    .string()
    .max(maximumLength, `must be at most ${maximumLength} characters`)
    .refine((value) => !controlCharacters.test(value), "must not contain control characters");
}
