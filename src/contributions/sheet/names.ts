import { foldVi, tidyName } from "../../shared/text";

// Does the sheet's name for a code name the register's household? The code decides where the money
// goes; a name that differs is the sign that the code may be wrong (the money would go to another
// family), so the treasurer confirms it before the commit.
//
// Differences nobody means are not differences: case, spaces, and Unicode's two ways of writing a
// Vietnamese letter (NFC, NFD). A name typed without diacritics ("Hoang Van Huan") is still a
// difference to confirm: diacritics tell Vietnamese names apart ("Hà" and "Hạ", "Huấn" and "Huân"
// fold to the same letters), so the folded match is only a hint (`diacriticsOnly`) that makes the
// confirmation easy, never a silent match.

export type NameComparison = "same" | "diacritics_only" | "different";

const plain = (s: string) => tidyName(s).toLowerCase();

export function compareNames(sheetName: string, registerName: string): NameComparison {
  if (plain(sheetName) === plain(registerName)) return "same";
  return foldVi(sheetName) === foldVi(registerName) ? "diacritics_only" : "different";
}
