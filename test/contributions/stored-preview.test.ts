import http from "node:http";
import { expect } from "chai";
import express from "express";
import type { Preview, PreviewRow } from "../../src/contributions/import";
import { readPreview, storePreview } from "../../src/contributions/stored-preview";
import { sendJsonStreamed } from "../../src/http/json-stream";

// The import's memory bound: a 100,000-row preview is kept (until committed) and answered without
// ever being one JSON string. What is read back and what the client receives must be exactly the
// preview as it was made.

function preview(n: number): Omit<Preview, "id"> {
  const rows: PreviewRow[] = Array.from({ length: n }, (_, i) => ({
    row: i + 3, kind: i % 7 === 0 ? "pledge" : "cash", code: `H-${i}`, name: `Nguyễn Thị Ánh ${i} "\\n\u2028`, amount: String(100000 + i),
    date: "2025-03-01", note: i % 2 ? null : "Chuyển khoản\nghi chú", householdId: i % 3 ? i : null, bank: i % 2 === 0, inKind: null,
    errors: i === 5 ? [{ field: "amount", column: "D", problem: "not_a_number", raw: "abc", message: "Số tiền không đọc được" }] : [],
    ...(i === 9 ? { newHousehold: true } : {}),
    ...(i === 11 ? { warnings: [{ problem: "name_mismatch", sheetName: "Hoàng Văn Huấn", registerName: "Bùi Thị Thu Sơn", diacriticsOnly: false }] } : {}),
  }));
  return {
    campaignId: 7, fileType: "xlsx", sheet: "Đóng góp", contentHash: "ab".repeat(32), header: { row: 2, columns: {} } as Preview["header"],
    rows, totals: null as unknown as Preview["totals"], newHouseholds: 1, sheetTotal: "113230000", totalMatches: false,
    warnings: [{ problem: "total_mismatch", sheetTotal: "113230000", cashTotal: "131630000", pledgeTotal: "0" }], valid: false,
  };
}

describe("contributions: the stored import preview", () => {
  it("when a preview of 25,000 rows is stored and read back, then it is the same preview, in a few hundred KB of ASCII", async () => {
    const p = preview(25000);
    const stored = await storePreview(p);
    expect(stored).to.match(/^ndjson\.gz:[A-Za-z0-9+/=]+$/);
    expect(stored.length).to.be.below(JSON.stringify(p).length / 5);
    expect(readPreview(stored)).to.deep.equal(p);
  });

  it("when a preview was stored as plain JSON (before this format), then it still reads", () => {
    const p = preview(3);
    expect(readPreview(JSON.stringify(p))).to.deep.equal(p);
  });

  it("when a preview with no rows is stored, then it reads back with none", async () => {
    const p = preview(0);
    expect(readPreview(await storePreview(p))).to.deep.equal(p);
  });
});

describe("http: a large JSON answer written a slice at a time", () => {
  const serve = async (value: object, key: string) => {
    const app = express();
    app.get("/", async (_req, res) => sendJsonStreamed(res, 201, value, key, 7));
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      return { status: r.status, type: r.headers.get("content-type"), text: await r.text() };
    } finally {
      server.close();
    }
  };

  it("when a preview is answered in slices, then the client parses exactly the preview, with status 201", async () => {
    const p = { id: 12, ...preview(100) };
    const r = await serve(p, "rows");
    expect(r.status).to.equal(201);
    expect(r.type).to.equal("application/json; charset=utf-8");
    expect(JSON.parse(r.text)).to.deep.equal(JSON.parse(JSON.stringify(p)));
  });

  it("when the array is empty or the only field, then the JSON is still whole", async () => {
    expect(JSON.parse((await serve({ rows: [] }, "rows")).text)).to.deep.equal({ rows: [] });
    expect(JSON.parse((await serve({ a: 1, rows: [] }, "rows")).text)).to.deep.equal({ a: 1, rows: [] });
    expect(JSON.parse((await serve({ rows: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, "rows")).text)).to.deep.equal({ rows: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
  });
});
