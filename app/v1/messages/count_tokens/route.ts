import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { handleCountTokens } from "@/lib/gateway/handle-count-tokens";

/** Anthropic token counting, estimated locally. */
export function POST(request: Request): Promise<Response> {
  return handleCountTokens(request);
}

const otherMethods = otherMethodHandlers(["POST"]);
export const GET = otherMethods.GET;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
