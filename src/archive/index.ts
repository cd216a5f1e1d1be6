// archive: a unit's year as one zip (L18), streamed. Reads the other modules through their index.
export { archiveRoutes } from "./routes";
export { writeArchive } from "./build";
export type { Manifest, ManifestFile } from "./build";
