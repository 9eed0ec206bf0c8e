/**
 * The Files API (issue 20): uploads as Stripe's files.stripe.com takes them (multipart/form-data through
 * `stripe.files.create`), scoped by Stripe-Account, with the dispute_evidence rules of Stripe's file upload
 * guide (PDF, JPEG or PNG by content, at most 5 MB, expires after 9 months, downloadable).
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EMULATOR_DEFAULTS } from "../src/defaults";
import { gif, jpg, pdf, pdfOfSize, png, upload } from "./file-fixtures";
import { emulatorForFile, expressAccount, postForm, rejects, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const FIVE_MB = 5 * 1024 * 1024;

/** A multipart POST the SDK will not send (it needs a file to build one): fields only. */
interface RawError {
  message: string;
  param?: string;
  code?: string;
}

async function postMultipart(fields: Record<string, string>): Promise<{ status: number; error: RawError }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${t.url}/v1/files`, {
    method: "POST",
    headers: { Authorization: `Bearer ${EMULATOR_DEFAULTS.secretKey}`, "Stripe-Account": seller.id },
    body: form,
  });
  return { status: res.status, error: ((await res.json()) as { error: RawError }).error };
}

function contents(url: string, stripeAccount?: string): Promise<Response> {
  return fetch(url, {
    headers: {
      Authorization: `Bearer ${EMULATOR_DEFAULTS.secretKey}`,
      ...(stripeAccount ? { "Stripe-Account": stripeAccount } : {}),
    },
  });
}

describe("uploading dispute evidence", () => {
  it("a PDF, a PNG and a JPEG upload on a connected account, byte for byte, typed by their contents", async () => {
    const cases: Array<[Buffer, string, string, string]> = [
      [pdf(), "receipt.pdf", "application/pdf", "pdf"],
      [png(), "parcel.png", "image/png", "png"],
      [jpg(), "signature.jpg", "image/jpeg", "jpg"],
    ];
    for (const [data, name, mime, type] of cases) {
      const file = await upload(t, seller.id, data, name, "dispute_evidence", mime);
      expect(file).toMatchObject({
        object: "file",
        filename: name,
        purpose: "dispute_evidence",
        size: data.length,
        title: null,
        type,
        url: `${t.url}/v1/files/${file.id}/contents`,
        links: { object: "list", data: [], has_more: false },
      });
      expect(file.id).toMatch(/^file_/);
      expect((file.expires_at as number) - file.created).toBe(270 * 86400);
      expect(await t.stripe.files.retrieve(file.id, {}, seller.on())).toEqual(file);
      const res = await contents(file.url as string, seller.id);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(mime);
      expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    }
  });

  it("lists newest first, filtered by purpose, paginated like other lists", async () => {
    const account = (await expressAccount(t)).id;
    const a = await upload(t, account, pdf());
    const b = await upload(t, account, png(), "logo.png", "business_logo", "image/png");
    const c = await upload(t, account, jpg(), "c.jpg", "dispute_evidence", "image/jpeg");
    const all = await t.stripe.files.list({}, { stripeAccount: account });
    expect(all.data.map((f) => f.id)).toEqual([c.id, b.id, a.id]);
    const evidence = await t.stripe.files.list({ purpose: "dispute_evidence" }, { stripeAccount: account });
    expect(evidence.data.map((f) => f.id)).toEqual([c.id, a.id]);
    const page = await t.stripe.files.list({ limit: 1, starting_after: c.id }, { stripeAccount: account });
    expect(page).toMatchObject({ has_more: true, url: "/v1/files" });
    expect(page.data.map((f) => f.id)).toEqual([b.id]);
  });

  it("another account (or the platform) cannot see, list or download the file", async () => {
    const file = await upload(t, seller.id, pdf());
    const other = (await expressAccount(t)).id;
    for (const account of [other, undefined]) {
      const missing = await rejects(
        t.stripe.files.retrieve(file.id, {}, account ? { stripeAccount: account } : {}),
      );
      expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
      expect(missing.message).toContain(file.id);
      const listed = await t.stripe.files.list({}, account ? { stripeAccount: account } : {});
      expect(listed.data.map((f) => f.id)).not.toContain(file.id);
      expect((await contents(file.url as string, account)).status).toBe(404);
    }
    // The contents need the secret key, like every /v1 call.
    expect((await fetch(file.url as string)).status).toBe(401);
  });
});

describe("Stripe's limits for dispute_evidence", () => {
  it("5 MB is accepted; 5 MB + 1 byte is refused with param file", async () => {
    const atLimit = await upload(t, seller.id, pdfOfSize(FIVE_MB));
    expect(atLimit.size).toBe(FIVE_MB);
    const over = await rejects(upload(t, seller.id, pdfOfSize(FIVE_MB + 1)));
    expect(over).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param: "file" });
    expect(over.message).toContain("5 MB");
  });

  it("a GIF, or text named .pdf, is refused by its contents", async () => {
    const asGif = await rejects(upload(t, seller.id, gif(), "photo.gif", "dispute_evidence", "image/gif"));
    expect(asGif).toMatchObject({ statusCode: 400, param: "file" });
    expect(asGif.message).toContain("GIF");
    const text = Buffer.from("I promise this is a PDF");
    const fake = await rejects(upload(t, seller.id, text, "fake.pdf", "dispute_evidence", "application/pdf"));
    expect(fake).toMatchObject({ statusCode: 400, param: "file" });
    expect(fake.message).toContain("PDF, JPEG, PNG");
    // The same GIF is fine where Stripe allows GIFs.
    const logo = await upload(t, seller.id, gif(), "logo.gif", "business_logo", "image/gif");
    expect(logo.type).toBe("gif");
  });

  it("missing or unknown purpose, missing file, a text `file` and a non-multipart body are refused", async () => {
    const noPurpose = await rejects(
      t.stripe.files.create(
        { file: { data: pdf(), name: "a.pdf" } } as unknown as Stripe.FileCreateParams,
        seller.on(),
      ),
    );
    expect(noPurpose).toMatchObject({ statusCode: 400, param: "purpose", code: "parameter_missing" });
    const unknown = await rejects(upload(t, seller.id, pdf(), "a.pdf", "tax_return"));
    expect(unknown).toMatchObject({ statusCode: 400, param: "purpose" });
    const noFile = await postMultipart({ purpose: "dispute_evidence" });
    expect(noFile).toMatchObject({ status: 400, error: { param: "file", code: "parameter_missing" } });
    const textFile = await postMultipart({ purpose: "dispute_evidence", file: "file_abc" });
    expect(textFile).toMatchObject({ status: 400, error: { param: "file" } });
    expect(textFile.error.message).toContain("not a text field");
    const form = await postForm(t, "/v1/files", "purpose=dispute_evidence", { "Stripe-Account": seller.id });
    expect(form.status).toBe(400);
    const body = (await form.json()) as { error: { message: string; param: string } };
    expect(body.error.param).toBe("file");
    expect(body.error.message).toContain("multipart/form-data");
  });

  it("file_link_data[create]=true is refused (file links are not emulated); false is fine", async () => {
    const refused = await rejects(
      t.stripe.files.create(
        {
          purpose: "dispute_evidence",
          file: { data: pdf(), name: "a.pdf" },
          file_link_data: { create: true },
        },
        seller.on(),
      ),
    );
    expect(refused).toMatchObject({ statusCode: 400, param: "file_link_data[create]" });
    const ok = await t.stripe.files.create(
      {
        purpose: "dispute_evidence",
        file: { data: pdf(), name: "a.pdf" },
        file_link_data: { create: false },
      },
      seller.on(),
    );
    expect(ok.links?.data).toEqual([]);
  });

  it("a body over the 20 MB hard cap gets a 413 Stripe error, and the emulator keeps serving", async () => {
    const huge = await rejects(upload(t, seller.id, pdfOfSize(21 * 1024 * 1024)));
    expect(huge).toMatchObject({ statusCode: 413, param: "file" });
    expect((await upload(t, seller.id, pdf())).purpose).toBe("dispute_evidence");
  });

  it("an idempotent retry of the same upload replays it; another file under the same key is refused", async () => {
    const key = `upload-${Date.now()}`;
    const opts = { stripeAccount: seller.id, idempotencyKey: key };
    const first = await t.stripe.files.create(
      { purpose: "dispute_evidence", file: { data: pdf(), name: "a.pdf" } },
      opts,
    );
    const again = await t.stripe.files.create(
      { purpose: "dispute_evidence", file: { data: pdf(), name: "a.pdf" } },
      opts,
    );
    expect(again.id).toBe(first.id);
    const other = await rejects(
      t.stripe.files.create({ purpose: "dispute_evidence", file: { data: png(), name: "a.pdf" } }, opts),
    );
    expect(other.type).toBe("StripeIdempotencyError");
  });
});
