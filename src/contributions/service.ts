// The contributions module's verbs, by room: routes and index.ts import them from here.
export * from "./households";
export * from "./campaigns";
export * from "./receipts";
export * from "./standings";
export { toWire } from "../shared/money";
export * from "./register";
export * from "./reductions";
