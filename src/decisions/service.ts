// The decisions module's verbs, by room: routes.ts and index.ts import them from here.
export * from "./decisions";
export * from "./transitions";
