import { randomUUID } from "node:crypto";
import { anthropicCountTokensRequestSchema } from "@/lib/llm/client-formats/anthropic/anthropic-messages-api";
import { toAnthropicError } from "@/lib/llm/client-formats/anthropic/anthropic-error-body";
import { convertAnthropicMessagesRequest } from "@/lib/llm/client-formats/anthropic/convert-anthropic-messages-request";
import type { UnifiedImage, UnifiedImageUrl, UnifiedRequest } from "@/lib/llm/unified/unified-request";
import { validationError } from "@/lib/llm/unified/validation-error";
import { estimateRequestTokens } from "@/lib/llm/unified/token-estimate";
import { convertToKiroRequest } from "@/lib/llm/upstreams/kiro/convert-to-kiro-request";
import { resolveKiroModel } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { admitRequest } from "./authenticate-request";
import { getGatewayRuntime } from "./gateway-runtime";
import { readJsonBody } from "./read-json-body";
import { errorResponse, toLlmError } from "./run-chat";

/**
 * `POST /v1/messages/count_tokens`: `{"input_tokens": n}` for an Anthropic Messages body, from the
 * same estimator `/v1/messages` falls back to, without calling Kiro. Requires a key (the original
 * left it open, spec §8.5 #38).
 */
export async function handleCountTokens(request: Request): Promise<Response> {
  const requestId = randomUUID();
  try {
    const runtime = await getGatewayRuntime();
    await admitRequest(request, runtime);
    const result = anthropicCountTokensRequestSchema.safeParse(await readJsonBody(request));
    if (!result.success) throw validationError(result.error);
    const unified = convertAnthropicMessagesRequest(result.data);
    const resolved = resolveKiroModel((await runtime.settings.forcedModel()) ?? unified.model);
    // Building the upstream body refuses exactly what /v1/messages would refuse (tool names, images, …).
    convertToKiroRequest(withoutImageUrls(unified), {
      kiroModelId: resolved.model.kiroModelId,
      conversationId: requestId,
      agentContinuationId: requestId,
      toolDescriptionMaxLength: runtime.environment.TOOL_DESCRIPTION_MAX_LENGTH,
    });
    return Response.json({ input_tokens: estimateRequestTokens(unified) }, { headers: { "request-id": requestId } });
  } catch (error) {
    return errorResponse({ errorBody: toAnthropicError }, toLlmError(error, requestId), requestId);
  }
}

/**
 * The request with every image URL replaced by an empty PNG: counting never fetches an image (an
 * image counts as a fixed estimate either way), yet the rest of the body is still checked.
 */
function withoutImageUrls(request: UnifiedRequest): UnifiedRequest {
  const placeholder = (image: UnifiedImage | UnifiedImageUrl): UnifiedImage => (image.type === "image-url" ? { type: "image", mediaType: "image/png", data: "" } : image);
  return {
    ...request,
    messages: request.messages.map((message) =>
      message.role === "assistant"
        ? message
        : {
            ...message,
            content: message.content.map((part) =>
              part.type === "image-url" ? placeholder(part) : part.type === "tool-result" ? { ...part, images: part.images.map(placeholder) } : part,
            ),
          },
    ),
  };
}
