import { z } from "zod";
import { anthropicCountTokensRequestSchema, anthropicMessagesRequestSchema } from "@/lib/llm/client-formats/anthropic/anthropic-messages-api";
import { openAIChatRequestSchema } from "@/lib/llm/client-formats/openai/openai-chat-api";
import { kiroModels } from "@/lib/llm/upstreams/kiro/kiro-model-ids";

/** A request body's JSON Schema (2020-12, the dialect of OpenAPI 3.1), from the zod schema that validates it. */
function requestBodySchema(schema: z.ZodType): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  // OpenAPI 3.1 declares the dialect for the whole document.
  delete generated.$schema;
  return generated;
}

const anthropicError = {
  type: "object",
  required: ["type", "error"],
  properties: {
    type: { const: "error" },
    error: { type: "object", required: ["type", "message"], properties: { type: { type: "string", description: "invalid_request_error, authentication_error, permission_error, not_found_error, request_too_large, rate_limit_error, api_error or overloaded_error" }, message: { type: "string" } } },
    request_id: { type: "string" },
  },
};

const openAIError = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["message", "type"],
      properties: { message: { type: "string" }, type: { type: "string", description: "invalid_request_error, authentication_error, permission_error, not_found_error, rate_limit_error, server_error, …" }, param: { type: ["string", "null"] }, code: { type: ["string", "null"] } },
    },
  },
};

const anthropicMessage = {
  type: "object",
  description: "An Anthropic Messages response; with `stream: true`, server-sent events (message_start, content_block_start/delta/stop, message_delta, message_stop).",
  properties: {
    id: { type: "string" },
    type: { const: "message" },
    role: { const: "assistant" },
    model: { type: "string" },
    content: { type: "array", items: { type: "object", properties: { type: { type: "string", enum: ["text", "thinking", "tool_use"] } } } },
    stop_reason: { type: ["string", "null"], enum: ["end_turn", "max_tokens", "stop_sequence", "tool_use", null] },
    usage: { type: "object", properties: { input_tokens: { type: "integer" }, output_tokens: { type: "integer" } } },
  },
};

const chatCompletion = {
  type: "object",
  description: "An OpenAI chat completion; with `stream: true`, server-sent `chat.completion.chunk` events ending with `data: [DONE]`.",
  properties: {
    id: { type: "string" },
    object: { const: "chat.completion" },
    created: { type: "integer" },
    model: { type: "string" },
    choices: {
      type: "array",
      items: {
        type: "object",
        properties: {
          index: { type: "integer" },
          message: { type: "object", properties: { role: { const: "assistant" }, content: { type: ["string", "null"] }, reasoning_content: { type: "string" }, tool_calls: { type: "array", items: { type: "object" } } } },
          finish_reason: { type: ["string", "null"], enum: ["stop", "length", "tool_calls", null] },
        },
      },
    },
    usage: { type: "object", properties: { prompt_tokens: { type: "integer" }, completion_tokens: { type: "integer" }, total_tokens: { type: "integer" } } },
  },
};

const modelList = {
  type: "object",
  description: "OpenAI shape (`object: list`), or the Anthropic shape (`data`, `has_more`, `first_id`, `last_id`) when `anthropic-version` is sent.",
  properties: { object: { const: "list" }, data: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } }, has_more: { type: "boolean" } },
};

const errorResponses = (dialect: "anthropic" | "openai") => {
  const schema = { $ref: dialect === "anthropic" ? "#/components/schemas/AnthropicError" : "#/components/schemas/OpenAIError" };
  const response = (description: string) => ({ description, content: { "application/json": { schema } } });
  return {
    "400": response("Invalid request (named field)"),
    "401": response("Missing or wrong API key"),
    "403": response("Client address blocked"),
    "404": response("Unknown model"),
    "413": response("Body over 32 MiB"),
    "429": response("Every usable Kiro account is cooling down (Retry-After)"),
    "502": response("Kiro refused or could not be reached"),
    "503": response("No usable Kiro account"),
    ...(dialect === "anthropic" ? { "529": response("Kiro is overloaded") } : {}),
  };
};

const exampleModel = "claude-sonnet-4-6";
const security = [{ bearerAuth: [] }, { apiKeyHeader: [] }];

/**
 * The OpenAPI 3.1 document of the client API (`/v1`), served at `/openapi.json`. Request bodies are
 * generated from the zod schemas that validate them, so the reference cannot drift from the
 * gateway's behaviour. `serverUrl` is the live base URL.
 */
export function buildOpenApiDocument({ serverUrl, siteName }: { serverUrl: string; siteName: string }) {
  const json = (schema: unknown, example?: unknown) => ({ content: { "application/json": { schema, ...(example ? { example } : {}) } } });
  const modelParameter = { name: "model", in: "path", required: true, schema: { type: "string", enum: kiroModels.map((model) => model.clientId) }, example: exampleModel };
  return {
    openapi: "3.1.0",
    info: {
      title: `${siteName} API`,
      version: "1.0.0",
      description:
        "Claude through a pool of Kiro accounts, in both the Anthropic Messages and the OpenAI Chat Completions dialects. Authenticate with a user key (`sk-…`), `PROXY_API_KEY`, or `PROXY_API_KEY:REFRESH_TOKEN`, as `Authorization: Bearer` or `x-api-key`.",
    },
    servers: [{ url: serverUrl }],
    security,
    tags: [{ name: "Anthropic" }, { name: "OpenAI" }, { name: "Gateway" }],
    paths: {
      "/v1/messages": {
        post: {
          tags: ["Anthropic"],
          operationId: "createMessage",
          summary: "Create a message (Anthropic Messages API)",
          parameters: [{ name: "anthropic-version", in: "header", required: false, schema: { type: "string", default: "2023-06-01" } }],
          requestBody: { required: true, ...json({ $ref: "#/components/schemas/MessagesRequest" }, { model: exampleModel, max_tokens: 256, messages: [{ role: "user", content: "Hello" }] }) },
          responses: { "200": { description: "The message, or its event stream", content: { "application/json": { schema: { $ref: "#/components/schemas/Message" } }, "text/event-stream": { schema: { type: "string" } } } }, ...errorResponses("anthropic") },
        },
      },
      "/v1/messages/count_tokens": {
        post: {
          tags: ["Anthropic"],
          operationId: "countMessageTokens",
          summary: "Count the input tokens of a message",
          requestBody: { required: true, ...json({ $ref: "#/components/schemas/CountTokensRequest" }, { model: exampleModel, messages: [{ role: "user", content: "Hello" }] }) },
          responses: { "200": { description: "The count", ...json({ type: "object", required: ["input_tokens"], properties: { input_tokens: { type: "integer" } } }) }, ...errorResponses("anthropic") },
        },
      },
      "/v1/chat/completions": {
        post: {
          tags: ["OpenAI"],
          operationId: "createChatCompletion",
          summary: "Create a chat completion (OpenAI Chat Completions API)",
          requestBody: { required: true, ...json({ $ref: "#/components/schemas/ChatCompletionRequest" }, { model: exampleModel, messages: [{ role: "user", content: "Hello" }] }) },
          responses: { "200": { description: "The completion, or its chunk stream", content: { "application/json": { schema: { $ref: "#/components/schemas/ChatCompletion" } }, "text/event-stream": { schema: { type: "string" } } } }, ...errorResponses("openai") },
        },
      },
      "/v1/models": {
        get: {
          tags: ["OpenAI", "Anthropic"],
          operationId: "listModels",
          summary: "List the served models (each also as a -thinking alias)",
          responses: { "200": { description: "The models", ...json({ $ref: "#/components/schemas/ModelList" }) }, "401": errorResponses("openai")["401"] },
        },
      },
      "/v1/models/{model}": {
        get: {
          tags: ["OpenAI", "Anthropic"],
          operationId: "retrieveModel",
          summary: "One served model",
          parameters: [modelParameter],
          responses: { "200": { description: "The model", ...json({ type: "object", properties: { id: { type: "string" } } }) }, "404": errorResponses("openai")["404"] },
        },
      },
      "/health": {
        get: {
          tags: ["Gateway"],
          operationId: "health",
          summary: "Health of the gateway and its pool (no key needed)",
          security: [],
          responses: {
            "200": { description: "At least one usable Kiro account (`ok`) or none (`degraded`)", ...json({ type: "object", properties: { status: { type: "string", enum: ["ok", "degraded"] } } }) },
            "503": { description: "The database cannot be reached", ...json({ type: "object", properties: { status: { const: "error" } } }) },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Authorization: Bearer <key>" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "x-api-key", description: "x-api-key: <key> (Anthropic style)" },
      },
      schemas: {
        MessagesRequest: requestBodySchema(anthropicMessagesRequestSchema),
        CountTokensRequest: requestBodySchema(anthropicCountTokensRequestSchema),
        ChatCompletionRequest: requestBodySchema(openAIChatRequestSchema),
        Message: anthropicMessage,
        ChatCompletion: chatCompletion,
        ModelList: modelList,
        AnthropicError: anthropicError,
        OpenAIError: openAIError,
      },
    },
  };
}
