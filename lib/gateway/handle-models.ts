import { randomUUID } from "node:crypto";
import { toAnthropicError } from "@/lib/llm/client-formats/anthropic/anthropic-error-body";
import { toOpenAIError } from "@/lib/llm/client-formats/openai/openai-error-body";
import { LlmError } from "@/lib/llm/unified/llm-error";
import { kiroModels, resolveKiroModel, type KiroModel } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { admitRequest } from "./authenticate-request";
import { getGatewayRuntime } from "./gateway-runtime";
import { errorResponse, toLlmError } from "./run-chat";

/** A listed model id: each served model, and its `-thinking` alias for clients that cannot send a thinking option. */
type ListedModel = { id: string; displayName: string; model: KiroModel };

const listedModels: ListedModel[] = kiroModels.flatMap((model) => [
  { id: model.clientId, displayName: model.displayName, model },
  { id: `${model.clientId}-thinking`, displayName: `${model.displayName} (thinking)`, model },
]);

/** Anthropic model object (docs.anthropic.com/en/api/models). */
function toAnthropicModel(listed: ListedModel) {
  return { type: "model", id: listed.id, display_name: listed.displayName, created_at: `${listed.model.releasedOn}T00:00:00Z` };
}

/** OpenAI model object (platform.openai.com/docs/api-reference/models/object); `created` is epoch seconds. */
function toOpenAIModel(listed: ListedModel) {
  return { id: listed.id, object: "model", created: Math.floor(Date.parse(`${listed.model.releasedOn}T00:00:00Z`) / 1000), owned_by: "anthropic" };
}

async function withModelAccess(request: Request, answer: (isAnthropic: boolean) => Response): Promise<Response> {
  const requestId = randomUUID();
  const isAnthropic = request.headers.has("anthropic-version");
  try {
    const runtime = await getGatewayRuntime();
    await admitRequest(request, runtime);
    return answer(isAnthropic);
  } catch (error) {
    return errorResponse({ errorBody: isAnthropic ? toAnthropicError : toOpenAIError }, toLlmError(error, requestId), requestId);
  }
}

/**
 * `GET /v1/models`: every served model and its `-thinking` alias, in the Anthropic list shape (with `limit`, `after_id`,
 * `before_id` paging) when the request carries `anthropic-version`, otherwise in the OpenAI shape.
 */
export function handleListModels(request: Request): Promise<Response> {
  return withModelAccess(request, (isAnthropic) => {
    if (!isAnthropic) return Response.json({ object: "list", data: listedModels.map(toOpenAIModel) });
    const search = new URL(request.url).searchParams;
    const limitText = search.get("limit");
    const limit = limitText === null ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new LlmError("invalid_request", "limit: must be an integer from 1 to 1000.", { param: "limit" });
    }
    const afterId = search.get("after_id");
    const beforeId = search.get("before_id");
    let candidates = [...listedModels];
    if (afterId !== null) candidates = candidates.slice(candidates.findIndex((listed) => listed.id === afterId) + 1);
    if (beforeId !== null) {
      const index = candidates.findIndex((listed) => listed.id === beforeId);
      candidates = index < 0 ? candidates : candidates.slice(0, index);
    }
    // `before_id` pages backwards: the page is the end of what precedes it.
    const page = beforeId !== null && afterId === null ? candidates.slice(-limit) : candidates.slice(0, limit);
    const data = page.map(toAnthropicModel);
    const hasMore = candidates.length > page.length;
    return Response.json({ data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  });
}

/**
 * `GET /v1/models/{model}`: one model in the caller's dialect. Every id the chat endpoints accept
 * is found (dated ids, Kiro ids, `kirogate:` aliases, new `claude-*` ids mapped to the nearest
 * family, `-thinking` aliases) and answered under the id the client asked for, as the chat
 * responses echo it; other ids are a 404.
 */
export function handleRetrieveModel(request: Request, modelId: string): Promise<Response> {
  return withModelAccess(request, (isAnthropic) => {
    const listed = listedModels.find((candidate) => candidate.id === modelId);
    if (listed) return Response.json(isAnthropic ? toAnthropicModel(listed) : toOpenAIModel(listed));
    const { model, thinkingRequested } = resolveKiroModel(modelId);
    const resolved = { id: modelId, displayName: thinkingRequested ? `${model.displayName} (thinking)` : model.displayName, model };
    return Response.json(isAnthropic ? toAnthropicModel(resolved) : toOpenAIModel(resolved));
  });
}
