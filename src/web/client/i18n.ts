// Vietnamese by default, English switchable. Each screen keeps its own words next to its code
// (texts({...})): the English table must have every Vietnamese key, the compiler checks.

export type Lang = "vi" | "en";
const KEY = "cfl.lang";

export function lang(): Lang {
  try {
    return localStorage.getItem(KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export function setLang(l: Lang): void {
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // private mode: the choice lasts this page only
  }
  document.documentElement.lang = l;
}

export type Texts<K extends string> = (key: K, params?: Record<string, string | number>) => string;

export function texts<V extends Record<string, string>>(tables: { vi: V; en: Record<keyof V, string> }): Texts<Extract<keyof V, string>> {
  return (key, params) => {
    let s = (lang() === "en" ? tables.en[key] : tables.vi[key]) ?? String(key);
    if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}
