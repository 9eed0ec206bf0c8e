/**
 * Small files for upload tests, each starting with its format's magic number and carrying bytes that a
 * text-based multipart parser would mangle (NUL, CR/LF, a fake boundary line, bytes above 0x7f).
 */
import type Stripe from "stripe";
import type { TestEmulator } from "./helpers";

const AWKWARD = Buffer.concat([
  Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80, 0x00]),
  Buffer.from('\r\n--not-the-boundary\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nx\r\n'),
]);

export const pdf = (): Buffer =>
  Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n"), AWKWARD, Buffer.from("\n%%EOF\n")]);
export const png = (): Buffer =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), AWKWARD]);
export const jpg = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), AWKWARD]);
export const gif = (): Buffer => Buffer.concat([Buffer.from("GIF89a"), AWKWARD]);

/** A PDF of exactly `size` bytes (a valid header, then padding). */
export function pdfOfSize(size: number): Buffer {
  const out = Buffer.alloc(size, 0x20);
  out.write("%PDF-1.4\n");
  return out;
}

export function upload(
  t: TestEmulator,
  stripeAccount: string | undefined,
  data: Buffer,
  name = "evidence.pdf",
  purpose: Stripe.FileCreateParams.Purpose = "dispute_evidence",
  type = "application/pdf",
): Promise<Stripe.File> {
  return t.stripe.files.create(
    { purpose, file: { data, name, type } },
    stripeAccount ? { stripeAccount } : {},
  );
}
