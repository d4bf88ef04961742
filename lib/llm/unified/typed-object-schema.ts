import { z } from "zod";

/**
 * A schema for an object discriminated by `type` where every known type has a strict shape and an
 * unknown type passes (so the converter can refuse it by name, and new block types a client sends
 * are reported clearly instead of as a union mismatch). A known type with a broken shape fails with
 * the path of the bad member, e.g. `messages.0.content.1.source.data: must not be empty`.
 */
export function typedObjectSchema(shapes: Record<string, z.ZodRawShape>) {
  const schemas = new Map(Object.entries(shapes).map(([type, shape]) => [type, z.looseObject(shape)]));
  return z.looseObject({ type: z.string() }).superRefine((value, context) => {
    const schema = schemas.get(value.type);
    if (!schema) return;
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) context.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}

/** Base64 text that is not empty (whitespace allowed, as some clients wrap lines). */
export const base64Schema = z
  .string()
  .refine((value) => value.trim().length > 0, "must not be empty")
  .refine((value) => /^[A-Za-z0-9+/=\s_-]*$/.test(value), "must be base64");

/** A non-empty identifier such as a tool call id. */
export const identifierSchema = z.string().min(1, "must not be empty");
