import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { Digits, Id, Obj } from "../http/schema-kit";
import { ARCHIVE_READERS, archiveUnit, writeArchive } from "./build";

const YearParams = Obj({ unitId: Id, year: Digits({ pattern: "^(19|20|21)[0-9]{2}$", maxLength: 4, description: "1900-2199" }) });

export function archiveRoutes(deps: Deps): RouteDef[] {
  const { db, config, clock } = deps;
  return [
    route({ method: "get", path: "/units/:unitId/archive/:year.zip", tag: "archive", summary: "The year's archive (zip, streamed): published statements (PDF, Excel), the journal as hledger, the audit trail, attachments, and manifest.json with each file's sha256 and the chain heads", access: [...ARCHIVE_READERS], params: YearParams,
      handler: async ({ actor, params, res }) => {
        const unit = await archiveUnit(db, actor, params.unitId); // refused before any byte is sent
        res.type("application/zip");
        res.setHeader("Content-Disposition", `attachment; filename="luu-tru-${unit.code}-${params.year}.zip"`);
        await writeArchive(db, actor, params.unitId, params.year, config.filesDir, res, clock.now().toISOString());
      } }),
  ];
}
