/** Log-in, the session (`/api/session`) and accounts (`/api/users`, admin): requests and the public user. */
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../password-rules.ts';
import { ROLES } from '../roles.ts';

const UserName = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}_.-]+$/u, { message: '用户名只能含字母、数字和 _.- / user names may hold letters, digits and _.- only' });

export const LoginRequestSchema = z.object({ name: UserName, password: z.string().min(1).max(200) }).strict();

/** A user as the API shows one: never the password hash. */
export const UserViewSchema = z.object({ id: z.number(), name: z.string(), role: z.enum(ROLES), createdAt: z.string(), createdBy: z.string(), disabled: z.boolean() });
export type UserView = z.infer<typeof UserViewSchema>;

export const SessionSchema = z.object({ user: UserViewSchema.nullable() });
export type SessionView = z.infer<typeof SessionSchema>;

export const NewUserRequestSchema = z
  .object({
    name: UserName,
    role: z.enum(ROLES),
    password: z.string().min(MIN_PASSWORD_LENGTH, { message: `密码至少 ${MIN_PASSWORD_LENGTH} 位 / passwords need at least ${MIN_PASSWORD_LENGTH} characters` }).max(200),
  })
  .strict();
