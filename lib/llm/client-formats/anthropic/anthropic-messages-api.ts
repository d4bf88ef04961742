import { z } from "zod";

/**
 * Anthropic Messages request body (docs.anthropic.com/en/api/messages), loose: unknown members
 * (`cache_control`, `citations`, new options) pass, every member the gateway reads is type-checked.
 */
const base64ImageSourceSchema = z.looseObject({ type: z.literal("base64"), media_type: z.string(), data: z.string() });
const urlSourceSchema = z.looseObject({ type: z.literal("url"), url: z.string() });
const textBlockSchema = z.looseObject({ type: z.literal("text"), text: z.string() });
const imageBlockSchema = z.looseObject({
  type: z.literal("image"),
  source: z.union([base64ImageSourceSchema, urlSourceSchema, z.looseObject({ type: z.string() })]),
});

/** Content of a `tool_result`: a string or text / image blocks. */
const toolResultContentSchema = z.union([z.string(), z.array(z.union([textBlockSchema, imageBlockSchema, z.looseObject({ type: z.string() })]))]);

/** Any content block; types the gateway cannot use are reported by the converter, by name. */
export const anthropicContentBlockSchema = z.union([
  textBlockSchema,
  imageBlockSchema,
  z.looseObject({ type: z.literal("tool_use"), id: z.string(), name: z.string(), input: z.unknown() }),
  z.looseObject({
    type: z.literal("tool_result"),
    tool_use_id: z.string(),
    content: toolResultContentSchema.optional(),
    is_error: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string().optional() }),
  z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() }),
  z.looseObject({
    type: z.literal("document"),
    source: z.looseObject({ type: z.string(), data: z.unknown().optional(), media_type: z.string().optional() }),
    title: z.string().nullish(),
  }),
  z.looseObject({ type: z.string() }),
]);

/** A content block of a request message. */
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;

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
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  tools: z
    .array(
      z.looseObject({
        name: z.string(),
        type: z.string().nullish(),
        description: z.string().nullish(),
        input_schema: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .optional(),
  tool_choice: z
    .looseObject({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().optional() })
    .optional(),
  thinking: z
    .union([
      z.looseObject({ type: z.literal("enabled"), budget_tokens: z.number().int().min(1) }),
      z.looseObject({ type: z.literal("disabled") }),
      z.looseObject({ type: z.literal("adaptive") }),
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
