import { z } from "zod";
import { base64Schema, identifierSchema, typedObjectSchema } from "../../unified/typed-object-schema";

/**
 * Anthropic Messages request body (docs.anthropic.com/en/api/messages), loose: unknown members
 * (`cache_control`, `citations`, new options) pass, every member the gateway reads is type-checked,
 * and block types the gateway does not know reach the converter, which refuses them by name.
 */
const imageSourceSchema = typedObjectSchema({
  base64: { media_type: z.string().min(1), data: base64Schema },
  url: { url: z.url({ protocol: /^https?$/ }) },
});

const textShape = { text: z.string() };
const imageShape = { source: imageSourceSchema };
const documentShape = {
  source: typedObjectSchema({
    text: { data: z.string() },
    content: { content: z.union([z.string(), z.array(typedObjectSchema({ text: textShape, image: imageShape }))]) },
    base64: { media_type: z.string().min(1), data: base64Schema },
    url: { url: z.url({ protocol: /^https?$/ }) },
  }),
  title: z.string().nullish(),
};

/** Any content block of a request message. */
export const anthropicContentBlockSchema = typedObjectSchema({
  text: textShape,
  image: imageShape,
  document: documentShape,
  tool_use: { id: identifierSchema, name: z.string().min(1), input: z.record(z.string(), z.unknown()) },
  tool_result: {
    tool_use_id: identifierSchema,
    content: z.union([z.string(), z.array(typedObjectSchema({ text: textShape, image: imageShape, document: documentShape }))]).optional(),
    is_error: z.boolean().optional(),
  },
  thinking: { thinking: z.string(), signature: z.string().optional() },
  redacted_thinking: { data: z.string() },
});

/** A content block as the converter reads it: its `type` and members already checked for that type. */
export type AnthropicContentBlock = { type: string } & Record<string, unknown>;

const messagesFields = {
  model: z.string().min(1),
  messages: z
    .array(
      z.looseObject({
        // Claude Code also sends `system` turns mid-conversation (its per-turn-control beta).
        role: z.enum(["user", "assistant", "system"]),
        content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
      }),
    )
    .min(1, "at least one message is required"),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.literal("text"), text: z.string() }))]).optional(),
  tools: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        type: z.string().nullish(),
        description: z.string().nullish(),
        input_schema: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .optional(),
  tool_choice: z
    .looseObject({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().optional(), disable_parallel_tool_use: z.boolean().optional() })
    .optional(),
  thinking: z
    .union([
      z.looseObject({ type: z.literal("enabled"), budget_tokens: z.number().int().min(1) }),
      z.looseObject({ type: z.literal("disabled") }),
      z.looseObject({ type: z.literal("adaptive"), display: z.string().optional() }),
    ])
    .optional(),
  output_config: z.looseObject({ effort: z.enum(["low", "medium", "high", "max"]).optional() }).optional(),
  stop_sequences: z.array(z.string()).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  stream: z.boolean().optional(),
};

/** `POST /v1/messages` body: `max_tokens` is required, as in the official API. */
export const anthropicMessagesRequestSchema = z.looseObject({ ...messagesFields, max_tokens: z.number().int().min(1) });

/** `POST /v1/messages/count_tokens` body: the same without `max_tokens`. */
export const anthropicCountTokensRequestSchema = z.looseObject({ ...messagesFields, max_tokens: z.number().int().min(1).optional() });

/** A parsed Messages (or count_tokens) request. */
export type AnthropicMessagesRequest = z.infer<typeof anthropicCountTokensRequestSchema>;
