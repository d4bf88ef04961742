import { randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import { countCredentials } from "@/lib/db/queries/credentials";
import type { Credential } from "@/lib/db/schema";
import { EnvironmentError, kiroApiBaseUrl } from "@/lib/env";
import { contextLengthError, LlmError } from "@/lib/llm/unified/llm-error";
import { ResponseShaper, stripJsonFence } from "@/lib/llm/unified/response-shaper";
import { ResponseCollector } from "@/lib/llm/unified/response-collector";
import type { StreamPart, UnifiedResponse } from "@/lib/llm/unified/stream-part";
import { estimateRequestTokens } from "@/lib/llm/unified/token-estimate";
import type { UnifiedRequest } from "@/lib/llm/unified/unified-request";
import { convertToKiroRequest, type KiroRequestConversion } from "@/lib/llm/upstreams/kiro/convert-to-kiro-request";
import { KiroEventStreamDecoder } from "@/lib/llm/upstreams/kiro/kiro-event-stream-decoder";
import { resolveKiroModel, type ResolvedModel } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { kiroRequestHeaders } from "@/lib/llm/upstreams/kiro/kiro-request-headers";
import { KiroResponseTranslator } from "@/lib/llm/upstreams/kiro/kiro-response-translator";
import { CredentialRefreshError } from "@/lib/pool/refresh-access-token";
import { authenticateRequest } from "./authenticate-request";
import { defaultImageFetchOptions, resolveImageUrls } from "./fetch-image";
import { getGatewayRuntime, type GatewayRuntime } from "./gateway-runtime";
import { postGenerateAssistantResponse } from "./kiro-upstream";
import { logger } from "./logger";
import { readJsonBody } from "./read-json-body";

/** Encodes stream parts for one dialect; each method returns server-sent-event text. */
export type StreamEncoder = { start(): string; encode(parts: StreamPart[]): string; keepAlive(): string };

/** Per-response facts a dialect needs: its ids, the client's model id, usage options. `created` is epoch seconds. */
export type DialectContext = { id: string; created: number; model: string; includeUsage: boolean; estimatedInputTokens: number };

/** What differs between `/v1/chat/completions` and `/v1/messages`; everything else is shared. */
export type ChatDialect = {
  /** @throws LlmError (400) for bodies the dialect's schema or converter rejects. */
  parse(body: unknown): { request: UnifiedRequest; includeUsage: boolean };
  newResponseId(): string;
  errorBody(error: LlmError): { status: number; body: unknown };
  createStreamEncoder(context: DialectContext): StreamEncoder;
  toResponseBody(response: UnifiedResponse, context: DialectContext): unknown;
};

/** Most attempts one request makes across credentials before it gives up. */
const maximumAttempts = 3;
/** A keep-alive is written after this much silence (ms), so proxies do not drop a waiting stream. */
const keepAliveIntervalMs = 15_000;

const streamHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/**
 * Serves one chat request end to end: key → body → unified request → credential → Kiro → client
 * dialect, streaming or collected. Failures before the first byte become an HTTP error in the
 * caller's dialect (and may move to another credential); failures after it become an in-band
 * error event. The client's disconnect aborts the upstream call.
 */
export async function runChat(request: Request, dialect: ChatDialect): Promise<Response> {
  const requestId = randomUUID();
  try {
    const runtime = await getGatewayRuntime();
    authenticateRequest(request.headers, runtime.environment.PROXY_API_KEY);
    const parsed = dialect.parse(await readJsonBody(request));
    const plan = await planChat(runtime, parsed.request, dialect, parsed.includeUsage);
    const upstream = await openUpstreamStream(runtime, plan, request.signal);
    const headers = { "request-id": requestId, "x-request-id": requestId };
    if (plan.request.stream) {
      return new Response(streamToClient(upstream, dialect.createStreamEncoder(plan.context)), {
        headers: { ...streamHeaders, ...headers },
      });
    }
    const collector = new ResponseCollector();
    collector.add(upstream.initialParts);
    for (let parts = await upstream.next(); parts !== null; parts = await upstream.next()) collector.add(parts);
    return Response.json(dialect.toResponseBody(collector.result(), plan.context), { headers });
  } catch (error) {
    return errorResponse(dialect, toLlmError(error, requestId), requestId);
  }
}

/** Everything decided about a chat request before any credential is tried. */
type ChatPlan = {
  /** The client's request with image URLs downloaded and thinking set from a `-thinking` model id. */
  request: UnifiedRequest;
  resolved: ResolvedModel;
  context: DialectContext;
  conversion: KiroRequestConversion;
};

async function planChat(runtime: GatewayRuntime, parsedRequest: UnifiedRequest, dialect: ChatDialect, includeUsage: boolean): Promise<ChatPlan> {
  const environment = runtime.environment;
  const resolved = resolveKiroModel(environment.FORCE_MODEL ?? parsedRequest.model);
  let request = parsedRequest;
  if (resolved.thinkingRequested && !request.thinking) request = { ...request, thinking: { type: "adaptive", effort: "high" } };
  request = await resolveImageUrls(request, { ...defaultImageFetchOptions, allowPrivateNetworks: environment.IMAGE_URL_ALLOW_PRIVATE_NETWORKS });
  const estimatedInputTokens = estimateRequestTokens(request);
  // Kiro would refuse it anyway; answering at once saves the round trip and a credential's quota.
  if (estimatedInputTokens > resolved.model.contextWindowTokens) throw contextLengthError(estimatedInputTokens, resolved.model.contextWindowTokens);
  const context: DialectContext = {
    id: dialect.newResponseId(),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    includeUsage,
    estimatedInputTokens,
  };
  return { request, resolved, context, conversion: buildConversion(runtime, request, resolved) };
}

function buildConversion(runtime: GatewayRuntime, request: UnifiedRequest, resolved: ResolvedModel): KiroRequestConversion {
  return convertToKiroRequest(request, {
    kiroModelId: resolved.model.kiroModelId,
    conversationId: randomUUID(),
    agentContinuationId: randomUUID(),
    toolDescriptionMaxLength: runtime.environment.TOOL_DESCRIPTION_MAX_LENGTH,
    verifyThinkingSignature: runtime.thinkingSigner.verify,
  });
}

/** The HTTP error response for an error, in the dialect's shape, with `Retry-After` when known. */
export function errorResponse(dialect: Pick<ChatDialect, "errorBody">, error: LlmError, requestId: string): Response {
  const { status, body } = dialect.errorBody(error);
  const headers: Record<string, string> = { "request-id": requestId, "x-request-id": requestId };
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.ceil(error.retryAfterSeconds));
  return Response.json(body, { status, headers });
}

/** Any thrown value as a client-safe error; unexpected ones are logged and reported as a generic 500. */
export function toLlmError(error: unknown, requestId: string): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof EnvironmentError) {
    logger.error(error.message);
    return new LlmError("api_error", "The gateway is not configured correctly; its operator can see why in the server log.");
  }
  logger.error(`request ${requestId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new LlmError("api_error", `Internal gateway error (request id ${requestId}).`);
}

/** An upstream response that has produced its first content (or finished): the rest is read on demand. */
type UpstreamStream = {
  initialParts: StreamPart[];
  /** Parts from the next upstream read (maybe none); null once the response has ended. */
  next(): Promise<StreamPart[] | null>;
  /** Stops reading and aborts the upstream call. */
  close(): void;
};

const retryableKinds = new Set<LlmError["kind"]>(["rate_limit", "upstream_error", "overloaded", "timeout", "unavailable"]);

async function openUpstreamStream(runtime: GatewayRuntime, plan: ChatPlan, clientSignal: AbortSignal): Promise<UpstreamStream> {
  const tried = new Set<number>();
  let lastError: LlmError | undefined;
  for (let attempt = 0; attempt < maximumAttempts; attempt += 1) {
    const credential = await runtime.pool.pick(tried);
    if (!credential) break;
    tried.add(credential.id);
    try {
      try {
        return await attemptCredential(runtime, credential, plan, clientSignal);
      } catch (error) {
        // Kiro cannot think on some turns (it answers "Improperly formed request"); the turn is then
        // answered without thinking rather than not at all.
        if (!(error instanceof LlmError && error.code === "upstream_rejected" && plan.request.thinking)) throw error;
        logger.warn(`Kiro refused thinking on this turn; answering without it`);
        const request = { ...plan.request, thinking: undefined };
        plan = { ...plan, request, conversion: buildConversion(runtime, request, plan.resolved) };
        return await attemptCredential(runtime, credential, plan, clientSignal);
      }
    } catch (error) {
      lastError = error instanceof LlmError ? error : toLlmError(error, "upstream");
      if (clientSignal.aborted || !retryableKinds.has(lastError.kind)) throw lastError;
      logger.warn(`credential ${credential.id} failed (${lastError.status}: ${lastError.message})`);
    }
  }
  if (lastError) throw lastError;
  const { total } = await countCredentials(runtime.database);
  throw new LlmError(
    "unavailable",
    total === 0
      ? "No usable Kiro credential. Add one: set REFRESH_TOKEN (or KIRO_CREDS_FILE) in .env and restart the gateway."
      : `No usable Kiro credential: all ${total} configured credentials are invalid or disabled (see /health and the server log).`,
  );
}

async function attemptCredential(runtime: GatewayRuntime, credential: Credential, plan: ChatPlan, clientSignal: AbortSignal): Promise<UpstreamStream> {
  const conversion = plan.conversion;
  const environment = runtime.environment;
  const firstTokenTimeoutMs = environment.FIRST_TOKEN_TIMEOUT * 1000;
  const firstToken = new AbortController();
  const signal = AbortSignal.any([clientSignal, firstToken.signal]);
  const deadline = setTimeout(() => firstToken.abort(), firstTokenTimeoutMs);
  const body = JSON.stringify(
    credential.kind === "social" && credential.profileArn
      ? { ...conversion.body, profileArn: credential.profileArn }
      : conversion.body,
  );

  const describeFailure = (error: unknown): LlmError => {
    if (error instanceof LlmError) return error;
    if (firstToken.signal.aborted && !clientSignal.aborted) {
      return new LlmError("timeout", `Kiro sent nothing within FIRST_TOKEN_TIMEOUT (${environment.FIRST_TOKEN_TIMEOUT} s).`);
    }
    if (clientSignal.aborted) return new LlmError("invalid_request", "The client closed the request.", { status: 499 });
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
    let access = await runtime.pool.accessTokenFor(credential).catch((error: unknown) => {
      throw refreshFailure(credential, error);
    });
    const send = (accessToken: string) =>
      postGenerateAssistantResponse({
        baseUrl: kiroApiBaseUrl(environment, credential.apiRegion),
        headers: kiroRequestHeaders({ accessToken, machineId: credential.machineId, invocationId: randomUUID() }),
        body,
        signal,
        headersTimeoutMs: firstTokenTimeoutMs,
        bodyTimeoutMs: environment.STREAM_READ_TIMEOUT * 1000,
      });
    let response = await send(access.accessToken);
    if (response.statusCode === 403) {
      // An expired or revoked access token: refresh once (unless another request already did) and resend.
      await response.body.dump();
      access = await runtime.pool
        .accessTokenFor(access.credential, { forceRefresh: true, rejectedAccessToken: access.accessToken })
        .catch((error: unknown) => {
          throw refreshFailure(credential, error);
        });
      response = await send(access.accessToken);
    }
    if (response.statusCode !== 200) throw await upstreamHttpError(response, plan);

    const stream = readUpstream(response, plan, runtime, describeFailure);
    const initialParts: StreamPart[] = [];
    while (!stream.hasContent()) {
      const parts = await stream.next();
      if (parts === null) break;
      const failure = parts.find((part) => part.type === "error");
      if (failure?.type === "error") throw failure.error;
      initialParts.push(...parts);
    }
    clearTimeout(deadline);
    return { initialParts, next: stream.next, close: stream.close };
  } catch (error) {
    clearTimeout(deadline);
    throw describeFailure(error);
  }
}

function refreshFailure(credential: Credential, error: unknown): LlmError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CredentialRefreshError && error.permanent) {
    logger.warn(`credential ${credential.id} (${credential.name}) is no longer valid: ${message}`);
  }
  return new LlmError("upstream_error", `Kiro credential ${credential.id} could not be refreshed: ${message}`);
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
    return contextLengthError(Math.max(plan.context.estimatedInputTokens, window + 1), window);
  }
  if (status === 429 || reason === "MONTHLY_REQUEST_COUNT") {
    const retryAfter = Number(response.headers["retry-after"]);
    return new LlmError("rate_limit", `Kiro is rate limiting this account: ${detail}`, {
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  if (status === 400) return new LlmError("invalid_request", `Kiro rejected the request: ${detail}`, { code: "upstream_rejected" });
  // A refused login is the gateway's problem, not the client's: report it as an upstream failure.
  if (status === 401 || status === 403) return new LlmError("upstream_error", `Kiro refused the account (HTTP ${status}): ${detail}`);
  return new LlmError("upstream_error", `Kiro answered HTTP ${status}: ${detail}`);
}

function readUpstream(response: Dispatcher.ResponseData, plan: ChatPlan, runtime: GatewayRuntime, describeFailure: (error: unknown) => LlmError) {
  const { request } = plan;
  const decoder = new KiroEventStreamDecoder();
  const translator = new KiroResponseTranslator({
    toolNames: plan.conversion.toolNames,
    contextWindowTokens: plan.resolved.model.contextWindowTokens,
    estimatedInputTokens: plan.context.estimatedInputTokens,
    thinking: request.thinking ? { signer: runtime.thinkingSigner, omitDisplay: request.thinking.omitDisplay === true } : undefined,
  });
  const shaper = new ResponseShaper({
    stopSequences: request.stopSequences,
    maxOutputTokens: request.maxOutputTokens,
    suppressToolCalls: request.toolChoice.type === "none",
    singleToolCall: !request.parallelToolCalls,
    finalizeText: request.responseFormat ? stripJsonFence : undefined,
    currentUsage: () => translator.usage(),
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
  return { next, close, hasContent: () => translator.hasContent || ended };
}

function streamToClient(upstream: UpstreamStream, encoder: StreamEncoder): ReadableStream<Uint8Array> {
  const textEncoder = new TextEncoder();
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let lastWriteAt = Date.now();
  const stop = () => {
    if (keepAlive) clearInterval(keepAlive);
    keepAlive = undefined;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(textEncoder.encode(encoder.start() + encoder.encode(upstream.initialParts)));
      keepAlive = setInterval(() => {
        if (Date.now() - lastWriteAt < keepAliveIntervalMs) return;
        lastWriteAt = Date.now();
        try {
          controller.enqueue(textEncoder.encode(encoder.keepAlive()));
        } catch {
          stop();
        }
      }, keepAliveIntervalMs / 3);
      keepAlive.unref?.();
    },
    async pull(controller) {
      // A pull that enqueues nothing is not repeated by the stream machinery, so keep reading
      // upstream until this read produces output (frames such as metering events produce none).
      for (;;) {
        const parts = await upstream.next();
        try {
          if (parts === null) {
            stop();
            controller.close();
            return;
          }
          const text = encoder.encode(parts);
          if (text) {
            controller.enqueue(textEncoder.encode(text));
            lastWriteAt = Date.now();
            return;
          }
        } catch {
          // The client went away while this read was pending; the stream is already cancelled.
          stop();
          upstream.close();
          return;
        }
      }
    },
    cancel() {
      stop();
      upstream.close();
    },
  });
}
