import { randomUUID } from "node:crypto";
import { countCredentials } from "@/lib/db/queries/credentials";
import type { RequestOutcome } from "@/lib/db/schema";
import { EnvironmentError } from "@/lib/env";
import { contextLengthError, LlmError } from "@/lib/llm/unified/llm-error";
import { ResponseCollector } from "@/lib/llm/unified/response-collector";
import type { StreamPart, UnifiedResponse, UnifiedUsage } from "@/lib/llm/unified/stream-part";
import { estimateRequestTokens } from "@/lib/llm/unified/token-estimate";
import type { UnifiedRequest } from "@/lib/llm/unified/unified-request";
import { convertToKiroRequest, type KiroRequestConversion } from "@/lib/llm/upstreams/kiro/convert-to-kiro-request";
import { resolveKiroModel, type ResolvedModel } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { admitRequest } from "./authenticate-request";
import { defaultImageFetchOptions, resolveImageUrls } from "./fetch-image";
import { getGatewayRuntime, type GatewayRuntime } from "./gateway-runtime";
import { attemptKiro, upstreamErrorCodes, type ChatPlan, type UpstreamStream } from "./kiro-attempt";
import { logger } from "./logger";
import { readJsonBody } from "./read-json-body";
import { configuredSecretValues, redactedJson } from "./redact-secrets";
import { ownTokenAccount, poolAccounts, type AccountSource, type UpstreamAccount } from "./upstream-account";

/** Encodes stream parts for one dialect; each method returns server-sent-event text. */
export type StreamEncoder = { start(): string; encode(parts: StreamPart[]): string; keepAlive(): string };

/** Per-response facts a dialect needs: its ids, the client's model id, usage options. `created` is epoch seconds. */
export type DialectContext = { id: string; created: number; model: string; includeUsage: boolean; estimatedInputTokens: number };

/** What differs between `/v1/chat/completions` and `/v1/messages`; everything else is shared. */
export type ChatDialect = {
  name: "openai" | "anthropic";
  /** @throws LlmError (400) for bodies the dialect's schema or converter rejects. */
  parse(body: unknown): { request: UnifiedRequest; includeUsage: boolean };
  newResponseId(): string;
  errorBody(error: LlmError): { status: number; body: unknown };
  createStreamEncoder(context: DialectContext): StreamEncoder;
  toResponseBody(response: UnifiedResponse, context: DialectContext): unknown;
};

/** A keep-alive is written after this much silence (ms), so proxies do not drop a waiting stream. */
const keepAliveIntervalMs = 15_000;

const streamHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/**
 * Serves one chat request end to end: key → body → unified request → account → Kiro → client
 * dialect, streaming or collected. Failures before the first byte become an HTTP error in the
 * caller's dialect (after moving to other credentials where that can help); failures after it
 * become an in-band error event. The client's disconnect aborts the upstream call. Exactly one
 * request record is written when the request ends, whatever the outcome.
 */
export async function runChat(request: Request, dialect: ChatDialect): Promise<Response> {
  const requestId = randomUUID();
  const startedAt = Date.now();
  const timing = new ServerTiming();
  let runtime: GatewayRuntime | undefined;
  let record: ((outcome: RecordOutcome) => void) | undefined;
  try {
    runtime = await getGatewayRuntime();
    if (runtime.draining) throw new LlmError("unavailable", "The gateway is shutting down; retry in a moment.", { retryAfterSeconds: 2 });
    const identity = await admitRequest(request, runtime);
    timing.lap("auth");
    const tracker = new RequestTracker(runtime, {
      requestId,
      startedAt,
      keyLabel: identity.keyLabel,
      dialect: dialect.name,
      userId: identity.kind === "user" ? identity.userId : undefined,
      apiKeyId: identity.kind === "user" ? identity.apiKeyId : undefined,
    });
    tracker.debugMode = await runtime.settings.debugMode();
    // A client's own refresh token is no configured secret, but must not be kept either.
    if (identity.kind === "own-token") tracker.requestSecrets.push(identity.refreshToken);
    runtime.activeRequests += 1;
    record = (outcome) => tracker.finish(outcome);
    const body = await readJsonBody(request);
    tracker.requestBody = body;
    const parsed = dialect.parse(body);
    tracker.modelRequested = parsed.request.model;
    tracker.stream = parsed.request.stream;
    const plan = await planChat(runtime, parsed.request);
    timing.lap("translate");
    tracker.modelUsed = plan.resolved.model.kiroModelId;
    tracker.upstreamBody = plan.conversion.body;
    const context: DialectContext = {
      id: dialect.newResponseId(),
      created: Math.floor(startedAt / 1000),
      model: plan.request.model,
      includeUsage: parsed.includeUsage,
      estimatedInputTokens: plan.estimatedInputTokens,
    };
    const poolCounts = () => countCredentials(runtime!.database);
    const accounts =
      identity.kind === "own-token"
        ? ownTokenAccount(runtime.ownTokens, identity.refreshToken, runtime.environment.KIRO_REGION)
        : poolAccounts(
            runtime.pool,
            identity.kind === "user" ? { kind: "user", userId: identity.userId, ownOnly: (await runtime.settings.get()).selfUseOnly } : { kind: "all" },
            poolCounts,
          );
    const { upstream, account } = await openUpstreamStream(runtime, plan, accounts, tracker, request.signal, timing);
    tracker.firstByteAt = Date.now();
    const headers = { "request-id": requestId, "x-request-id": requestId, "server-timing": timing.header() };
    if (plan.request.stream) {
      return new Response(streamToClient(upstream, dialect.createStreamEncoder(context), account, tracker), {
        headers: { ...streamHeaders, ...headers },
      });
    }
    const collector = new ResponseCollector();
    collector.add(upstream.initialParts);
    try {
      for (let parts = await upstream.next(); parts !== null; parts = await upstream.next()) collector.add(parts);
    } finally {
      account.release();
    }
    const response = collector.result();
    tracker.finish({ status: 200, outcome: "success", usage: response.usage });
    return Response.json(dialect.toResponseBody(response, context), { headers });
  } catch (error) {
    const llmError = toLlmError(error, requestId);
    const aborted = request.signal.aborted;
    record?.({
      status: aborted ? 499 : llmError.status,
      outcome: aborted ? "client_abort" : outcomeOf(llmError),
      errorMessage: llmError.message,
    });
    const response = errorResponse(dialect, llmError, requestId);
    response.headers.set("server-timing", timing.header());
    return response;
  }
}

/**
 * Where the time before the first byte went, for the W3C `Server-Timing` header
 * (https://www.w3.org/TR/server-timing/): `auth` (key and address checks), `translate` (body read,
 * validation, translation), `pick` (choosing a credential and its access token, all attempts),
 * `upstream` (Kiro's time to its first event, all attempts) and `gateway` (the whole wait before
 * the first byte, ms). Operators compare it with the benchmark without a mock
 * (perf-and-reliability.md §2.6).
 */
export class ServerTiming {
  private readonly startedAt = performance.now();
  private lastLapAt = this.startedAt;
  private readonly durations = new Map<string, number>();

  /** Adds the time since the previous lap (ms) to `name`. */
  lap(name: "auth" | "translate" | "pick" | "upstream"): void {
    const now = performance.now();
    this.durations.set(name, (this.durations.get(name) ?? 0) + (now - this.lastLapAt));
    this.lastLapAt = now;
  }

  /** The header value, e.g. `auth;dur=0.4, translate;dur=0.9, pick;dur=1.2, upstream;dur=310.5, gateway;dur=313.1`. */
  header(): string {
    const entries = [...this.durations, ["gateway", performance.now() - this.startedAt] as const];
    return entries.map(([name, milliseconds]) => `${name};dur=${milliseconds.toFixed(1)}`).join(", ");
  }
}

/** How a request ended, for its record. */
type RecordOutcome = { status: number; outcome: RequestOutcome; usage?: UnifiedUsage; errorMessage?: string };

function outcomeOf(error: LlmError): RequestOutcome {
  if (error.kind === "api_error") return "gateway_error";
  return error.status >= 500 || error.kind === "rate_limit" ? "upstream_error" : "client_error";
}

/**
 * Collects what a request's record needs as the request goes, and hands the record to the recorder
 * exactly once. With `DEBUG_MODE` it keeps the bodies too (secrets redacted): for failed requests
 * (`errors`) or all (`all`).
 */
class RequestTracker {
  modelRequested?: string;
  modelUsed?: string;
  stream = false;
  attempts = 0;
  credentialId?: number;
  readonly failedCredentialIds: number[] = [];
  firstByteAt?: number;
  debugMode: "off" | "errors" | "all" = "off";
  requestBody?: unknown;
  upstreamBody?: unknown;
  /** Secret values of this request (a client's own refresh token) redacted from kept bodies, besides the configured ones. */
  readonly requestSecrets: string[] = [];
  private finished = false;

  constructor(
    private readonly runtime: GatewayRuntime,
    private readonly identity: { requestId: string; startedAt: number; keyLabel: string; dialect: "openai" | "anthropic"; userId?: number; apiKeyId?: number },
  ) {}

  finish(outcome: RecordOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.runtime.activeRequests -= 1;
    const debugMode = this.debugMode;
    const keepBodies = debugMode === "all" || (debugMode === "errors" && outcome.outcome !== "success");
    const secrets = keepBodies ? [...configuredSecretValues(this.runtime.environment), ...this.requestSecrets] : [];
    this.runtime.recorder.record({
      id: this.identity.requestId,
      createdAt: this.identity.startedAt,
      keyLabel: this.identity.keyLabel,
      userId: this.identity.userId ?? null,
      apiKeyId: this.identity.apiKeyId ?? null,
      credentialId: this.credentialId ?? null,
      failedCredentialIds: this.failedCredentialIds,
      dialect: this.identity.dialect,
      modelRequested: this.modelRequested ?? null,
      modelUsed: this.modelUsed ?? null,
      stream: this.stream,
      status: outcome.status,
      outcome: outcome.outcome,
      attempts: this.attempts,
      timeToFirstByteMs: this.firstByteAt ? this.firstByteAt - this.identity.startedAt : null,
      totalMs: Date.now() - this.identity.startedAt,
      inputTokens: outcome.usage?.inputTokens ?? null,
      inputTokensSource: outcome.usage?.inputTokensSource ?? null,
      outputTokens: outcome.usage?.outputTokens ?? null,
      credits: outcome.usage?.credits ?? null,
      errorMessage: outcome.errorMessage?.slice(0, 2000) ?? null,
      debugRequestBody: keepBodies && this.requestBody !== undefined ? redactedJson(this.requestBody, secrets) : null,
      debugUpstreamBody: keepBodies && this.upstreamBody ? redactedJson(this.upstreamBody, secrets) : null,
    });
  }
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

async function planChat(runtime: GatewayRuntime, parsedRequest: UnifiedRequest): Promise<ChatPlan> {
  const environment = runtime.environment;
  const resolved = resolveKiroModel((await runtime.settings.forcedModel()) ?? parsedRequest.model);
  let request = parsedRequest;
  if (resolved.thinkingRequested && !request.thinking) request = { ...request, thinking: { type: "adaptive", effort: "high" } };
  request = await resolveImageUrls(request, { ...defaultImageFetchOptions, allowPrivateNetworks: environment.IMAGE_URL_ALLOW_PRIVATE_NETWORKS });
  const estimatedInputTokens = estimateRequestTokens(request);
  // Kiro would refuse it anyway; answering at once saves the round trip and a credential's quota.
  if (estimatedInputTokens > resolved.model.contextWindowTokens) throw contextLengthError(estimatedInputTokens, resolved.model.contextWindowTokens);
  return { request, resolved, estimatedInputTokens, conversion: buildConversion(runtime, request, resolved) };
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

/**
 * Failures that say something about the credential rather than the request: throttling, quota,
 * refusals, 5xx, network failures, first-token timeouts, failed refreshes. Only these count against
 * it, and only these move the request to another credential; a request Kiro rejects (400, too long)
 * would fail on any credential.
 */
const credentialFailureKinds = new Set<LlmError["kind"]>(["rate_limit", "upstream_error", "overloaded", "timeout", "unavailable"]);
/** Kiro gave no Retry-After: how long (ms) a throttled credential rests. */
const defaultCooldownMs = 5000;

/**
 * The failover loop: tries accounts until one produces its first content, at most
 * `1 + MAX_RETRIES` attempts and none started after `RETRY_BUDGET`. What Kiro said about an account
 * is passed to the pool: a throttled one cools down (its `Retry-After`, default 5 s), one refused
 * after a refresh is suspended, one out of quota rests, any other credential failure is its last
 * error; a success clears that. The client's own faults (a body Kiro rejects, leaving early) are
 * not held against the account, which stays the request's credential. A body Kiro rejects while
 * thinking is on is tried once more without thinking. When the request ends throttled, its
 * `Retry-After` is the time until the first account of the pool is usable again.
 */
async function openUpstreamStream(
  runtime: GatewayRuntime,
  initialPlan: ChatPlan,
  accounts: AccountSource,
  tracker: RequestTracker,
  clientSignal: AbortSignal,
  timing: ServerTiming,
): Promise<{ upstream: UpstreamStream; account: UpstreamAccount }> {
  const environment = runtime.environment;
  const budgetEndsAt = Date.now() + environment.RETRY_BUDGET * 1000;
  const tried = new Set<number>();
  let plan = initialPlan;
  let lastError: LlmError | undefined;
  for (let attempt = 0; attempt <= environment.MAX_RETRIES && Date.now() < budgetEndsAt; attempt += 1) {
    const account = await accounts.next(tried);
    timing.lap("pick");
    // Nothing left to try: the last upstream failure explains more than "none usable".
    if (account instanceof LlmError) throw await withPoolRetryAfter(lastError ?? account, accounts);
    if (account.credentialId !== undefined) tried.add(account.credentialId);
    tracker.attempts += 1;
    tracker.credentialId = account.credentialId;
    const attemptOptions = { environment, thinkingSigner: runtime.thinkingSigner, clientSignal };
    try {
      let upstream: UpstreamStream;
      try {
        upstream = await attemptKiro(account, plan, attemptOptions);
      } catch (error) {
        // Kiro cannot think on some turns ("Improperly formed request"); answer those without thinking.
        if (!(error instanceof LlmError && error.code === upstreamErrorCodes.rejected && plan.request.thinking)) throw error;
        logger.warn("Kiro refused thinking on this turn; answering without it");
        const request = { ...plan.request, thinking: undefined };
        plan = { ...plan, request, conversion: buildConversion(runtime, request, plan.resolved) };
        tracker.upstreamBody = plan.conversion.body;
        upstream = await attemptKiro(account, plan, attemptOptions);
      }
      timing.lap("upstream");
      await accounts.succeeded(account).catch((error: unknown) => logger.warn(`credential state not updated: ${(error as Error).message}`));
      return { upstream, account };
    } catch (error) {
      timing.lap("upstream");
      account.release();
      const failure = error instanceof LlmError ? error : toLlmError(error, "upstream");
      // The client's doing: the account served (or was serving) the request and stays its credential.
      if (clientSignal.aborted || !credentialFailureKinds.has(failure.kind)) throw failure;
      lastError = failure;
      if (account.credentialId !== undefined) tracker.failedCredentialIds.push(account.credentialId);
      tracker.credentialId = undefined;
      if (failure.code === upstreamErrorCodes.throttled) {
        await accounts.rateLimited(account, (failure.retryAfterSeconds ?? defaultCooldownMs / 1000) * 1000, failure.message);
      } else if (failure.code === upstreamErrorCodes.refused) {
        await accounts.suspended(account, failure.message);
      } else if (failure.code === upstreamErrorCodes.quotaExhausted) {
        await accounts.exhausted(account, Date.now() + (failure.retryAfterSeconds ?? 3600) * 1000, failure.message);
      } else {
        await accounts.failed(account, failure.message);
      }
      logger.warn(`credential ${account.credentialId ?? "(own token)"} failed (${failure.status}: ${failure.message})`);
    }
  }
  throw await withPoolRetryAfter(lastError ?? new LlmError("unavailable", "No Kiro credential could be tried within RETRY_BUDGET."), accounts);
}

/**
 * A throttling error whose `Retry-After` is when the first account of the pool is usable again
 * (not what the last one tried said: another may be back sooner); other errors as they are.
 */
async function withPoolRetryAfter(error: LlmError, accounts: AccountSource): Promise<LlmError> {
  if (error.kind !== "rate_limit") return error;
  const waitMs = await accounts.earliestAvailabilityMs();
  if (waitMs === undefined) return error;
  return new LlmError(error.kind, error.message, { code: error.code, status: error.status, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), cause: error });
}

function streamToClient(upstream: UpstreamStream, encoder: StreamEncoder, account: UpstreamAccount, tracker: RequestTracker): ReadableStream<Uint8Array> {
  const textEncoder = new TextEncoder();
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let lastWriteAt = Date.now();
  let finish: Extract<StreamPart, { type: "finish" }> | undefined;
  let failure: LlmError | undefined;
  const observe = (parts: StreamPart[]) => {
    for (const part of parts) {
      if (part.type === "finish") finish = part;
      if (part.type === "error") failure = part.error;
    }
  };
  const end = (outcome: RecordOutcome) => {
    if (keepAlive) clearInterval(keepAlive);
    keepAlive = undefined;
    account.release();
    tracker.finish(outcome);
  };
  const settle = () => {
    if (finish) end({ status: 200, outcome: "success", usage: finish.usage });
    else end({ status: 200, outcome: "upstream_error", usage: upstream.usage(), errorMessage: failure?.message ?? "the stream ended without finishing" });
  };
  observe(upstream.initialParts);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(textEncoder.encode(encoder.start() + encoder.encode(upstream.initialParts)));
      keepAlive = setInterval(() => {
        if (Date.now() - lastWriteAt < keepAliveIntervalMs) return;
        lastWriteAt = Date.now();
        try {
          controller.enqueue(textEncoder.encode(encoder.keepAlive()));
        } catch {
          if (keepAlive) clearInterval(keepAlive);
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
            settle();
            controller.close();
            return;
          }
          observe(parts);
          const text = encoder.encode(parts);
          if (text) {
            controller.enqueue(textEncoder.encode(text));
            lastWriteAt = Date.now();
            return;
          }
        } catch {
          // The client went away while this read was pending; the stream is already cancelled.
          upstream.close();
          end({ status: 499, outcome: "client_abort", usage: upstream.usage() });
          return;
        }
      }
    },
    cancel() {
      upstream.close();
      end({ status: 499, outcome: "client_abort", usage: upstream.usage() });
    },
  });
}
