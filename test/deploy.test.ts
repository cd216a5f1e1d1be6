import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../src/config";

// The service file and its example environment are shipped for offices with no IT staff: they
// must keep agreeing with `npm start` and with the configuration the server accepts.
const ROOT = path.resolve(__dirname, "..");

describe("deploy: the systemd service", () => {
  it("when the service starts the server, then it passes the V8 settings `npm start` does", () => {
    const start = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start as string;
    const flags = start.split("&&").pop()!.trim().split(/\s+/).filter((a) => a.startsWith("--"));
    expect(flags).to.have.length.greaterThan(0);
    const unit = fs.readFileSync(path.join(ROOT, "deploy/fund.service"), "utf8");
    const exec = /^ExecStart=(.*)$/m.exec(unit)![1].split(/\s+/);
    expect(exec.filter((a) => a.startsWith("--"))).to.deep.equal(flags);
    expect(exec[exec.length - 1]).to.equal("dist/src/server.js");
    for (const line of ["Restart=on-failure", "EnvironmentFile=/etc/fund/fund.env", "User=fund", "StandardError=journal"]) expect(unit).to.contain(line);
  });

  it("when the example environment is used as it is, then the server accepts every variable and serves the network", () => {
    const env: Record<string, string> = {};
    for (const line of fs.readFileSync(path.join(ROOT, "deploy/fund.env.example"), "utf8").split("\n")) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) env[m[1]] = m[2];
    }
    const config = loadConfig(env);
    expect(config.host).to.equal("0.0.0.0");
    expect(config.demoData).to.equal(false);
    expect(config.backup).to.deep.equal({ dir: "/var/backups/fund", everyHours: 24, keep: 14 });
    expect(new URL(config.publicBaseUrl).hostname).to.not.match(/^(localhost|127\.)/);
  });
});
