import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { handleCountTokens } from "@/lib/gateway/handle-count-tokens";

/** Anthropic token counting, estimated locally. */
export function POST(request: Request): Promise<Response> {
  return handleCountTokens(request);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodHandlers(["POST"]);
