// overview: a commune's view of its hamlets and a province's dashboard of its communes, read in
// grouped statements over every unit under it. No table of its own.
export { overviewRoutes } from "./routes";
export { overview } from "./overview";
