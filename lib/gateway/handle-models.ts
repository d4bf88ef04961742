import { randomUUID } from "node:crypto";
import { toAnthropicError } from "@/lib/llm/client-formats/anthropic/anthropic-error-body";
import { toOpenAIError } from "@/lib/llm/client-formats/openai/openai-error-body";
import { kiroModels } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { authenticateRequest } from "./authenticate-request";
import { getGatewayRuntime } from "./gateway-runtime";
import { errorResponse, toLlmError } from "./run-chat";

/**
 * `GET /v1/models`: every served model, in the Anthropic list shape (docs.anthropic.com/en/api/models-list)
 * when the request carries `anthropic-version`, otherwise in the OpenAI shape
 * (platform.openai.com/docs/api-reference/models/list).
 */
export async function handleListModels(request: Request): Promise<Response> {
  const requestId = randomUUID();
  const isAnthropic = request.headers.has("anthropic-version");
  try {
    const runtime = await getGatewayRuntime();
    authenticateRequest(request.headers, runtime.environment.PROXY_API_KEY);
    if (isAnthropic) {
      const data = kiroModels.map((model) => ({
        type: "model",
        id: model.clientId,
        display_name: model.displayName,
        created_at: `${model.releasedOn}T00:00:00Z`,
      }));
      return Response.json({ data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    return Response.json({
      object: "list",
      data: kiroModels.map((model) => ({
        id: model.clientId,
        object: "model",
        created: Math.floor(Date.parse(`${model.releasedOn}T00:00:00Z`) / 1000),
        owned_by: "anthropic",
      })),
    });
  } catch (error) {
    return errorResponse({ errorBody: isAnthropic ? toAnthropicError : toOpenAIError }, toLlmError(error, requestId), requestId);
  }
}
