// The supervision module's verbs, room by room; routes.ts and index.ts import them from here.
export * from "./boards";
export * from "./inspections";
export * from "./findings";
export * from "./cash-counts";
export * from "./feedback";
export * from "./oversight";
