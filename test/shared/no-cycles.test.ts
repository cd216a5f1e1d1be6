import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

// No import cycle among src/ files, type imports and lazy import() included: a module that can be
// read on its own is one that can be changed on its own. The graph is read from the sources as
// text (relative specifiers only: packages cannot import us back).

const SRC = path.resolve(__dirname, "../../src");
const SPEC = /(?:import|export)\s[^'"]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)|require\(\s*["'](\.[^"']+)["']\s*\)/g;

function graph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) files.push(p);
    }
  };
  walk(SRC);
  const g = new Map<string, string[]>();
  for (const f of files) {
    const to = new Set<string>();
    for (const m of fs.readFileSync(f, "utf8").matchAll(SPEC)) {
      const base = path.resolve(path.dirname(f), m[1] ?? m[2] ?? m[3]);
      const hit = [`${base}.ts`, path.join(base, "index.ts")].find((c) => fs.existsSync(c));
      if (hit) to.add(hit);
    }
    g.set(f, [...to]);
  }
  return g;
}

/** Groups of files that import each other, directly or round about (Tarjan's strongly connected components). */
function cycles(g: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(path.relative(SRC, w));
      } while (w !== v);
      if (group.length > 1 || (g.get(v) ?? []).includes(v)) out.push(group.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe("src: no import cycles", () => {
  it("when the sources' imports are followed, type imports and import() included, then no file leads back to itself", () => {
    const g = graph();
    expect(g.size).to.be.above(150);
    expect(cycles(g)).to.deep.equal([]);
  });

  it("when two files import each other, then the check names them (it can fail)", () => {
    const a = path.join(SRC, "a.ts");
    const b = path.join(SRC, "b.ts");
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).to.deep.equal([["a.ts", "b.ts"]]);
  });
});
