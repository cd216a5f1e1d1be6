// The works module's verbs, room by room; routes.ts and index.ts import them from here.
export * from "./works";
export * from "./consent";
export * from "./holds";
export * from "./expenses";
export * from "./budget";
export * from "./public";
