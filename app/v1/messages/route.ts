import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { anthropicMessagesDialect } from "@/lib/gateway/chat-dialects";
import { runChat } from "@/lib/gateway/run-chat";

// Vercel's ceiling for a streaming function; self-hosted servers have none (the gateway's own timeouts apply).
export const maxDuration = 300;

/** Anthropic Messages (Claude Code adds `?beta=true`, which changes nothing here). */
export function POST(request: Request): Promise<Response> {
  return runChat(request, anthropicMessagesDialect);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodHandlers(["POST"]);
