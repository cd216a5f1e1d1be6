// contributions: households, campaigns, receipts, pledges, exemptions, in-kind gifts, sheet imports.
import "./messages";
import "./funds";
export { contributionRoutes } from "./routes";
export { contributionList, campaignSummary, campaignIdsOfFund, findCampaign, findHousehold, registerHousehold, registerHouseholds, openCampaign, recordReceipt, recordPledge, recordExemption, recordInKind, checkDecision } from "./service";
export type { Household, Campaign, ListRow, CampaignSummary } from "./service";
export { isInKindAccount } from "./receipts";
export { householdsOn, householdLabels } from "./register";
export { verifyHouseholdPin, proveHouseholdPin, pinSubject } from "./pins";
export type { VerifiedHousehold, PinGuard } from "./pins";
