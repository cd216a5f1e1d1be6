import { expect } from "chai";
import { route, type Ctx } from "../../src/http/route";
import { Flag, Id, Limit, Obj, Type, UnitParams } from "../../src/http/schema-kit";
import { validator } from "../../src/http/validation";

// What a handler is given: the values validation checked as text, decoded once as their schemas say.
const raw = (params: unknown, query: unknown = {}, body: unknown = {}): Ctx => ({ req: undefined as never, res: undefined as never, actor: undefined as never, params, query, body });
const base = { method: "get", path: "/units/:unitId/x", summary: "x", tag: "t", access: "public" } as const;

describe("http: route decoding", () => {
  it("when a path id and query numbers and flags arrive as text, then the handler gets numbers and booleans", async () => {
    let seen: unknown;
    const r = route({ ...base, params: UnitParams, query: Obj({ limit: Type.Optional(Limit), inactive: Type.Optional(Flag), workId: Type.Optional(Id), q: Type.Optional(Type.String()) }),
      handler: async (ctx) => {
        // The types say what arrives (typecheck fails otherwise): numbers and a boolean, text stays text.
        const typed: { unitId: number; limit?: number; inactive?: boolean; workId?: number; q?: string } = { ...ctx.params, ...ctx.query };
        void typed;
        seen = { params: ctx.params, query: ctx.query };
      } });
    await r.handler(raw({ unitId: "42" }, { limit: "500", inactive: "false", workId: "2147483647", q: "7" }));
    expect(seen).to.deep.equal({ params: { unitId: 42 }, query: { limit: 500, inactive: false, workId: 2147483647, q: "7" } });
    await r.handler(raw({ unitId: "1" }, { inactive: "true" }));
    expect(seen).to.deep.equal({ params: { unitId: 1 }, query: { inactive: true } });
  });

  it("when a route's schemas decode nothing, then the handler gets the parts exactly as they came", async () => {
    const body = { name: "Tổ 1" };
    let got: unknown;
    const r = route({ ...base, method: "post", body: Obj({ name: Type.String() }), handler: async (ctx) => void (got = ctx.body) });
    await r.handler(raw({}, {}, body));
    expect(got).to.equal(body);
  });

  it("when an id in the path is not an id, then validation refuses it before any decoding", () => {
    const r = route({ ...base, params: UnitParams, handler: async () => undefined });
    const check = validator(r);
    for (const bad of ["0", "007", "2147483648", "1e3", "-1", " 1"]) {
      const err = check({ params: { unitId: bad }, url: "/units/x/x", query: {} } as never);
      expect(err, bad).to.include({ status: 400, code: "validation_failed" });
    }
  });

  it("when a decoded schema is placed deeper than a part's own fields, then the route is refused where it is declared", () => {
    expect(() => route({ ...base, method: "post", body: Obj({ lines: Type.Array(Obj({ id: Id })) }), handler: async () => undefined })).to.throw(/Transform/);
  });
});
