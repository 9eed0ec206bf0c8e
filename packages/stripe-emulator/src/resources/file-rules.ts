/**
 * Stripe's rules for uploaded files, from the file upload guide (docs.stripe.com/file-upload): each
 * purpose allows some formats up to a size, may expire, and may or may not be downloaded again. The
 * format is read from the bytes (magic numbers), not from the declared Content-Type or the file name, so
 * a text file named `x.pdf` is refused like Stripe refuses it.
 */
import type Stripe from "stripe";
import { invalidRequest, type StripeErrorBody } from "../errors";

const MB = 1024 * 1024;
const DAY = 86400;

export type FileType = "pdf" | "jpg" | "png" | "gif";

export interface PurposeRule {
  types: readonly FileType[];
  maxBytes: number;
  /** Seconds from creation to `expires_at`; null: never expires. */
  expiresAfter: number | null;
  /** Whether `url` is set and `GET /v1/files/:id/contents` answers. */
  downloadable: boolean;
}

const IDENTITY: PurposeRule = {
  types: ["pdf", "jpg", "png"],
  maxBytes: 16 * MB,
  expiresAfter: null,
  downloadable: false,
};
const BRANDING: PurposeRule = {
  types: ["jpg", "png", "gif"],
  maxBytes: 512 * 1024,
  expiresAfter: null,
  downloadable: true,
};

/** The purposes the emulator takes uploads for (a subset of Stripe's); others are refused by name. */
export const PURPOSES = {
  /** 9 months: Stripe's own example File expires 270 days after it was created. */
  dispute_evidence: {
    types: ["pdf", "jpg", "png"],
    maxBytes: 5 * MB,
    expiresAfter: 270 * DAY,
    downloadable: true,
  },
  identity_document: IDENTITY,
  additional_verification: IDENTITY,
  account_requirement: IDENTITY,
  business_icon: BRANDING,
  business_logo: BRANDING,
} as const satisfies Record<string, PurposeRule>;

export type UploadPurpose = keyof typeof PURPOSES;

/**
 * The hard cap on a `POST /v1/files` body. Above every purpose's limit (16 MB is the largest) so that a
 * somewhat oversized file still arrives and gets Stripe's size error; beyond it the emulator answers 413.
 */
export const FILE_UPLOAD_MAX_BODY_BYTES = 20 * MB;
/** All uploaded bytes kept at once: files live base64 in the JSON snapshot, which must stay loadable. */
export const FILE_STORE_MAX_BYTES = 50 * MB;

const SIGNATURES: ReadonlyArray<readonly [FileType, Buffer]> = [
  ["pdf", Buffer.from("%PDF-")],
  ["jpg", Buffer.from([0xff, 0xd8, 0xff])],
  ["png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ["gif", Buffer.from("GIF87a")],
  ["gif", Buffer.from("GIF89a")],
];

export const MIME_TYPES: Record<FileType, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
};

const FORMAT_NAMES: Record<FileType, string> = { pdf: "PDF", jpg: "JPEG", png: "PNG", gif: "GIF" };

export function detectType(data: Buffer): FileType | null {
  return SIGNATURES.find(([, magic]) => data.subarray(0, magic.length).equals(magic))?.[0] ?? null;
}

export function isFileUpload(method: string, path: string): boolean {
  return method === "POST" && path === "/v1/files";
}

function sizeText(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${bytes / 1024} KB`;
}

/**
 * The bytes must be one of the purpose's formats and within its size. Returns the detected type (the
 * File's `type`).
 */
export function checkUpload(purpose: UploadPurpose, upload: { filename: string; data: Buffer }): FileType {
  const rule: PurposeRule = PURPOSES[purpose];
  if (upload.data.length > rule.maxBytes)
    throw invalidRequest(
      `The file ${upload.filename} is ${upload.data.length} bytes; files with purpose ${purpose} may be at most ${sizeText(rule.maxBytes)} (${rule.maxBytes} bytes).`,
      "file",
    );
  const type = detectType(upload.data);
  if (type === null || !rule.types.includes(type)) {
    const found = type ? `a ${FORMAT_NAMES[type]} file` : "not a recognised PDF, JPEG, PNG or GIF file";
    const allowed = rule.types.map((t) => FORMAT_NAMES[t]).join(", ");
    throw invalidRequest(
      `The file ${upload.filename} is ${found} (by its contents); files with purpose ${purpose} must be one of: ${allowed}.`,
      "file",
    );
  }
  return type;
}

/** The 413 for a body past FILE_UPLOAD_MAX_BODY_BYTES, which the emulator does not read to the end. */
export function uploadTooLarge(): StripeErrorBody {
  return {
    type: "invalid_request_error",
    param: "file",
    message: `Request body too large: the emulator takes uploads up to ${sizeText(FILE_UPLOAD_MAX_BODY_BYTES)}, and no purpose allows files over 16 MB.`,
  };
}

/** What the emulator says instead of Stripe's generic error when a file is not usable as dispute evidence. */
export function notDisputeEvidence(file: Stripe.File, param: string) {
  return invalidRequest(
    `The file '${file.id}' was uploaded with purpose '${file.purpose}'; dispute evidence must be a file uploaded with purpose 'dispute_evidence'.`,
    param,
  );
}
