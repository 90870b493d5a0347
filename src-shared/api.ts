import { z } from 'zod';
import type { Role } from './desk/directory';

/** GET /api/health */
export type Health = { ok: true; db: 'pglite' | 'postgres'; version: string };

/** POST /api/auth/sign-in */
export const signInSchema = z.object({
  workNumber: z.string().trim().min(1).max(20),
  password: z.string().min(1).max(200),
});
export type SignInRequest = z.infer<typeof signInSchema>;

export type SessionUser = { id: string; workNumber: string; name: string; role: Role; groupIds: string[] };
export type SignInResponse = { token: string; expiresAt: string; user: SessionUser; deskId: string };

/** POST /api/admin/users */
export const createUserSchema = z.object({
  workNumber: z.string().trim().regex(/^[0-9A-Za-z]{1,20}$/, 'work number is 1–20 letters or digits'),
  name: z.string().trim().min(1).max(100),
  role: z.enum(['agent', 'expert', 'supervisor', 'admin', 'resolver']),
  password: z.string().min(8, 'password needs at least 8 characters').max(200),
  groupIds: z.array(z.uuid()).max(50).default([]),
});
export type CreateUserRequest = z.infer<typeof createUserSchema>;
