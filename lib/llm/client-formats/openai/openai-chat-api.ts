import { z } from "zod";
import { identifierSchema, typedObjectSchema } from "../../unified/typed-object-schema";

/**
 * OpenAI Chat Completions request body (platform.openai.com/docs/api-reference/chat/create), loose:
 * unknown fields pass so new client options never cause a 400, while every field the gateway reads
 * is type-checked.
 */
const textPartShape = { text: z.string() };
const userContentPartSchema = typedObjectSchema({
  text: textPartShape,
  image_url: { image_url: z.looseObject({ url: z.string().min(1), detail: z.string().optional() }) },
});
const textContentSchema = z.union([z.string(), z.array(typedObjectSchema({ text: textPartShape }))]);

/** A tool call in an assistant message: `arguments` is a JSON string. */
export const openAIToolCallSchema = z.looseObject({
  id: identifierSchema,
  type: z.literal("function").optional(),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string().nullish() }),
});

const messageSchema = z.discriminatedUnion("role", [
  z.looseObject({ role: z.literal("system"), content: textContentSchema, name: z.string().optional() }),
  z.looseObject({ role: z.literal("developer"), content: textContentSchema, name: z.string().optional() }),
  z.looseObject({
    role: z.literal("user"),
    content: z.union([z.string(), z.array(userContentPartSchema)]),
    name: z.string().optional(),
  }),
  z.looseObject({
    role: z.literal("assistant"),
    content: z.union([z.string(), z.array(typedObjectSchema({ text: textPartShape, refusal: { refusal: z.string() } }))]).nullish(),
    tool_calls: z.array(openAIToolCallSchema).nullish(),
    reasoning_content: z.string().nullish(),
    name: z.string().optional(),
  }),
  z.looseObject({ role: z.literal("tool"), content: textContentSchema, tool_call_id: identifierSchema }),
]);

/** `POST /v1/chat/completions` body (platform.openai.com/docs/api-reference/chat/create); unknown fields pass through. */
export const openAIChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1, "at least one message is required"),
  tools: z
    .array(
      z.looseObject({
        type: z.literal("function"),
        function: z.looseObject({
          name: z.string().min(1),
          description: z.string().nullish(),
          parameters: z.record(z.string(), z.unknown()).nullish(),
          strict: z.boolean().nullish(),
        }),
      }),
    )
    .nullish(),
  tool_choice: z
    .union([
      z.enum(["auto", "none", "required"]),
      z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
    ])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.number().int().positive().nullish(),
  user: z.string().nullish(),
  reasoning_effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh"]).nullish(),
  response_format: z
    .union([
      z.looseObject({ type: z.literal("text") }),
      z.looseObject({ type: z.literal("json_object") }),
      z.looseObject({
        type: z.literal("json_schema"),
        json_schema: z.looseObject({ name: z.string(), schema: z.record(z.string(), z.unknown()).optional() }),
      }),
    ])
    .nullish(),
});

/** A parsed OpenAI Chat Completions request. */
export type OpenAIChatRequest = z.infer<typeof openAIChatRequestSchema>;
