// `npm run bench`: measures what the gateway adds on top of Kiro, by the method of
// perf-and-reliability.md §2, and prints the figures. It is never part of `./run.sh test`: timings
// on a shared machine are figures to read, not assertions to gate on.
//
// Settings (environment): BENCH_ROUNDS (7), BENCH_PER_ROUND (25), BENCH_WARMUP (15),
// BENCH_STREAMS ("1,32,128,256": the paced-stream concurrency sweep), BENCH_SATURATION_REQUESTS (400),
// BENCH_UPSTREAM_PORT and BENCH_GATEWAY_PORT (free ports when unset).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { mockedGatewayEnvironment, startGatewayProcess, type GatewayProcess } from "../../tests/support/gateway-process";
import { expectedBenchText, startBenchUpstream, type BenchUpstream } from "./bench-upstream";

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const perRound = Number(process.env.BENCH_PER_ROUND ?? 25);
const warmup = Number(process.env.BENCH_WARMUP ?? 15);
const streamSweep = (process.env.BENCH_STREAMS ?? "1,32,128,256").split(",").map(Number).filter((value) => value > 0);
const saturationRequests = Number(process.env.BENCH_SATURATION_REQUESTS ?? 400);
const apiKey = "sk-bench-proxy-key";
const pacedFrames = 64;
const pacedIntervalMs = 20;
/** perf-and-reliability.md §2.4.2: a stream is sustained when no gap between deltas exceeds 10× the pace. */
const stallGapMs = pacedIntervalMs * 10;
const clockTicksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** One timed exchange: time to the first content delta and to the end, ms; the gaps between deltas, ms. */
type Sample = { firstDeltaMs: number; lastByteMs: number; gapsMs: number[]; text: string; complete: boolean; status: number };

type Dialect = "direct" | "anthropic" | "openai";

function percentile(values: number[], fraction: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function format(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}

/** Resident set size of a process, MiB, from /proc (Linux only; NaN elsewhere). */
function residentMegabytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** User plus system CPU time of a process, µs, from /proc (Linux only). */
function cpuMicroseconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // After the command name: field 14 (utime) and 15 (stime) of proc(5) are at 11 and 12 here.
    return ((Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond) * 1_000_000;
  } catch {
    return Number.NaN;
  }
}

function requestFor(dialect: Dialect, frames: number, intervalMs: number): { path: string; body: string; headers: Record<string, string> } {
  const directive = `[bench:${frames}:${intervalMs}] say the words`;
  if (dialect === "direct") {
    return {
      path: "/generateAssistantResponse",
      headers: { "content-type": "application/json", authorization: "Bearer bench-access-bench-refresh" },
      body: JSON.stringify({ conversationState: { currentMessage: { userInputMessage: { content: directive, modelId: "claude-sonnet-4.5", origin: "AI_EDITOR" } }, chatTriggerType: "MANUAL" } }),
    };
  }
  if (dialect === "anthropic") {
    return {
      path: "/v1/messages",
      headers: { "content-type": "application/json", "x-api-key": apiKey, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 4096, stream: true, messages: [{ role: "user", content: directive }] }),
    };
  }
  return {
    path: "/v1/chat/completions",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 4096, stream: true, messages: [{ role: "user", content: directive }] }),
  };
}

/**
 * Sends one request and times it. For the gateway the first delta is the first SSE event carrying
 * answer text (not the headers, not a ping); for the direct baseline it is the first body byte.
 */
async function timedRequest(client: Pool, dialect: Dialect, frames: number, intervalMs: number): Promise<Sample> {
  const { path: requestPath, body, headers } = requestFor(dialect, frames, intervalMs);
  const started = performance.now();
  const response = await client.request({ method: "POST", path: requestPath, headers, body });
  const sample: Sample = { firstDeltaMs: Number.NaN, lastByteMs: Number.NaN, gapsMs: [], text: "", complete: false, status: response.statusCode };
  let lastDeltaAt = Number.NaN;
  const noteDelta = (text: string) => {
    const now = performance.now();
    if (Number.isNaN(sample.firstDeltaMs)) sample.firstDeltaMs = now - started;
    else sample.gapsMs.push(now - lastDeltaAt);
    lastDeltaAt = now;
    sample.text += text;
  };
  let pending = "";
  for await (const chunk of response.body) {
    if (dialect === "direct") {
      noteDelta("");
      continue;
    }
    pending += (chunk as Buffer).toString("utf8");
    let boundary = pending.indexOf("\n\n");
    while (boundary !== -1) {
      const event = pending.slice(0, boundary);
      pending = pending.slice(boundary + 2);
      boundary = pending.indexOf("\n\n");
      const dataLine = event.split("\n").find((line) => line.startsWith("data: "));
      if (!dataLine) continue;
      const data = dataLine.slice(6);
      if (data === "[DONE]") {
        sample.complete = true;
        continue;
      }
      const parsed = JSON.parse(data) as {
        type?: string;
        delta?: { type?: string; text?: string };
        choices?: { delta?: { content?: string } }[];
      };
      if (dialect === "anthropic") {
        if (parsed.type === "content_block_delta" && parsed.delta?.type === "text_delta") noteDelta(parsed.delta.text ?? "");
        if (parsed.type === "message_stop") sample.complete = true;
      } else {
        const content = parsed.choices?.[0]?.delta?.content;
        if (content) noteDelta(content);
      }
    }
  }
  sample.lastByteMs = performance.now() - started;
  if (dialect === "direct") sample.complete = response.statusCode === 200;
  else sample.complete &&= response.statusCode === 200 && sample.text === expectedBenchText(frames);
  return sample;
}

async function repeat(times: number, concurrency: number, run: () => Promise<unknown>): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < times) {
      started += 1;
      await run();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, times) }, worker));
}

/** perf-and-reliability.md §2.4.1: c=1, instant upstream, interleaved rounds, median of round medians. */
async function measureAddedLatency(direct: Pool, gateway: Pool): Promise<void> {
  const dialects: Dialect[] = ["direct", "anthropic", "openai"];
  const clientFor = (dialect: Dialect) => (dialect === "direct" ? direct : gateway);
  for (const dialect of dialects) for (let index = 0; index < warmup; index += 1) await timedRequest(clientFor(dialect), dialect, 20, 0);
  const roundMedians = new Map<Dialect, { first: number[]; last: number[] }>(dialects.map((dialect) => [dialect, { first: [], last: [] }]));
  const all = new Map<Dialect, { first: number[]; last: number[] }>(dialects.map((dialect) => [dialect, { first: [], last: [] }]));
  for (let round = 0; round < rounds; round += 1) {
    // Alternate the order so neither side always runs on a warmer machine.
    const order = round % 2 === 0 ? dialects : [...dialects].reverse();
    for (const dialect of order) {
      const first: number[] = [];
      const last: number[] = [];
      for (let index = 0; index < perRound; index += 1) {
        const sample = await timedRequest(clientFor(dialect), dialect, 20, 0);
        if (!sample.complete) throw new Error(`${dialect} request failed with status ${sample.status}`);
        first.push(sample.firstDeltaMs);
        last.push(sample.lastByteMs);
      }
      roundMedians.get(dialect)!.first.push(median(first));
      roundMedians.get(dialect)!.last.push(median(last));
      all.get(dialect)!.first.push(...first);
      all.get(dialect)!.last.push(...last);
    }
  }
  console.log(`\n1. Added latency, c=1, 20 frames back to back (${rounds} interleaved rounds × ${perRound}, ${warmup} warm-ups each)`);
  console.log("   path                 first delta p50 / p90 / p99 (ms)    last byte p50 / p99 (ms)   added p50 first / last (ms)");
  const baseline = roundMedians.get("direct")!;
  for (const dialect of dialects) {
    const rounded = roundMedians.get(dialect)!;
    const samples = all.get(dialect)!;
    const label = dialect === "direct" ? "Kiro stand-in direct" : dialect === "anthropic" ? "gateway /v1/messages" : "gateway /v1/chat/…";
    const added = dialect === "direct" ? "—" : `${format(median(rounded.first) - median(baseline.first))} / ${format(median(rounded.last) - median(baseline.last))}`;
    console.log(
      `   ${label.padEnd(20)} ${format(median(rounded.first)).padStart(6)} / ${format(percentile(samples.first, 0.9)).padStart(6)} / ${format(percentile(samples.first, 0.99)).padStart(6)}` +
        `              ${format(median(rounded.last)).padStart(6)} / ${format(percentile(samples.last, 0.99)).padStart(6)}        ${added}`,
    );
  }
}

/** perf-and-reliability.md §2.4.3 and §2.4.5: back-to-back frames at c=16, gateway CPU per frame and per request. */
async function measureSaturation(gateway: Pool, gatewayProcess: GatewayProcess): Promise<void> {
  const pid = gatewayProcess.child.pid!;
  const frames = 20;
  let failures = 0;
  const cpuBefore = cpuMicroseconds(pid);
  const started = performance.now();
  await repeat(saturationRequests, 16, async () => {
    const sample = await timedRequest(gateway, "anthropic", frames, 0);
    if (!sample.complete) failures += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMicroseconds(pid) - cpuBefore;

  const cpuBeforeModels = cpuMicroseconds(pid);
  const startedModels = performance.now();
  await repeat(saturationRequests, 16, async () => {
    const response = await gateway.request({ method: "GET", path: "/v1/models", headers: { authorization: `Bearer ${apiKey}` } });
    await response.body.text();
    if (response.statusCode !== 200) failures += 1;
  });
  const secondsModels = (performance.now() - startedModels) / 1000;
  const cpuModels = cpuMicroseconds(pid) - cpuBeforeModels;

  console.log(`\n2. Throughput and CPU, c=16, ${saturationRequests} requests each`);
  console.log(`   streamed /v1/messages, ${frames} frames back to back: ${format(saturationRequests / seconds, 0)} req/s, ${format((saturationRequests * frames) / seconds, 0)} frames/s, ` +
    `gateway CPU ${format(cpu / saturationRequests, 0)} µs/request = ${format(cpu / (saturationRequests * frames), 1)} µs/frame`);
  console.log(`   GET /v1/models (framework and key check only): ${format(saturationRequests / secondsModels, 0)} req/s, gateway CPU ${format(cpuModels / saturationRequests, 0)} µs/request`);
  if (failures) console.log(`   FAILURES: ${failures}`);
}

/** perf-and-reliability.md §2.4.2 and §2.4.4: paced streams (64 frames, 20 ms apart), a concurrency sweep, RSS under load. */
async function measurePacedStreams(gateway: Pool, gatewayProcess: GatewayProcess): Promise<void> {
  const pid = gatewayProcess.child.pid!;
  console.log(`\n3. Paced streams: ${pacedFrames} frames ${pacedIntervalMs} ms apart through /v1/messages; sustained = every frame, no gap > ${stallGapMs} ms`);
  console.log("   streams   complete   first delta p50 / p99 (ms)   gap p99 / max (ms)   sustained   peak RSS (MiB)   CPU µs/frame");
  const peakRss = new Map<number, number>();
  for (const streams of streamSweep) {
    let peak = residentMegabytes(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, residentMegabytes(pid))), 200);
    const cpuBefore = cpuMicroseconds(pid);
    // Open loop: starts spread over one pace interval, each timed from its own start.
    const samples = await Promise.all(
      Array.from({ length: streams }, (_, index) =>
        new Promise<void>((resolve) => setTimeout(resolve, (index * pacedIntervalMs) / streams)).then(() =>
          timedRequest(gateway, "anthropic", pacedFrames, pacedIntervalMs).catch((): Sample => ({ firstDeltaMs: Number.NaN, lastByteMs: Number.NaN, gapsMs: [], text: "", complete: false, status: 0 })),
        ),
      ),
    );
    clearInterval(sampler);
    const cpu = cpuMicroseconds(pid) - cpuBefore;
    peakRss.set(streams, peak);
    const complete = samples.filter((sample) => sample.complete).length;
    const gaps = samples.flatMap((sample) => sample.gapsMs);
    const maxGap = gaps.length ? Math.max(...gaps) : Number.NaN;
    const sustained = complete === streams && maxGap <= stallGapMs;
    const firsts = samples.map((sample) => sample.firstDeltaMs).filter(Number.isFinite);
    console.log(
      `   ${String(streams).padStart(7)}   ${`${complete}/${streams}`.padStart(8)}   ${format(median(firsts)).padStart(10)} / ${format(percentile(firsts, 0.99)).padStart(8)}` +
        `        ${format(percentile(gaps, 0.99), 1).padStart(6)} / ${format(maxGap, 1).padStart(6)}     ${(sustained ? "yes" : "NO").padEnd(9)}   ${format(peak, 1).padStart(10)}      ${format(cpu / (streams * pacedFrames), 1)}`,
    );
  }
  const measured = [...peakRss.keys()].sort((left, right) => left - right);
  if (measured.length >= 2) {
    const low = measured[0];
    const high = measured[measured.length - 1];
    const perStream = ((peakRss.get(high)! - peakRss.get(low)!) * 1024) / (high - low);
    console.log(`   RSS per active stream ≈ ${format(perStream, 0)} KiB (peak at ${high} streams − peak at ${low}, over ${high - low} streams)`);
  }
}

function pinProcess(pid: number, cpu: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-cp", String(cpu), String(pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kirogate-bench-"));
  let upstream: BenchUpstream | undefined;
  let gatewayProcess: GatewayProcess | undefined;
  try {
    upstream = await startBenchUpstream(Number(process.env.BENCH_UPSTREAM_PORT ?? 0));
    gatewayProcess = await startGatewayProcess({
      ...mockedGatewayEnvironment(upstream.url, apiKey),
      DATABASE_URL: `file:${path.join(folder, "bench.db")}`,
      REFRESH_TOKEN: "bench-refresh",
      // One stand-in account carries the whole load; the per-account limit protects real Kiro accounts, not this one.
      MAX_CONCURRENT_PER_CREDENTIAL: "100000",
      FIRST_TOKEN_TIMEOUT: "30",
      STREAM_READ_TIMEOUT: "30",
      TOKEN_HEALTH_CHECK_INTERVAL: "0",
      ...(process.env.BENCH_GATEWAY_PORT ? { PORT: process.env.BENCH_GATEWAY_PORT } : {}),
    });
    const pid = gatewayProcess.child.pid!;
    const idleRss = residentMegabytes(pid);
    const cpuCount = os.availableParallelism();
    // perf-and-reliability.md §2.1: the gateway alone on CPU 0, the stand-in and this load generator on CPU 1.
    const pinned = cpuCount >= 2 && pinProcess(pid, 0) && pinProcess(process.pid, 1);
    console.log(`KiroGate benchmark — ${new Date().toISOString()}, Node ${process.version}, ${cpuCount} CPUs (${os.cpus()[0]?.model ?? "unknown"})`);
    console.log(`gateway ${gatewayProcess.url} (pid ${pid}), Kiro stand-in ${upstream.url}; ${pinned ? "gateway pinned to CPU 0, harness to CPU 1" : "not pinned (needs taskset and 2 CPUs)"}`);
    console.log(`gateway RSS idle, after start and its health probes: ${format(idleRss, 1)} MiB`);

    const pacedConnections = Math.max(...streamSweep, 16) + 8;
    const direct = new Pool(upstream.url, { connections: 16, pipelining: 1 });
    const gateway = new Pool(gatewayProcess.url, { connections: pacedConnections, pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000 });
    await measureAddedLatency(direct, gateway);
    await measureSaturation(gateway, gatewayProcess);
    await measurePacedStreams(gateway, gatewayProcess);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    console.log(`\ngateway RSS 5 s after the load: ${format(residentMegabytes(pid), 1)} MiB; stand-in answered ${upstream.generateCalls()} generate requests`);
    await direct.close();
    await gateway.close();
  } finally {
    await gatewayProcess?.stop();
    await upstream?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

await main();
