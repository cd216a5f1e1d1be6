// The chart's fixed codes live in shared/ (pure, no IO), so the web client names them too.
export { CHART, MONEY_ACCOUNTS } from "../shared/chart";
export type { FixedAccount } from "../shared/chart";
