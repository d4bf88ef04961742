/** Calls the gateway's admin API with `Authorization: Bearer adminKey`; returns status and parsed JSON. */
export async function admin(gatewayUrl: string, adminKey: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${gatewayUrl}/api/admin${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, json: (await response.json()) as any };
}
