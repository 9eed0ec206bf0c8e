CREATE TABLE "cart_checkouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cart_id" uuid,
	"buyer_id" uuid,
	"buyer_email" text,
	"charge_model" text NOT NULL,
	"currency" text NOT NULL,
	"amount_total" integer NOT NULL,
	"application_fee_total" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"stripe_checkout_session_id" text,
	"payment_intent_id" text,
	"charge_id" text,
	"checkout_key" text NOT NULL,
	"access_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_checkouts_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "cart_checkouts_payment_intent_id_unique" UNIQUE("payment_intent_id"),
	CONSTRAINT "cart_checkouts_checkout_key_unique" UNIQUE("checkout_key"),
	CONSTRAINT "cart_checkouts_access_token_unique" UNIQUE("access_token"),
	CONSTRAINT "cart_checkouts_fee_within_total" CHECK ("cart_checkouts"."application_fee_total" between 0 and "cart_checkouts"."amount_total")
);
--> statement-breakpoint
CREATE TABLE "seller_transfers" (
	"cart_checkout_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"stripe_account_id" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"stripe_transfer_id" text,
	"amount_reversed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_transfers_cart_checkout_id_seller_id_pk" PRIMARY KEY("cart_checkout_id","seller_id"),
	CONSTRAINT "seller_transfers_stripe_transfer_id_unique" UNIQUE("stripe_transfer_id"),
	CONSTRAINT "seller_transfers_amount_positive" CHECK ("seller_transfers"."amount" >= 0),
	CONSTRAINT "seller_transfers_reversed_within" CHECK ("seller_transfers"."amount_reversed" between 0 and "seller_transfers"."amount")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "charge_model" text DEFAULT 'direct' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cart_checkout_id" uuid;--> statement-breakpoint
ALTER TABLE "cart_checkouts" ADD CONSTRAINT "cart_checkouts_cart_id_carts_id_fk" FOREIGN KEY ("cart_id") REFERENCES "public"."carts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_checkouts" ADD CONSTRAINT "cart_checkouts_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_transfers" ADD CONSTRAINT "seller_transfers_cart_checkout_id_cart_checkouts_id_fk" FOREIGN KEY ("cart_checkout_id") REFERENCES "public"."cart_checkouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_transfers" ADD CONSTRAINT "seller_transfers_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cart_checkouts_buyer_idx" ON "cart_checkouts" USING btree ("buyer_id");--> statement-breakpoint
CREATE INDEX "cart_checkouts_status_idx" ON "cart_checkouts" USING btree ("status");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_cart_checkout_id_cart_checkouts_id_fk" FOREIGN KEY ("cart_checkout_id") REFERENCES "public"."cart_checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_cart_checkout_idx" ON "orders" USING btree ("cart_checkout_id");