/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and
 * self time by where the code lives (our code, each package, Node's internals, native/GC).
 *
 *   npx tsx bench/profile-summary.ts data/profiles/<file>.cpuprofile [--top 25]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node: each sample's delta goes to the node that was on top of the stack.
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let total = 0;
  for (const us of selfUs.values()) total += us;

  const where = (url: string, name: string): string => {
    if (name === "(garbage collector)") return "garbage collection";
    if (name === "(idle)") return "idle";
    if (name === "(program)" || !url) return "native / V8";
    if (url.startsWith("node:")) return "node internals";
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m)
      return m[1]!.startsWith("next") && url.includes("/compiled/")
        ? "next (compiled react, etc.)"
        : m[1]!;
    // Turbopack's chunks hold our code and the packages it bundled (Drizzle, Auth.js, …): the
    // functions list below tells them apart. The API bundle leaves packages outside.
    if (url.includes("/.next/server/")) return "Next's chunks (our code + bundled packages)";
    if (url.includes("cartwright-api")) return "our code (API bundle)";
    return "our code";
  };
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url
      .replace(/^.*node_modules\//, "")
      .replace(/^file:\/\/.*?\/(\.next|scripts)\//, "$1/");
    const key = `${functionName || "(anonymous)"}  ${short}${url ? `:${lineNumber + 1}` : ""}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const place = where(url, functionName);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const busy = total - (places.get("idle") ?? 0);
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const lines = [
    `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`,
    "",
    "self time by place:",
  ];
  for (const [place, us] of [...places]
    .filter(([p]) => p !== "idle")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12))
    lines.push(`  ${pct(us)}  ${place}`);
  lines.push("", `top ${top} functions by self time:`);
  for (const [key, us] of [...fns]
    .filter(([k]) => !k.startsWith("(idle)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${pct(us)}  ${key}`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string", default: "25" } },
  });
  if (positionals.length === 0) {
    console.error("usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 25]");
    process.exit(2);
  }
  for (const file of positionals) console.log(summarise(file, Number(values.top)) + "\n");
}
