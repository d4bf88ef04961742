import { handlers } from "@/lib/gateway/sign-in";

export const dynamic = "force-dynamic";

/** Auth.js: sign-in endpoints, OAuth callbacks, session and CSRF token. */
export const { GET, POST } = handlers;
