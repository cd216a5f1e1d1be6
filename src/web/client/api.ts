import type { FieldProblemWire, ProblemWire } from "../../http/wire";
import type { UserWire } from "../../identity/wire";
import { lang } from "./i18n";

// The app's one door to /api/v1. The bearer token lives in this tab's sessionStorage: a reload, a
// bookmark or a link opened in the same tab keeps the user signed in; closing the tab (a shared
// phone) ends it. No cookie is ever set, so another site cannot make requests as the user.

/** The signed-in user, as the login and GET /me answer. */
export type Me = UserWire;
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

export type FieldProblem = FieldProblemWire;

/** A problem+json body as the API sends it (RFC 9457); anything else reads as an empty one. */
export type ProblemBody = Partial<ProblemWire>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    /** The request never got an answer (network down, timeout): it may or may not have happened. */
    readonly network = false,
    readonly body: ProblemBody = {},
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

const networkLost = () => new ApiError(0, "network", "", [], true);

function asProblem(parsed: unknown): ProblemBody {
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as ProblemBody) : {};
}

/** The error a refused answer stands for; a 401 also ends this tab's session. */
function refusal(status: number, statusText: string, body: ProblemBody): ApiError {
  if (status === 401 && session()) {
    saveSession(undefined);
    onSignedOut();
  }
  return new ApiError(status, body.code ?? `http_${status}`, body.detail ?? body.title ?? statusText, body.errors ?? [], false, body);
}

async function problem(res: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  try {
    body = asProblem(await res.json());
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  return refusal(res.status, res.statusText, body);
}

/**
 * One call to the API. `T` is the answer's wire type (from the server's DTOs); a call that reads
 * no answer leaves it `unknown`.
 */
export async function api<T = unknown>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
  const extra: Record<string, string> = {};
  if (body !== undefined) extra["Content-Type"] = "application/json";
  if (opts.idempotencyKey) extra["Idempotency-Key"] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, opts.query)}`, { method, headers: headers(extra), body: body === undefined ? undefined : JSON.stringify(body), signal: opts.signal });
  } catch (err) {
    if ((err as Error)?.name === "AbortError") throw err;
    throw networkLost();
  }
  if (!res.ok) throw await problem(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T = unknown>(path: string, query?: CallOptions["query"]) => api<T>("GET", path, undefined, { query });

/** A file the API serves only with the token: its bytes and the name the server gave it. */
export interface FetchedFile {
  blob: Blob;
  name: string | undefined;
}

/**
 * Fetches a file (a statement, a receipt PDF) with the token. A refusal is an ApiError like any
 * other call's; `onProgress` hears the bytes received so far (the server streams as it renders).
 */
export async function fetchFile(path: string, query?: CallOptions["query"], onProgress?: (received: number) => void): Promise<FetchedFile> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, query)}`, { headers: headers({ Accept: "*/*" }) });
  } catch {
    throw networkLost();
  }
  if (!res.ok) throw await problem(res);
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/.exec(res.headers.get("Content-Disposition") ?? "")?.[1];
  const type = res.headers.get("Content-Type") ?? "application/octet-stream";
  const reader = onProgress ? res.body?.getReader() : undefined;
  let blob: Blob;
  if (reader && onProgress) {
    const chunks: Uint8Array[] = [];
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.byteLength;
      onProgress(got);
    }
    blob = new Blob(chunks as BlobPart[], { type });
  } else blob = await res.blob();
  return { blob, name: name ? decodeURIComponent(name) : undefined };
}

/** Hands a fetched file to the browser as a download. */
export function saveFile(file: FetchedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = file.name ?? fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a file the API serves only with the token, and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string, query?: CallOptions["query"]): Promise<void> {
  saveFile(await fetchFile(path, query), fallbackName);
}

/** A multipart upload with progress (fetch cannot report upload progress; XHR can). */
export function upload<T = unknown>(path: string, form: FormData, onProgress?: (fraction: number) => void, idempotencyKey?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1${path}`);
    for (const [k, v] of Object.entries(headers(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress?.(e.lengthComputable ? e.loaded / e.total : 0);
    xhr.onerror = () => reject(networkLost());
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      reject(refusal(xhr.status, "", asProblem(body)));
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
