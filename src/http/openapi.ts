import type { RouteDef } from "./route";

const problem = { $ref: "#/components/schemas/Problem" };

/** The OpenAPI 3.1 document, built from the same route table and ajv schemas the server validates with. */
export function openApiDocument(routes: RouteDef[], version: string): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = "/api/v1" + r.path.replace(/:(\w+)/g, "{$1}");
    const parameters: object[] = [];
    for (const [where, schema] of [["path", r.params], ["query", r.query]] as const) {
      const s = schema as { properties?: Record<string, object>; required?: string[] } | undefined;
      for (const [name, prop] of Object.entries(s?.properties ?? {})) {
        parameters.push({ name, in: where, required: where === "path" || Boolean(s?.required?.includes(name)), schema: prop });
      }
    }
    const status = String(r.status ?? 200);
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${r.path.replace(/[/:{}.-]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      parameters,
      "x-access": r.access,
      security: r.access === "public" ? [] : [{ bearer: [] }],
      responses: {
        [status]: { description: "OK", ...(r.response ? { content: { "application/json": { schema: r.response } } } : {}) },
        "4XX": { description: "Problem", content: { "application/problem+json": { schema: problem } } },
      },
    };
    if (r.body) op.requestBody = { required: true, content: { "application/json": { schema: r.body } } };
    if (r.upload) op.requestBody = { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } } } };
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Community Fund Ledger — Sổ quỹ minh bạch", version },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            code: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, code: { type: "string" }, message: { type: "string" } } } },
          },
        },
      },
    },
  };
}
