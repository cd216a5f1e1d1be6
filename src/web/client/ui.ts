// Widgets every screen shares: fields with visible labels, money typed with thousands separators
// and read back in words, forms that survive a dropped connection and never record twice, pagers,
// tables that scroll inside themselves on a 360-px screen, and the "not allowed" page.
// Each part in a file of its own; screens import them from here.

export * from "./ui-texts";
export * from "./format";
export * from "./parts";
export * from "./forms";
export * from "./money-field";
