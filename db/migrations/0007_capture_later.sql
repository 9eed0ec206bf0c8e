CREATE TABLE "order_authorizations" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"quantity" integer NOT NULL,
	"amount" integer NOT NULL,
	"application_fee_amount" integer NOT NULL,
	"fee_bps" integer NOT NULL,
	"fee_fixed" integer NOT NULL,
	"authorized_at" timestamp with time zone,
	"capture_before" timestamp with time zone,
	"settlement" jsonb,
	"settlement_started_at" timestamp with time zone,
	"captured_quantity" integer,
	"captured_amount" integer,
	"captured_at" timestamp with time zone,
	"release_reason" text,
	"released_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_authorizations_captured_within" CHECK ("order_authorizations"."captured_amount" is null or "order_authorizations"."captured_amount" <= "order_authorizations"."amount")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "capture_method" text DEFAULT 'automatic' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "capture_later" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "order_authorizations" ADD CONSTRAINT "order_authorizations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_authorizations_open_idx" ON "order_authorizations" USING btree ("capture_before") WHERE "order_authorizations"."captured_at" is null and "order_authorizations"."released_at" is null;