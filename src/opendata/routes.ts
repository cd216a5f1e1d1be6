import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { Throttle, type Actor } from "../identity";
import { publishedFile } from "../publication";
import { AppError, TooManyRequestsError } from "../shared/errors";
import { oversight } from "../supervision";
import { gather } from "./gather";
import { oc4idsPackage } from "./oc4ids";
import { AmountOutOfRange } from "./values";
import { sendOpenData } from "./zip";

// Two public reads of a unit's open data, no login: only what its public pages already show.
// Anyone may fetch them and caches may keep them a few minutes (the figures move slowly, and a
// busy morning's readers then cost the office computer one read each few minutes per proxy).
const CACHE = "public, max-age=300";
/** Exports per address in an hour, both routes together: each reads every work of the unit. */
export const EXPORTS_PER_HOUR = 60;

export function opendataRoutes(deps: Deps): RouteDef[] {
  const { db, clock, config, logger } = deps;
  // A script fetching in a loop would keep the office computer busy for everyone else; a person,
  // or a portal harvesting once a day, never comes near the limit. Counted before anything is read.
  const perAddress = new Throttle(clock, EXPORTS_PER_HOUR, 60 * 60_000);
  const admit = (actor: Actor) => {
    const wait = perAddress.retryAfter(actor.ip);
    if (wait) throw new TooManyRequestsError(wait);
    perAddress.fail(actor.ip);
  };
  return [
    route({ method: "get", path: "/public/units/:unitId/oc4ids.json", tag: "opendata", summary: "The unit's public works as an OC4IDS 0.9 project package (no login)", access: "public", params: UnitParams,
      handler: async ({ res, actor, params }) => {
        admit(actor);
        const data = await gather(db, params.unitId, clock.now().toISOString(), oversight);
        // OC4IDS wants one project at least: an empty package would not validate.
        if (!data.works.length) throw new AppError(404, "no_public_works", { unitId: data.unit.id, unitName: data.unit.name, openData: `/api/v1/public/units/${data.unit.id}/open-data.zip` });
        try {
          const body = oc4idsPackage(data, config.oc4idsPrefix, config.publicBaseUrl);
          res.setHeader("Cache-Control", CACHE);
          return body;
        } catch (err) {
          // an amount a JSON number cannot hold exactly: refused rather than written wrong
          if (err instanceof AmountOutOfRange) logger.error("oc4ids export refused", { unitId: params.unitId, amount: err.amount });
          throw err;
        }
      } }),
    route({ method: "get", path: "/public/units/:unitId/open-data.zip", tag: "opendata", summary: "The unit's open data as CSV files (UTF-8 with BOM) with a datapackage.json (no login)", access: "public", params: UnitParams,
      handler: async ({ res, actor, params }) => {
        admit(actor);
        // read before the first byte goes out: an unknown unit is still a 404 problem
        const data = await gather(db, params.unitId, clock.now().toISOString(), oversight);
        res.setHeader("Content-Type", "application/zip");
        res.setHeader("Content-Disposition", `attachment; filename="du-lieu-mo-${data.unit.code.replace(/[^A-Za-z0-9._-]/g, "-")}.zip"`);
        res.setHeader("Cache-Control", CACHE);
        const files = { filesDir: config.filesDir, publicBaseUrl: config.publicBaseUrl };
        await sendOpenData(res, data, config.publicBaseUrl, async (id) => (await publishedFile(db, files, id, "xlsx")).file, logger);
        return undefined;
      } }),
  ];
}
