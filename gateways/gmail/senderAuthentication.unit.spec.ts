import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { senderVerified } from './senderAuthentication.js'

const mail = (...headers: string[]) => Buffer.from([...headers, 'From: Bea <bea@example.com>', 'Subject: hi', '', 'Body with Authentication-Results: mx.google.com; dkim=pass header.i=@example.com'].join('\r\n'))
const GMAIL_DKIM = 'Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=s1 header.b=abc;\r\n       spf=neutral (google.com: 1.2.3.4 is neither permitted nor denied) smtp.mailfrom=bea@example.com'

describe('Gmail sender authentication', () => {
  it('verifies a sender whose DKIM passed for the From domain (folded header)', () => {
    assert.equal(senderVerified(mail(GMAIL_DKIM), 'bea@example.com'), true)
  })
  it('verifies on SPF or DMARC passing for the From domain', () => {
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; spf=pass (google.com: domain of bea@example.com designates 1.2.3.4 as permitted sender) smtp.mailfrom=bea@example.com'), 'bea@example.com'), true)
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=fail header.i=@example.com; dmarc=pass (p=NONE) header.from=example.com'), 'bea@example.com'), true)
  })
  it('accepts a parent domain signing for a subdomain sender, not the other way', () => {
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=pass header.d=example.com'), 'bea@eu.example.com'), true)
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=pass header.d=eu.example.com'), 'bea@example.com'), false)
  })
  it('does not verify when the pass is for another domain (a stranger signing with their own)', () => {
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=pass header.i=@attacker.test; spf=pass smtp.mailfrom=x@attacker.test'), 'bea@example.com'), false)
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=pass header.i=@notexample.com'), 'bea@example.com'), false)
  })
  it('does not verify on fail, softfail, none, or no header at all', () => {
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=fail header.i=@example.com; spf=softfail smtp.mailfrom=bea@example.com'), 'bea@example.com'), false)
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=none; spf=none smtp.mailfrom=bea@example.com'), 'bea@example.com'), false)
    assert.equal(senderVerified(mail(), 'bea@example.com'), false)
  })
  it('ignores results written by anyone but Gmail, and any below the topmost', () => {
    assert.equal(senderVerified(mail('Authentication-Results: mail.attacker.test; dkim=pass header.i=@example.com'), 'bea@example.com'), false)
    const forgedBelow = mail('Authentication-Results: mx.google.com; dkim=none; spf=fail smtp.mailfrom=bea@example.com', 'Authentication-Results: mx.google.com; dkim=pass header.i=@example.com')
    assert.equal(senderVerified(forgedBelow, 'bea@example.com'), false)
  })
  it('does not read "dkim=pass" out of a comment', () => {
    assert.equal(senderVerified(mail('Authentication-Results: mx.google.com; dkim=fail (would be dkim=pass header.i=@example.com) header.i=@example.com'), 'bea@example.com'), false)
  })
})
