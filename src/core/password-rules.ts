/**
 * What a new password must satisfy, shared by the API contract (`POST /api/users`) and
 * `npm run archive:user`. Minimum length only: long passphrases beat composition rules.
 * The hashing itself (argon2id) is server code: src/archive/auth/passwords.ts.
 */
export const MIN_PASSWORD_LENGTH = 10;
