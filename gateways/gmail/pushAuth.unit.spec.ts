import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { verifyPushToken } from './pushAuth.js'

const expect = { audience: 'https://fte.acme.test/webhooks/gmail', serviceAccount: 'gmail-push@acme.iam.gserviceaccount.com' }

describe('verifyPushToken: the OIDC token on a Pub/Sub push', () => {
  let google: { privateKey: CryptoKey }
  let keys: JWTVerifyGetKey
  const now = () => Math.floor(Date.now() / 1000)
  const token = (claims: JWTPayload = {}, key: CryptoKey = google.privateKey, alg = 'RS256') =>
    new SignJWT({ iss: 'https://accounts.google.com', aud: expect.audience, email: expect.serviceAccount, email_verified: true, iat: now(), exp: now() + 3600, ...claims })
      .setProtectedHeader({ alg, kid: 'google-1' })
      .sign(key)

  before(async () => {
    const pair = await generateKeyPair('RS256')
    google = pair
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'google-1', alg: 'RS256' }] })
  })

  it('accepts Google’s token for our audience and service account, under either issuer spelling', async () => {
    assert.deepEqual(await verifyPushToken(`Bearer ${await token()}`, keys, expect), { ok: true, email: expect.serviceAccount })
    assert.equal((await verifyPushToken(`bearer ${await token({ iss: 'accounts.google.com' })}`, keys, expect)).ok, true)
  })

  it('401 without a bearer token', async () => {
    for (const header of [undefined, '', 'Bearer', 'Basic dXNlcjpwYXNz', 'Token abc']) {
      assert.deepEqual(await verifyPushToken(header, keys, expect), { ok: false, status: 401, reason: 'missing bearer token' }, String(header))
    }
  })

  it('403 for tokens that do not prove a push from our subscription', async () => {
    const stranger = await generateKeyPair('RS256')
    const hmac = new TextEncoder().encode('a-shared-secret-nobody-should-accept-000')
    const cases: [string, string, RegExp][] = [
      ['wrong audience', await token({ aud: 'https://other.example' }), /aud/],
      ['wrong service account', await token({ email: 'x@evil.iam.gserviceaccount.com' }), /another service account/],
      ['email not verified', await token({ email_verified: false }), /not verified/],
      ['email_verified as a string', await token({ email_verified: 'true' }), /not verified/],
      ['no email', await token({ email: undefined }), /email/],
      ['expired', await token({ iat: now() - 7200, exp: now() - 3600 }), /exp/],
      ['not yet valid', await token({ nbf: now() + 3600 }), /nbf/],
      ['wrong issuer', await token({ iss: 'https://evil.example' }), /iss/],
      ['another key', await token({}, stranger.privateKey), /signature/],
      ['HS256', await new SignJWT({ iss: 'accounts.google.com', aud: expect.audience, email: expect.serviceAccount, email_verified: true, iat: now(), exp: now() + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(hmac), /ALG_NOT_ALLOWED|alg/i],
      ['garbage', 'not.a.jwt', /JWS|JWT/],
    ]
    for (const [what, t, reason] of cases) {
      const r = await verifyPushToken(`Bearer ${t}`, keys, expect)
      assert.equal(r.ok, false, what)
      assert.equal((r as { status: number }).status, 403, what)
      assert.match((r as { reason: string }).reason, reason, what)
    }
  })

  it('throws (the route answers 5xx, Pub/Sub retries) when the keys cannot be fetched', async () => {
    const unreachable: JWTVerifyGetKey = async () => {
      throw new TypeError('fetch failed')
    }
    await assert.rejects(verifyPushToken(`Bearer ${await token()}`, unreachable, expect), /fetch failed/)
  })
})
