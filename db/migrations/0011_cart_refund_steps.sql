CREATE TABLE "cart_refund_steps" (
	"refund_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"stripe_object_id" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"fee_returned" integer NOT NULL,
	"stripe_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_refund_steps_stripe_id_unique" UNIQUE("stripe_id"),
	CONSTRAINT "cart_refund_steps_amount_not_negative" CHECK ("cart_refund_steps"."amount" >= 0),
	CONSTRAINT "cart_refund_steps_fee_not_negative" CHECK ("cart_refund_steps"."fee_returned" >= 0)
);
--> statement-breakpoint
ALTER TABLE "cart_refund_steps" ADD CONSTRAINT "cart_refund_steps_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;