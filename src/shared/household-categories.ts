// A household's category (diện hộ): ordinary, or one a campaign may exempt. Named once for the
// server's schemas and the web client's forms.

export const HOUSEHOLD_CATEGORIES = ["normal", "poor", "near_poor", "policy", "other"] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];
