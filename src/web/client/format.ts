import { formatDateVi, localDateTime, todayIn } from "../../shared/dates";
import { formatDong, fromDb } from "../../shared/money";
import { inWords } from "../../shared/words-vi";

// ---------- formatting ----------

/** 1250000 → "1.250.000" (the documents' style). */
export function money(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "";
  return formatDong(fromDb(amount));
}

/** The amount in words, as printed on vouchers ("Một triệu hai trăm năm mươi nghìn đồng"). */
export function words(amount: string): string {
  return /^[1-9][0-9]{0,14}$/.test(amount) ? inWords(amount) : "";
}

/** "2025-06-15" → "15/06/2025"; an ISO instant → its Vietnam date and time. */
export function dmy(date: string | null | undefined): string {
  if (!date) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return formatDateVi(date);
  if (Number.isNaN(Date.parse(date))) return date;
  const local = localDateTime(date);
  return `${formatDateVi(local.slice(0, 10))} ${local.slice(11)}`;
}

/** Today in Vietnam as YYYY-MM-DD (the default date of a receipt). */
export const today = (): string => todayIn(new Date());
