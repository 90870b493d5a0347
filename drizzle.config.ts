import { defineConfig } from 'drizzle-kit';

/** Migrations for the desk database (src-server/db). The same files run on PGlite and PostgreSQL. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src-server/db/schema.ts',
  out: './src-server/db/migrations',
});
