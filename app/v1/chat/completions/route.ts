import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { openAIChatDialect } from "@/lib/gateway/chat-dialects";
import { runChat } from "@/lib/gateway/run-chat";

// Vercel's ceiling for a streaming function; self-hosted servers have none (the gateway's own timeouts apply).
export const maxDuration = 300;

/** OpenAI Chat Completions. */
export function POST(request: Request): Promise<Response> {
  return runChat(request, openAIChatDialect);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodHandlers(["POST"]);
