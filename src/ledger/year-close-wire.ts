// A closed year as the API answers it (types only, for the web client).

export interface YearClosingWire {
  id: number;
  year: number;
  /** The closing entry (kết chuyển), or null when no revenue or expense account had a balance. */
  entryId: number | null;
  /** The period closing through 31/12 that came with it. */
  closingId: number;
  /** Every account's balance after closing that is not zero: the next year's opening balances. */
  nextYearOpening: { account: string; balance: string }[];
  createdBy: number | null;
  createdAt: string;
}
