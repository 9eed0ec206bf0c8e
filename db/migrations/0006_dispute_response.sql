CREATE TABLE "dispute_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispute_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"body" text,
	"stripe_file_id" text,
	"file_name" text,
	"file_type" text,
	"file_size" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_notes_stripe_file_id_unique" UNIQUE("stripe_file_id"),
	CONSTRAINT "dispute_notes_has_content" CHECK ("dispute_notes"."body" is not null or "dispute_notes"."stripe_file_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "evidence_due_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "has_evidence" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "submission_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "amount_withdrawn" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "fee_withdrawn" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "amount_reinstated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dispute_notes" ADD CONSTRAINT "dispute_notes_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_notes" ADD CONSTRAINT "dispute_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_notes_dispute_idx" ON "dispute_notes" USING btree ("dispute_id","created_at");--> statement-breakpoint
CREATE INDEX "disputes_open_due_idx" ON "disputes" USING btree ("evidence_due_by") WHERE "disputes"."closed_at" is null;--> statement-breakpoint
-- Disputes stored before this migration: what their status says (the next event or the dispute sync job
-- brings the exact figures, the fee and the deadline from Stripe).
UPDATE "disputes" SET "closed_at" = "updated_at" WHERE "status" IN ('won', 'lost', 'warning_closed', 'prevented');--> statement-breakpoint
UPDATE "disputes" SET "amount_withdrawn" = "amount" WHERE "status" NOT LIKE 'warning_%';--> statement-breakpoint
UPDATE "disputes" SET "amount_reinstated" = "amount" WHERE "status" = 'won';
