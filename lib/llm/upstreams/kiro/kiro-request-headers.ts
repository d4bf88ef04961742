/** Kiro IDE version the user agent claims (the IDE-faithful identity of spec §2.2). */
export const kiroIdeVersion = "0.9.40";
const awsSdkVersion = "1.0.27";

/**
 * Headers of a `generateAssistantResponse` call (spec §2.2), in the Kiro IDE's own shape with the
 * credential's stable machine id, so each account looks like one IDE installation.
 */
export function kiroRequestHeaders(options: { accessToken: string; machineId: string; invocationId: string }): Record<string, string> {
  return {
    authorization: `Bearer ${options.accessToken}`,
    "content-type": "application/json",
    accept: "*/*",
    "user-agent": `aws-sdk-js/${awsSdkVersion} ua/2.1 os/win32#10.0.19044 lang/js md/nodejs#22.21.1 api/codewhispererstreaming#${awsSdkVersion} m/E KiroIDE-${kiroIdeVersion}-${options.machineId}`,
    "x-amz-user-agent": `aws-sdk-js/${awsSdkVersion} KiroIDE-${kiroIdeVersion}-${options.machineId}`,
    "x-amzn-codewhisperer-optout": "true",
    "x-amzn-kiro-agent-mode": "vibe",
    "amz-sdk-invocation-id": options.invocationId,
    "amz-sdk-request": "attempt=1; max=3",
  };
}
