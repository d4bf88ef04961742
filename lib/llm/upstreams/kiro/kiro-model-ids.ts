import { LlmError } from "../../unified/llm-error";

/** A model the gateway serves: the id clients use, the Kiro `modelId` it is sent as, and its context window (tokens). */
export type KiroModel = {
  clientId: string;
  kiroModelId: string;
  family: "opus" | "sonnet" | "haiku";
  /** Version as a number, e.g. 4.5, for nearest-version matching. */
  version: number;
  contextWindowTokens: number;
  /** Dated aliases clients also send for this model. */
  aliases: string[];
  displayName: string;
  /**
   * Release date (ISO day): from the dated id where there is one; Opus 4.6 (2026-02-05) and Opus 4.8
   * (2026-05-28) from public announcements; Sonnet 4.6 and Opus 4.7 to the month public lineups first
   * list them, as their day is not known here.
   */
  releasedOn: string;
};

/**
 * The served models (spec §2.6; the 4.6+ context windows follow kiro.rs's note that Kiro moved
 * Opus 4.6 and Sonnet 4.6 to 1M tokens). Kiro accepts the dotted lower-case ids returned by
 * `ListAvailableModels`; older Sonnet ids keep the upper-case form KiroGate sent.
 */
export const kiroModels: readonly KiroModel[] = [
  { clientId: "claude-opus-4-8", kiroModelId: "claude-opus-4.8", family: "opus", version: 4.8, contextWindowTokens: 1_000_000, aliases: [], displayName: "Claude Opus 4.8", releasedOn: "2026-05-28" },
  { clientId: "claude-opus-4-7", kiroModelId: "claude-opus-4.7", family: "opus", version: 4.7, contextWindowTokens: 1_000_000, aliases: [], displayName: "Claude Opus 4.7", releasedOn: "2026-04-01" },
  { clientId: "claude-opus-4-6", kiroModelId: "claude-opus-4.6", family: "opus", version: 4.6, contextWindowTokens: 1_000_000, aliases: [], displayName: "Claude Opus 4.6", releasedOn: "2026-02-05" },
  { clientId: "claude-opus-4-5", kiroModelId: "claude-opus-4.5", family: "opus", version: 4.5, contextWindowTokens: 200_000, aliases: ["claude-opus-4-5-20251101"], displayName: "Claude Opus 4.5", releasedOn: "2025-11-01" },
  { clientId: "claude-sonnet-4-6", kiroModelId: "claude-sonnet-4.6", family: "sonnet", version: 4.6, contextWindowTokens: 1_000_000, aliases: [], displayName: "Claude Sonnet 4.6", releasedOn: "2026-02-01" },
  { clientId: "claude-sonnet-4-5", kiroModelId: "claude-sonnet-4.5", family: "sonnet", version: 4.5, contextWindowTokens: 200_000, aliases: ["claude-sonnet-4-5-20250929"], displayName: "Claude Sonnet 4.5", releasedOn: "2025-09-29" },
  { clientId: "claude-sonnet-4", kiroModelId: "CLAUDE_SONNET_4_20250514_V1_0", family: "sonnet", version: 4, contextWindowTokens: 200_000, aliases: ["claude-sonnet-4-20250514", "claude-sonnet-4-0"], displayName: "Claude Sonnet 4", releasedOn: "2025-05-14" },
  { clientId: "claude-3-7-sonnet", kiroModelId: "CLAUDE_3_7_SONNET_20250219_V1_0", family: "sonnet", version: 3.7, contextWindowTokens: 200_000, aliases: ["claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest"], displayName: "Claude Sonnet 3.7", releasedOn: "2025-02-19" },
  { clientId: "claude-haiku-4-5", kiroModelId: "claude-haiku-4.5", family: "haiku", version: 4.5, contextWindowTokens: 200_000, aliases: ["claude-haiku-4-5-20251001"], displayName: "Claude Haiku 4.5", releasedOn: "2025-10-01" },
];

const modelsByLookupId = new Map<string, KiroModel>();
for (const model of kiroModels) {
  for (const id of [model.clientId, model.kiroModelId, ...model.aliases]) modelsByLookupId.set(id.toLowerCase(), model);
}

/** Result of resolving a client model id: the model to use and whether the id asked for thinking. */
export type ResolvedModel = { model: KiroModel; thinkingRequested: boolean };

const thinkingSuffix = /-thinking$/;

/**
 * `kirogate:sonnet-4-6` is `claude-sonnet-4-6`. Cursor sends a model it recognises as built-in
 * (any `claude-…` name) to its own Anthropic backend instead of an overridden OpenAI base URL, so
 * Cursor-style tools need a name without `claude` in it (a publicly documented Cursor behaviour).
 */
const cursorAliasPrefix = /^kirogate[:/](.+)$/;

/** The Cursor-style alias of a served model id: `claude-sonnet-4-6` → `kirogate:sonnet-4-6`. */
export function cursorModelAlias(clientId: string): string {
  return `kirogate:${clientId.replace(/^claude-/, "")}`;
}

/**
 * Maps a client model id to a served model. Exact ids, dated ids and Kiro ids match directly; an
 * unknown `claude-*` id (clients send new ones, e.g. `claude-opus-5-5`) maps to the nearest version
 * of its family (ties go to the newer); a `-thinking` suffix asks for thinking; `auto` is Sonnet 4.5;
 * `kirogate:<id without "claude-">` is the alias for Cursor-style tools.
 * @throws LlmError `not_found` for ids that name no Claude family.
 */
export function resolveKiroModel(requestedModel: string): ResolvedModel {
  const normalized = requestedModel
    .trim()
    .toLowerCase()
    .replace(/^(anthropic|claude-code)\//, "")
    .replace(cursorAliasPrefix, (_prefix, rest: string) => (rest.startsWith("claude") ? rest : `claude-${rest}`));
  const thinkingRequested = thinkingSuffix.test(normalized);
  const baseId = normalized.replace(thinkingSuffix, "");
  const exact = modelsByLookupId.get(baseId) ?? (baseId === "auto" ? modelsByLookupId.get("claude-sonnet-4-5") : undefined);
  if (exact) return { model: exact, thinkingRequested };

  const family = (["opus", "sonnet", "haiku"] as const).find((name) => baseId.startsWith("claude") && baseId.includes(name));
  if (!family) {
    throw new LlmError(
      "not_found",
      `The model '${requestedModel.slice(0, 100)}' does not exist. Available models: ${kiroModels.map((model) => model.clientId).join(", ")}.`,
      { code: "model_not_found", param: "model" },
    );
  }
  const version = parseModelVersion(baseId.replace(/-\d{8}$/, ""));
  const candidates = kiroModels.filter((model) => model.family === family);
  const nearest = candidates.reduce((best, model) => {
    if (version === undefined) return model.version > best.version ? model : best;
    const distance = Math.abs(model.version - version);
    const bestDistance = Math.abs(best.version - version);
    return distance < bestDistance || (distance === bestDistance && model.version > best.version) ? model : best;
  });
  return { model: nearest, thinkingRequested };
}

/** Reads `4-5`, `4.5`, `3-7` or a lone `4` out of an id such as `claude-opus-4-5` or `claude-3-7-sonnet`. */
function parseModelVersion(id: string): number | undefined {
  const match = /(?:^|-)(\d+)(?:[.-](\d))?(?:-|$)/.exec(id.replace(/^claude-/, "-"));
  if (!match) return undefined;
  return Number(match[1]) + (match[2] ? Number(match[2]) / 10 : 0);
}
