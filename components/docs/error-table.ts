import { toAnthropicError } from "@/lib/llm/client-formats/anthropic/anthropic-error-body";
import { toOpenAIError } from "@/lib/llm/client-formats/openai/openai-error-body";
import { LlmError, type LlmErrorKind } from "@/lib/llm/unified/llm-error";
import type { MessageKey } from "@/lib/i18n/messages";

/** One row of the docs page's error table: what each dialect answers in one situation. */
export type DocsErrorRow = { anthropicStatus: number; anthropicType: string; openaiStatus: number; openaiType: string; meaning: MessageKey };

// The situations the gateway reports, by error kind (and status where it is not the kind's own).
const situations: Array<{ kind: LlmErrorKind; status?: number; meaning: MessageKey }> = [
  { kind: "invalid_request", meaning: "docs.error.400" },
  { kind: "authentication", meaning: "docs.error.401" },
  { kind: "permission", meaning: "docs.error.403" },
  { kind: "not_found", meaning: "docs.error.404" },
  { kind: "invalid_request", status: 405, meaning: "docs.error.405" },
  { kind: "request_too_large", meaning: "docs.error.413" },
  { kind: "rate_limit", meaning: "docs.error.429" },
  { kind: "upstream_error", meaning: "docs.error.502" },
  { kind: "unavailable", meaning: "docs.error.503" },
  { kind: "overloaded", meaning: "docs.error.529" },
  { kind: "timeout", meaning: "docs.error.504" },
];

/**
 * The error table, computed with the same mappers the gateway answers with, so the page cannot
 * drift from what clients really receive (it once listed 503 as `overloaded_error`).
 */
export function docsErrorRows(): DocsErrorRow[] {
  return situations.map(({ kind, status, meaning }) => {
    const error = new LlmError(kind, "", status === undefined ? {} : { status });
    const anthropic = toAnthropicError(error);
    const openai = toOpenAIError(error);
    return { anthropicStatus: anthropic.status, anthropicType: anthropic.body.error.type, openaiStatus: openai.status, openaiType: openai.body.error.type, meaning };
  });
}
