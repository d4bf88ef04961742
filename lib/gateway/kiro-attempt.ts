import { randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import { kiroApiBaseUrl, type Environment } from "@/lib/env";
import { contextLengthError, LlmError } from "@/lib/llm/unified/llm-error";
import { ResponseShaper, stripJsonFence } from "@/lib/llm/unified/response-shaper";
import type { StreamPart, UnifiedUsage } from "@/lib/llm/unified/stream-part";
import type { ThinkingSigner } from "@/lib/llm/unified/thinking-signature";
import type { UnifiedRequest } from "@/lib/llm/unified/unified-request";
import type { KiroRequestConversion } from "@/lib/llm/upstreams/kiro/convert-to-kiro-request";
import { KiroEventStreamDecoder } from "@/lib/llm/upstreams/kiro/kiro-event-stream-decoder";
import type { ResolvedModel } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { kiroRequestHeaders } from "@/lib/llm/upstreams/kiro/kiro-request-headers";
import { KiroResponseTranslator } from "@/lib/llm/upstreams/kiro/kiro-response-translator";
import { postGenerateAssistantResponse } from "./kiro-upstream";
import type { UpstreamAccount } from "./upstream-account";

/** Everything decided about a chat request before any account is tried. */
export type ChatPlan = {
  /** The client's request with image URLs downloaded and thinking set from a `-thinking` model id. */
  request: UnifiedRequest;
  resolved: ResolvedModel;
  estimatedInputTokens: number;
  conversion: KiroRequestConversion;
};

/** An upstream response that has produced its first content (or finished): the rest is read on demand. */
export type UpstreamStream = {
  initialParts: StreamPart[];
  /** Parts from the next upstream read (maybe none); null once the response has ended. */
  next(): Promise<StreamPart[] | null>;
  /** Stops reading and aborts the upstream call. */
  close(): void;
  /** Usage so far (the finish part carries the final figures). */
  usage(): UnifiedUsage;
};

/**
 * Codes on errors that say something about the account rather than the request, so the failover
 * loop can rest or suspend it: a throttled account, one Kiro refuses even after a refresh, one out of
 * quota, and a body Kiro rejected (which may be the thinking switch).
 */
export const upstreamErrorCodes = {
  throttled: "upstream_throttled",
  refused: "account_refused",
  quotaExhausted: "quota_exhausted",
  rejected: "upstream_rejected",
} as const;

/**
 * One attempt of a chat request on one account: the access token (a refresh if due), the call
 * (refreshing and resending once on 403), then reading until the first content arrives, so that a
 * failure up to that point can still become an HTTP error or a move to another account.
 * `FIRST_TOKEN_TIMEOUT` bounds Kiro's answer: it runs from each send, never while a token is
 * refreshed (a refresh that fails is reported as the refresh failure it is).
 * @throws LlmError classified for the failover loop.
 */
export async function attemptKiro(
  account: UpstreamAccount,
  plan: ChatPlan,
  options: { environment: Environment; thinkingSigner: ThinkingSigner; clientSignal: AbortSignal },
): Promise<UpstreamStream> {
  const { environment, clientSignal } = options;
  const firstTokenTimeoutMs = environment.FIRST_TOKEN_TIMEOUT * 1000;
  let firstToken: AbortController | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const stopDeadline = () => clearTimeout(deadline);
  /** Starts a fresh first-token deadline for one send, and the signal that aborts the send at it. */
  const startDeadline = () => {
    stopDeadline();
    const controller = new AbortController();
    firstToken = controller;
    deadline = setTimeout(() => controller.abort(), firstTokenTimeoutMs);
    return AbortSignal.any([clientSignal, controller.signal]);
  };

  const describeFailure = (error: unknown): LlmError => {
    if (error instanceof LlmError) return error;
    if (firstToken?.signal.aborted && !clientSignal.aborted) {
      return new LlmError("timeout", `Kiro sent nothing within FIRST_TOKEN_TIMEOUT (${environment.FIRST_TOKEN_TIMEOUT} s).`);
    }
    if (clientSignal.aborted) return new LlmError("invalid_request", "The client closed the request.", { status: 499, code: "client_closed" });
    const code = (error as { code?: string })?.code;
    if (code === "UND_ERR_BODY_TIMEOUT") {
      return new LlmError("timeout", `Kiro's stream went silent for longer than STREAM_READ_TIMEOUT (${environment.STREAM_READ_TIMEOUT} s).`);
    }
    if (code === "UND_ERR_HEADERS_TIMEOUT") {
      return new LlmError("timeout", `Kiro sent no response headers within FIRST_TOKEN_TIMEOUT (${environment.FIRST_TOKEN_TIMEOUT} s).`);
    }
    return new LlmError("upstream_error", `Could not reach Kiro (${code ?? (error instanceof Error ? error.message : "network error")}).`);
  };

  try {
    const send = (accessToken: string) =>
      postGenerateAssistantResponse({
        baseUrl: kiroApiBaseUrl(environment, account.apiRegion),
        headers: kiroRequestHeaders({ accessToken, machineId: account.machineId, invocationId: randomUUID() }),
        body: JSON.stringify(account.kind === "social" && account.profileArn ? { ...plan.conversion.body, profileArn: account.profileArn } : plan.conversion.body),
        signal: startDeadline(),
        headersTimeoutMs: firstTokenTimeoutMs,
        bodyTimeoutMs: environment.STREAM_READ_TIMEOUT * 1000,
      });
    let accessToken = await account.accessToken({ signal: clientSignal });
    let response = await send(accessToken);
    if (response.statusCode === 403) {
      // An expired or revoked access token: refresh once (unless another request already did) and resend.
      stopDeadline();
      await response.body.dump();
      accessToken = await account.accessToken({ forceRefresh: true, rejectedAccessToken: accessToken, signal: clientSignal });
      response = await send(accessToken);
      if (response.statusCode === 403) {
        const error = await upstreamHttpError(response, plan);
        throw new LlmError("upstream_error", `Kiro refused the account even after a token refresh: ${error.message}`, { code: upstreamErrorCodes.refused });
      }
    }
    if (response.statusCode !== 200) throw await upstreamHttpError(response, plan);

    const stream = readUpstream(response, plan, options.thinkingSigner, describeFailure);
    const initialParts: StreamPart[] = [];
    while (!stream.hasContent()) {
      const parts = await stream.next();
      if (parts === null) break;
      const failure = parts.find((part) => part.type === "error");
      if (failure?.type === "error") throw failure.error;
      initialParts.push(...parts);
    }
    return { initialParts, next: stream.next, close: stream.close, usage: stream.usage };
  } catch (error) {
    throw describeFailure(error);
  } finally {
    stopDeadline();
  }
}

async function upstreamHttpError(response: Dispatcher.ResponseData, plan: ChatPlan): Promise<LlmError> {
  const text = (await response.body.text().catch(() => "")).slice(0, 4000);
  let message = "";
  let reason = "";
  try {
    const json = JSON.parse(text) as { message?: unknown; reason?: unknown; error?: { message?: unknown; reason?: unknown } };
    const source = json.error && typeof json.error === "object" ? json.error : json;
    message = typeof source.message === "string" ? source.message : "";
    reason = typeof source.reason === "string" ? source.reason : "";
  } catch {
    message = text.replace(/\s+/g, " ").trim().slice(0, 300);
  }
  const status = response.statusCode;
  const detail = `${message || `HTTP ${status}`}${reason ? ` (reason: ${reason})` : ""}`;
  if (reason === "CONTENT_LENGTH_EXCEEDS_THRESHOLD" || /too long/i.test(message)) {
    const window = plan.resolved.model.contextWindowTokens;
    return contextLengthError(Math.max(plan.estimatedInputTokens, window + 1), window);
  }
  if (reason === "MONTHLY_REQUEST_COUNT" || status === 402) {
    return new LlmError("rate_limit", `The Kiro account's quota is used up: ${detail}`, { code: upstreamErrorCodes.quotaExhausted, retryAfterSeconds: 3600 });
  }
  if (status === 429) {
    const retryAfter = Number(response.headers["retry-after"]);
    return new LlmError("rate_limit", `Kiro is rate limiting this account: ${detail}`, {
      code: upstreamErrorCodes.throttled,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 5,
    });
  }
  if (status === 400) return new LlmError("invalid_request", `Kiro rejected the request: ${detail}`, { code: upstreamErrorCodes.rejected });
  // A refused login is the gateway's problem, not the client's: report it as an upstream failure.
  if (status === 401 || status === 403) return new LlmError("upstream_error", `Kiro refused the account (HTTP ${status}): ${detail}`);
  return new LlmError("upstream_error", `Kiro answered HTTP ${status}: ${detail}`);
}

function readUpstream(response: Dispatcher.ResponseData, plan: ChatPlan, thinkingSigner: ThinkingSigner, describeFailure: (error: unknown) => LlmError) {
  const { request } = plan;
  const decoder = new KiroEventStreamDecoder();
  const translator = new KiroResponseTranslator({
    toolNames: plan.conversion.toolNames,
    contextWindowTokens: plan.resolved.model.contextWindowTokens,
    estimatedInputTokens: plan.estimatedInputTokens,
    thinking: request.thinking ? { signer: thinkingSigner, omitDisplay: request.thinking.omitDisplay === true } : undefined,
  });
  const shaper = new ResponseShaper({
    stopSequences: request.stopSequences,
    maxOutputTokens: request.maxOutputTokens,
    suppressToolCalls: request.toolChoice.type === "none",
    singleToolCall: !request.parallelToolCalls,
    finalizeText: request.responseFormat ? stripJsonFence : undefined,
    currentUsage: () => translator.usage(),
    signThinking: request.thinking ? (text) => thinkingSigner.sign(request.thinking?.omitDisplay ? "" : text) : undefined,
  });
  const iterator = response.body[Symbol.asyncIterator]();
  let ended = false;
  let sawAnyMessage = false;
  const close = () => {
    if (!response.body.destroyed) response.body.destroy();
  };
  const end = (parts: StreamPart[]) => {
    ended = true;
    close();
    return shaper.push(parts);
  };
  const next = async (): Promise<StreamPart[] | null> => {
    if (ended) return null;
    let result: IteratorResult<Buffer>;
    try {
      result = await iterator.next();
    } catch (error) {
      return end(translator.fail(describeFailure(error)));
    }
    if (result.done) {
      try {
        decoder.finish();
      } catch (error) {
        return end(translator.fail(new LlmError("upstream_error", `Kiro's stream was cut off: ${(error as Error).message}.`)));
      }
      if (!sawAnyMessage) return end(translator.fail(new LlmError("upstream_error", "Kiro returned an empty response.")));
      return end(translator.finish());
    }
    let parts: StreamPart[];
    try {
      const messages = decoder.push(result.value);
      if (messages.length) sawAnyMessage = true;
      parts = translator.push(messages);
    } catch (error) {
      return end(translator.fail(new LlmError("upstream_error", `Kiro sent a malformed event stream: ${(error as Error).message}.`)));
    }
    const shaped = shaper.push(parts);
    if (shaper.ended) {
      ended = true;
      close();
    }
    return shaped;
  };
  return { next, close, hasContent: () => translator.hasContent || ended, usage: () => translator.usage() };
}
