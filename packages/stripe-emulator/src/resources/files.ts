/**
 * The Files API (Stripe serves it from files.stripe.com; the SDK sends it to its configured host, so here
 * it is the emulator): `POST /v1/files` (multipart/form-data only), `GET /v1/files[/:id]` and
 * `GET /v1/files/:id/contents` (the bytes, with the secret key like any /v1 call). Files belong to the
 * account that uploaded them (Stripe-Account for a connected account), like every other object.
 * The per-purpose rules are in file-rules.ts.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { invalidRequest, missingParameter, resourceMissing, unknownParameter } from "../errors";
import { expand, getOwned, ownedBy, paginate, requireOwned } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, parseParams } from "../schema";
import { newId } from "../state";
import {
  checkUpload,
  FILE_STORE_MAX_BYTES,
  MIME_TYPES,
  notDisputeEvidence,
  PURPOSES,
  type FileType,
  type UploadPurpose,
} from "./file-rules";

const PURPOSE = f.enumOf(...(Object.keys(PURPOSES) as UploadPurpose[]));

function storedBytes(em: Emulator): number {
  return Object.values(em.store.files).reduce((sum, r) => sum + r.obj.size, 0);
}

function create(ctx: ApiContext): ApiResult {
  if (ctx.uploads === null)
    throw invalidRequest(
      "Files must be uploaded as multipart/form-data (Stripe takes them at https://files.stripe.com/v1/files) with a `file` part and a `purpose`.",
      "file",
    );
  const p = parseParams(ctx.params, {
    purpose: PURPOSE.req(),
    file: f.string(),
    file_link_data: f.obj({ create: f.bool().req(), expires_at: f.int(), metadata: f.metadata() }),
  });
  if (p.file !== undefined)
    throw invalidRequest(
      "Invalid file: `file` must be the uploaded file itself (a multipart part with a filename), not a text field.",
      "file",
    );
  for (const name of Object.keys(ctx.uploads)) if (name !== "file") throw unknownParameter(name);
  // File links (public URLs to a file) are not emulated; asking for none is fine.
  if (p.file_link_data?.create)
    throw invalidRequest(
      "The emulator does not create file links: leave out file_link_data or send file_link_data[create]=false.",
      "file_link_data[create]",
    );
  const upload = ctx.uploads.file;
  if (!upload) throw missingParameter("file");
  const type = checkUpload(p.purpose, upload);
  if (storedBytes(ctx.em) + upload.data.length > FILE_STORE_MAX_BYTES)
    throw invalidRequest(
      `The emulator keeps at most ${FILE_STORE_MAX_BYTES / (1024 * 1024)} MB of uploaded files, and this upload would pass it. Reset the emulator (POST /_emulator/reset) to start over.`,
      "file",
    );
  const rule = PURPOSES[p.purpose];
  const id = newId("file");
  const now = ctx.em.now();
  const file: Stripe.File = {
    id,
    object: "file",
    created: now,
    expires_at: rule.expiresAfter === null ? null : now + rule.expiresAfter,
    filename: upload.filename,
    links: { object: "list", data: [], has_more: false, url: `/v1/file_links?file=${id}` },
    purpose: p.purpose,
    size: upload.data.length,
    title: null,
    type,
    url: rule.downloadable ? `${ctx.em.baseUrl}/v1/files/${id}/contents` : null,
  };
  ctx.em.store.files[id] = { owner: ctx.account, obj: file };
  ctx.em.store.fileContents[id] = upload.data.toString("base64");
  return { body: expand(ctx.em, file, p.expand) };
}

function find(ctx: ApiContext): Stripe.File {
  return requireOwned(ctx.em.store.files, ctx.pathParams.id as string, ctx.account, "file upload");
}

function retrieve(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  return { body: expand(ctx.em, find(ctx), p.expand) };
}

function list(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { ...LIST_PARAMS, purpose: f.string() });
  const files = ownedBy(ctx.em.store.files, ctx.account).filter(
    (file) => !p.purpose || file.purpose === p.purpose,
  );
  return { body: expand(ctx.em, paginate(files, "/v1/files", p), p.expand) };
}

function isExpired(em: Emulator, file: Stripe.File): boolean {
  return file.expires_at !== null && file.expires_at <= em.now();
}

function contents(ctx: ApiContext): ApiResult {
  parseParams(ctx.params, {});
  const file = find(ctx);
  if (file.url === null)
    throw invalidRequest(`Files with purpose ${file.purpose} cannot be downloaded (${file.id}).`, "id");
  if (isExpired(ctx.em, file))
    throw invalidRequest(
      `The file ${file.id} expired at ${file.expires_at} and is no longer available.`,
      "id",
    );
  const data = Buffer.from(ctx.em.store.fileContents[file.id] ?? "", "base64");
  return { body: null, file: { contentType: MIME_TYPES[file.type as FileType], data } };
}

export function registerFiles(router: Router): void {
  router
    .add("POST", "/v1/files", create)
    .add("GET", "/v1/files", list)
    .add("GET", "/v1/files/:id", retrieve)
    .add("GET", "/v1/files/:id/contents", contents);
}

/**
 * A file named in a dispute's evidence: it must exist in the disputed account (another account's file is
 * "no such file", as Stripe scopes it), carry purpose `dispute_evidence` and not have expired.
 */
export function requireEvidenceFile(em: Emulator, owner: string, id: string, param: string): Stripe.File {
  const file = getOwned(em.store.files, id, owner);
  if (!file) throw resourceMissing("file upload", id, param, 400);
  if (file.purpose !== "dispute_evidence") throw notDisputeEvidence(file, param);
  if (isExpired(em, file))
    throw invalidRequest(`The file '${id}' expired at ${file.expires_at} and can no longer be used.`, param);
  return file;
}
