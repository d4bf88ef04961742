import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { handleRetrieveModel } from "@/lib/gateway/handle-models";

export const dynamic = "force-dynamic";

/** One served model (`models.retrieve`), in the caller's dialect. */
export async function GET(request: Request, context: { params: Promise<{ model: string }> }): Promise<Response> {
  return handleRetrieveModel(request, decodeURIComponent((await context.params).model));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodHandlers(["GET"]);
