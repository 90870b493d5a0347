CREATE TABLE "article_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"article_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"helpful" boolean NOT NULL,
	"comment" text NOT NULL,
	"ticket_id" uuid
);
--> statement-breakpoint
CREATE TABLE "article_revisions" (
	"article_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"touchpoints" jsonb NOT NULL,
	"language" text NOT NULL,
	"tags" jsonb NOT NULL,
	"status" text NOT NULL,
	"author_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "article_revisions_article_id_revision_pk" PRIMARY KEY("article_id","revision")
);
--> statement-breakpoint
CREATE TABLE "article_uses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"article_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"action" text NOT NULL,
	"ticket_id" uuid
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"touchpoints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"language" text NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"revision" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	"version" bigint NOT NULL,
	CONSTRAINT "articles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "call_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"call_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"sip_call_id" text,
	"direction" text NOT NULL,
	"number" text NOT NULL,
	"display_name" text,
	"queue" text,
	"ring_at" timestamp with time zone NOT NULL,
	"answer_at" timestamp with time zone,
	"end_at" timestamp with time zone NOT NULL,
	"talk_seconds" integer NOT NULL,
	"outcome" text NOT NULL,
	"end_reason" text,
	"transfer_target" text,
	"notes" text
);
--> statement-breakpoint
ALTER TABLE "article_feedback" ADD CONSTRAINT "article_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revisions" ADD CONSTRAINT "article_revisions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_uses" ADD CONSTRAINT "article_uses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_links" ADD CONSTRAINT "call_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_feedback_article" ON "article_feedback" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "article_feedback_at" ON "article_feedback" USING btree ("at");--> statement-breakpoint
CREATE INDEX "article_uses_article" ON "article_uses" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "article_uses_at" ON "article_uses" USING btree ("at");--> statement-breakpoint
CREATE INDEX "article_uses_user" ON "article_uses" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "articles_version" ON "articles" USING btree ("version");--> statement-breakpoint
CREATE INDEX "call_links_call" ON "call_links" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "call_links_ticket" ON "call_links" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "call_records_user_ring" ON "call_records" USING btree ("user_id","ring_at");--> statement-breakpoint
CREATE INDEX "call_records_ring" ON "call_records" USING btree ("ring_at");--> statement-breakpoint
CREATE INDEX "call_records_sip" ON "call_records" USING btree ("sip_call_id");