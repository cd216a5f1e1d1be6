// deadlines: what is late in a unit and under it (publications, findings, feedback) and the
// apology letters late answers call for. Reads the other modules through their index.
export { deadlineRoutes } from "./routes";
export { deadlines } from "./deadlines";
