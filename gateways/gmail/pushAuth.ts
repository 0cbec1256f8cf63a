import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose'
import type { GmailConfig } from './gmailApi.js'

/** Google signs push tokens as either issuer spelling. */
const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com']

export type PushAuthResult =
  | { ok: true; email: string }
  /** 401: no credentials at all; 403: credentials that do not prove Google sent this for our subscription. */
  | { ok: false; status: 401 | 403; reason: string }

// Failures that say "this token is not what we accept", as opposed to "we could not check it"
// (Google's key endpoint down or garbled), which must not be answered 403: Pub/Sub should retry.
const REJECTIONS = new Set<string>([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JWKInvalid.code,
])

/**
 * Checks the OIDC token Pub/Sub attaches to every push (`Authorization: Bearer <JWT>`): RS256,
 * signed by one of Google's current keys, issued by Google, for our audience, to the service
 * account the subscription pushes as (with a verified email), not expired.
 */
export async function verifyPushToken(authorization: string | undefined, keys: JWTVerifyGetKey, expect: { audience: string; serviceAccount: string }): Promise<PushAuthResult> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
  if (!token) return { ok: false, status: 401, reason: 'missing bearer token' }
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'],
      issuer: GOOGLE_ISSUERS,
      audience: expect.audience,
      requiredClaims: ['exp', 'iat', 'email'],
      clockTolerance: 30,
    })
    if (typeof payload.email !== 'string' || payload.email.toLowerCase() !== expect.serviceAccount.toLowerCase()) {
      return { ok: false, status: 403, reason: 'token is for another service account' }
    }
    if (payload.email_verified !== true) return { ok: false, status: 403, reason: 'token email is not verified' }
    return { ok: true, email: payload.email }
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && REJECTIONS.has(code)) return { ok: false, status: 403, reason: `${code}: ${(err as Error).message}` }
    throw err // could not verify (key endpoint unreachable): the caller answers 5xx so Pub/Sub retries
  }
}

// One key set per process and URL: jose caches Google's keys (10 minutes) and refetches at most
// every 30 s when a token names a key it has not seen, so forged tokens cannot hammer Google.
const keySets = new Map<string, JWTVerifyGetKey>()

export function googleKeys(certsUrl: string): JWTVerifyGetKey {
  let keys = keySets.get(certsUrl)
  if (!keys) {
    keys = createRemoteJWKSet(new URL(certsUrl))
    keySets.set(certsUrl, keys)
  }
  return keys
}

/** The push verifier for the configured subscription. */
export const pushVerifier = (g: GmailConfig) => (authorization: string | undefined) =>
  verifyPushToken(authorization, googleKeys(g.certsUrl), { audience: g.pushAudience, serviceAccount: g.pushServiceAccount })
