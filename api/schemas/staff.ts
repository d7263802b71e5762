import { z } from 'zod'

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'username: 2–40 letters, digits, . _ -')
export const Role = z.enum(['admin', 'editor'])
/** Long passphrases welcome; the upper bound only keeps PBKDF2 input sane. */
export const Password = z.string().min(10, 'password: at least 10 characters').max(200)
const OrganisationId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)

export const SignIn = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
})

export const NewAccountBody = z.strictObject({
  username: Username,
  role: Role,
  password: Password,
  organisations: z.array(OrganisationId).max(50).default([]),
})

export const AccountChangeBody = z.strictObject({
  role: Role.optional(),
  password: Password.optional(),
  disabled: z.boolean().optional(),
  organisations: z.array(OrganisationId).max(50).optional(),
})
