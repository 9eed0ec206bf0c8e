CREATE TABLE "stripe_app_users" (
	"dashboard_user_id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stripe_app_users" ADD CONSTRAINT "stripe_app_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stripe_app_users_user_idx" ON "stripe_app_users" USING btree ("user_id");