// opendata: a unit's public data in open formats (OC4IDS, CSV with a Data Package). Other modules import only this file.
import "./messages";
export { opendataRoutes } from "./routes";
export { oc4idsPackage, PROJECT_STATUS } from "./oc4ids";
export { TABLES } from "./tables";
