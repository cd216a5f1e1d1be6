import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

// Authorization is not a naming convention: no module exports a verb's unchecked twin, and no
// module outside identity makes an actor up. What acts without a person states its reason
// (identity's asSystem), which the verbs record where they audit.

const SRC = path.resolve(__dirname, "../../src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.ts$/.test(e.name) ? [p] : [];
  });
}

const rel = (p: string) => path.relative(SRC, p).split(path.sep).join("/");

describe("authorization surfaces", () => {
  const files = sources(SRC).map((p) => ({ file: rel(p), text: fs.readFileSync(p, "utf8") }));

  it("when src is read, then no function or re-export is named *Unchecked", () => {
    const found = files.flatMap(({ file, text }) => [...text.matchAll(/\b(\w+Unchecked)\b/g)].map((m) => `${file}: ${m[1]}`));
    expect(found).to.deep.equal([]);
  });

  it("when src is read, then only start-up makes a system actor, and no module outside identity builds one from scopes", () => {
    const made = files.filter(({ file, text }) => !file.startsWith("identity/") && /\bsystemActor\(/.test(text)).map((f) => f.file);
    // Start-up creates the first admin before there is any person, and the audit record of that
    // creation names who acted, when and from where: the system, at start-up, locally.
    expect(made).to.deep.equal(["boot.ts"]);
    const literal = files.filter(({ file, text }) => !file.startsWith("identity/") && !file.startsWith("web/client/") && /\bscopes:\s*\[/.test(text)).map((f) => f.file);
    expect(literal).to.deep.equal([]);
  });
});
