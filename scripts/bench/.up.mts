import { startBenchUpstream } from "/work/main/scripts/bench/bench-upstream";
const up = await startBenchUpstream(9471); console.log(up.url);
