import { lang } from "./i18n";

// The app's one door to /api/v1. The bearer token lives in this tab's sessionStorage: a reload, a
// bookmark or a link opened in the same tab keeps the user signed in; closing the tab (a shared
// phone) ends it. No cookie is ever set, so another site cannot make requests as the user.

export interface Grant { id: number; role: "admin" | "treasurer" | "head" | "inspector"; unitId: number | null; boardId: number | null }
export interface Me { id: number; username: string; displayName: string; grants: Grant[] }
interface Session { token: string; user: Me }

const KEY = "cfl.session";

export function session(): Session | undefined {
  try {
    const s = sessionStorage.getItem(KEY);
    return s ? (JSON.parse(s) as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export interface FieldProblem { path: string; code: string; message?: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    /** The request never got an answer (network down, timeout): it may or may not have happened. */
    readonly network = false,
    readonly body: any = undefined,
  ) {
    super(detail || code);
  }
}

/** Called when the server no longer knows the token: the app sends the user to the login. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

export interface CallOptions {
  query?: Record<string, string | number | undefined | null | false>;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: CallOptions["query"]): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== false && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { Accept: "application/json", "Accept-Language": lang(), ...extra };
  const s = session();
  if (s) h.Authorization = `Bearer ${s.token}`;
  return h;
}

async function problem(res: Response): Promise<ApiError> {
  let body: any = {};
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  if (res.status === 401 && session()) {
    saveSession(undefined);
    onSignedOut();
  }
  return new ApiError(res.status, body.code ?? `http_${res.status}`, body.detail ?? body.title ?? res.statusText, body.errors ?? [], false, body);
}

export async function api<T = any>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
  const extra: Record<string, string> = {};
  if (body !== undefined) extra["Content-Type"] = "application/json";
  if (opts.idempotencyKey) extra["Idempotency-Key"] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, opts.query)}`, { method, headers: headers(extra), body: body === undefined ? undefined : JSON.stringify(body), signal: opts.signal });
  } catch (err) {
    if ((err as Error)?.name === "AbortError") throw err;
    throw new ApiError(0, "network", "", [], true);
  }
  if (!res.ok) throw await problem(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T = any>(path: string, query?: CallOptions["query"]) => api<T>("GET", path, undefined, { query });

/** Fetches a file the API serves only with the token, and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string, query?: CallOptions["query"]): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, query)}`, { headers: headers({ Accept: "*/*" }) });
  } catch {
    throw new ApiError(0, "network", "", [], true);
  }
  if (!res.ok) throw await problem(res);
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/.exec(res.headers.get("Content-Disposition") ?? "")?.[1];
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A multipart upload with progress (fetch cannot report upload progress; XHR can). */
export function upload<T = any>(path: string, form: FormData, onProgress?: (fraction: number) => void, idempotencyKey?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1${path}`);
    for (const [k, v] of Object.entries(headers(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress?.(e.lengthComputable ? e.loaded / e.total : 0);
    xhr.onerror = () => reject(new ApiError(0, "network", "", [], true));
    xhr.onload = () => {
      let body: any = {};
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      if (xhr.status === 401 && session()) {
        saveSession(undefined);
        onSignedOut();
      }
      reject(new ApiError(xhr.status, body.code ?? `http_${xhr.status}`, body.detail ?? body.title ?? "", body.errors ?? [], false, body));
    };
    xhr.send(form);
  });
}

/** A fresh Idempotency-Key for one thing the user means to record once. */
export function newKey(): string {
  // randomUUID exists only on https or localhost; a commune's LAN server may be plain http.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
