/**
 * `multipart/form-data` bodies, as the SDK sends `stripe.files.create` (Stripe's files.stripe.com takes
 * only this encoding). Binary-safe: the body stays a Buffer and parts are cut at the boundary bytes.
 * Text parts become ordinary parameters (bracket names like `file_link_data[create]` nest as in a form);
 * parts with a `filename` become uploads, kept apart so parameter parsing never sees raw bytes.
 */
import { createHash } from "node:crypto";
import { invalidRequest } from "./errors";
import { parseBody, parseForm, type Params } from "./form";

export interface UploadedFile {
  /** As given in `Content-Disposition: …; filename="…"` (the SDK sends `blob` when none was named). */
  filename: string;
  /** The part's declared `Content-Type`; the files endpoint trusts the bytes, not this. */
  contentType: string;
  data: Buffer;
}

export type Uploads = Record<string, UploadedFile>;

/** Enough for Stripe's upload (purpose, file, expand, file_link_data) with room to spare. */
const MAX_PARTS = 50;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function isMultipart(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().startsWith("multipart/form-data") ?? false;
}

function malformed(why: string) {
  return invalidRequest(`Invalid multipart/form-data body: ${why}.`);
}

function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw malformed("the Content-Type header names no boundary");
  return boundary;
}

/** `name="file"; filename="x.pdf"` (the SDK escapes `"` as %22, which stays as sent). */
function dispositionParam(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="([^"]*)"`, "i").exec(header);
  return match?.[1];
}

function partHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function parseMultipart(contentType: string, body: Buffer): { params: Params; uploads: Uploads } {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const fields = new URLSearchParams();
  const uploads: Uploads = {};
  let at = body.indexOf(delimiter);
  if (at < 0) throw malformed("the boundary never appears");
  for (let parts = 0; ; parts++) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === "--") break; // the closing delimiter
    if (!body.subarray(at, at + 2).equals(CRLF))
      throw malformed("a boundary is not followed by a line break");
    if (parts >= MAX_PARTS) throw malformed(`more than ${MAX_PARTS} parts`);
    const headerEnd = body.indexOf(HEADER_END, at + 2);
    if (headerEnd < 0) throw malformed("a part has no end of headers");
    const headers = partHeaders(body.subarray(at + 2, headerEnd).toString("utf8"));
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd + 4);
    if (next < 0) throw malformed("the closing boundary is missing");
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers["content-disposition"] ?? "";
    const name = dispositionParam(disposition, "name");
    if (!/^form-data\b/i.test(disposition) || !name) throw malformed("a part has no form-data name");
    const filename = dispositionParam(disposition, "filename");
    if (filename !== undefined) {
      uploads[name] = {
        filename,
        contentType: headers["content-type"] ?? "application/octet-stream",
        data: Buffer.from(content),
      };
    } else fields.append(name, content.toString("utf8"));
    at = next + CRLF.length;
  }
  return { params: parseForm(fields.toString()), uploads };
}

/**
 * What an idempotency key compares: the parameters plus a digest of each upload, so retrying the same
 * upload replays while another file under the same key is an idempotency_error, as with any other change.
 */
export function withUploadDigests(params: Params, uploads: Uploads | null): Params {
  const entries = Object.entries(uploads ?? {});
  if (entries.length === 0) return params;
  const digests: Params = {};
  for (const [name, file] of entries)
    digests[name] = `${file.filename}:${createHash("sha256").update(file.data).digest("hex")}`;
  return { ...params, "(uploads)": digests };
}

/**
 * A POST body of any encoding the REST surface takes: form, JSON (browser fakes) or multipart.
 * `uploads` is null when the body was not multipart (so the files endpoint can say what was wrong).
 */
export function decodeBody(
  contentType: string | undefined,
  raw: Buffer,
): { params: Params; uploads: Uploads | null } {
  if (contentType && isMultipart(contentType)) return parseMultipart(contentType, raw);
  return { params: parseBody(contentType, raw.toString("utf8")), uploads: null };
}
