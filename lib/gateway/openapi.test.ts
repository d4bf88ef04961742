import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { anthropicMessagesRequestSchema } from "@/lib/llm/client-formats/anthropic/anthropic-messages-api";
import { buildOpenApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument({ serverUrl: "https://gateway.example", siteName: "KiroGate" });

  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every /v1 operation with both security schemes and the live server", () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual(expect.arrayContaining(["POST /v1/messages", "POST /v1/messages/count_tokens", "POST /v1/chat/completions", "GET /v1/models", "GET /v1/models/{model}"]));
    expect(Object.keys(document.components.securitySchemes)).toEqual(["bearerAuth", "apiKeyHeader"]);
    expect(document.servers).toEqual([{ url: "https://gateway.example" }]);
  });

  it("takes request bodies from the validating zod schemas, so they cannot drift", () => {
    const schema = document.components.schemas.MessagesRequest as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(["model", "messages", "max_tokens"]));
    // The documented example is accepted by the schema the gateway validates with.
    const example = document.paths["/v1/messages"].post.requestBody.content["application/json"].example;
    expect(anthropicMessagesRequestSchema.safeParse(example).success).toBe(true);
  });
});
