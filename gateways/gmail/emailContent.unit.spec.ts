import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readEmail, trimReply, MAX_CONTENT_CHARS } from './emailContent.js'

const mail = (lines: string[]) => Buffer.from(lines.join('\r\n'))

describe('readEmail: the customer words in a raw RFC 822 message', () => {
  it('reads a plain-text email: sender, display name, subject, Message-ID, body', async () => {
    const e = await readEmail(mail([
      'Return-Path: <ada@example.com>',
      'Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])',
      '        by mx.google.com with SMTPS id a1sor123.2025.03.03.10.00.00',
      'From: "Ada Lovelace" <Ada@Example.com>',
      'To: support@acme.test',
      'Subject: Cannot log in',
      'Message-ID: <CAF=abc123@mail.gmail.com>',
      'Date: Mon, 3 Mar 2025 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Hello,',
      '',
      'I forgot my password and cannot log in.',
      '',
    ]))
    assert.deepEqual(e.from, { email: 'ada@example.com', name: 'Ada Lovelace' })
    assert.equal(e.subject, 'Cannot log in')
    assert.equal(e.messageId, '<CAF=abc123@mail.gmail.com>')
    assert.equal(e.content, 'Hello,\n\nI forgot my password and cannot log in.')
    assert.equal(e.automated, null)
    assert.equal(e.truncated, false)
  })

  it('decodes encoded words and quoted-printable (names, subjects and bodies in any charset)', async () => {
    const e = await readEmail(mail([
      'From: =?UTF-8?B?Sm9zw6kgTcO8bGxlcg==?= <jose@example.de>',
      'To: support@acme.test',
      'Subject: =?UTF-8?Q?Pr=C3=BCfung_der_Rechnung?=',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Gr=C3=BC=C3=9Fe, wie exportiere ich meine Daten?=20',
      '',
    ]))
    assert.deepEqual(e.from, { email: 'jose@example.de', name: 'José Müller' })
    assert.equal(e.subject, 'Prüfung der Rechnung')
    assert.equal(e.content, 'Grüße, wie exportiere ich meine Daten?')
  })

  it('reduces an HTML-only email to text, without scripts, styles or the quoted message', async () => {
    const e = await readEmail(mail([
      'From: Bea <bea@example.com>',
      'To: support@acme.test',
      'Subject: Re: Two-factor',
      'Content-Type: text/html; charset="UTF-8"',
      '',
      '<html><head><style>p { color: red }</style></head><body>',
      '<div dir="ltr"><p>How do I turn on <b>two-factor</b> authentication?</p><p>Thanks &amp; regards,<br>Bea</p></div>',
      '<script>alert(1)</script>',
      '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Mar 3, 2025 at 10:00 AM Acme Support &lt;support@acme.test&gt; wrote:<br></div>',
      '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Hi Bea, how can we help?</blockquote></div>',
      '</body></html>',
    ]))
    assert.equal(e.content, 'How do I turn on two-factor authentication?\n\nThanks & regards,\nBea')
  })

  it('prefers text/plain in multipart/alternative, and skips attachments', async () => {
    const e = await readEmail(mail([
      'From: Cy <cy@example.com>',
      'To: support@acme.test',
      'Subject: Export',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'How do I export my project to CSV? (plain part)',
      '--alt',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>How do I export my project to CSV? (html part)</p>',
      '--alt--',
      '--outer',
      'Content-Type: application/pdf; name="invoice.pdf"',
      'Content-Disposition: attachment; filename="invoice.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQKJcOkw7zDtsOfCg==',
      '--outer--',
      '',
    ]))
    assert.equal(e.content, 'How do I export my project to CSV? (plain part)')
  })

  it('falls back to the HTML part when the text part is blank', async () => {
    const e = await readEmail(mail([
      'From: Dora <dora@example.com>',
      'Subject: Slack',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      '   ',
      '--b',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<div>How do I connect Slack?</div>',
      '--b--',
      '',
    ]))
    assert.equal(e.content, 'How do I connect Slack?')
  })

  it('trims a quoted reply and the signature', async () => {
    const e = await readEmail(mail([
      'From: Ada <ada@example.com>',
      'Subject: Re: Cannot log in',
      'In-Reply-To: <reply-1@acme.test>',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'That worked, thanks! One more thing: how do I invite team members?',
      '',
      '-- ',
      'Ada Lovelace | Analytical Engines Ltd',
      '+44 20 7946 0958',
      '',
      'On Mon, 3 Mar 2025 at 10:05, Acme Support <support@acme.test>',
      'wrote:',
      '> Hi Ada,',
      '> To reset your password ...',
      '',
    ]))
    assert.equal(e.content, 'That worked, thanks! One more thing: how do I invite team members?')
  })

  it('marks auto-replies, bounces and list mail as automated', async () => {
    const head = (extra: string[], from = 'Carl <carl@example.com>') =>
      readEmail(mail([`From: ${from}`, 'Subject: Automatic reply: Cannot log in', ...extra, 'Content-Type: text/plain', '', 'I am out of the office.', '']))
    assert.equal((await head(['Auto-Submitted: auto-replied'])).automated, 'auto-submitted: auto-replied')
    assert.equal((await head(['Auto-Submitted: no'])).automated, null)
    assert.equal((await head(['Precedence: bulk'])).automated, 'precedence: bulk')
    assert.equal((await head(['X-Autoreply: yes'])).automated, 'auto-reply header')
    assert.equal((await head(['List-Id: <news.example.com>'])).automated, 'mailing list')
    assert.equal((await head([], 'Mail Delivery Subsystem <MAILER-DAEMON@googlemail.com>')).automated, 'robot sender mailer-daemon@googlemail.com')
    assert.equal((await head([], 'no-reply@example.com')).automated, 'robot sender no-reply@example.com')
    assert.equal((await head([])).automated, null)
  })

  it('cuts an over-long body to the pipeline limit and keeps a message that is only a quote', async () => {
    const long = await readEmail(mail(['From: a@example.com', 'Subject: long', 'Content-Type: text/plain', '', 'word '.repeat(5000), '']))
    assert.equal(long.truncated, true)
    assert.ok(long.content.length <= MAX_CONTENT_CHARS)
    assert.match(long.content, /\[message truncated\]$/)
    const onlyQuote = await readEmail(mail(['From: a@example.com', 'Subject: fwd', 'Content-Type: text/plain', '', '> see below', '> please help', '']))
    assert.equal(onlyQuote.content, '> see below\n> please help', 'nothing of their own: the whole text rather than nothing')
    const empty = await readEmail(mail(['From: a@example.com', 'Subject: (no body)', 'Content-Type: text/plain', '', '']))
    assert.equal(empty.content, '(empty message)')
    const noFrom = await readEmail(mail(['Subject: who?', 'Content-Type: text/plain', '', 'hello', '']))
    assert.equal(noFrom.from, null)
  })
})

describe('trimReply', () => {
  it('cuts at "On ... wrote:" in several languages, one line or wrapped', () => {
    assert.equal(trimReply('Yes please.\n\nOn Tue, Mar 4, 2025 at 9:12 AM Acme <s@acme.test> wrote:\n> earlier'), 'Yes please.')
    assert.equal(trimReply('Oui.\n\nLe mar. 4 mars 2025 à 09:12, Acme <s@acme.test> a écrit :\n> avant'), 'Oui.')
    assert.equal(trimReply('Ja.\n\nAm Di., 4. März 2025 um 09:12 Uhr schrieb Acme <s@acme.test>:\n> vorher'), 'Ja.')
    assert.equal(trimReply('Sure.\nOn Tue, Mar 4, 2025 at 9:12 AM Acme Support\n<support@acme.test> wrote:\n> earlier'), 'Sure.')
  })

  it('keeps a sentence that merely starts with "On"', () => {
    assert.equal(trimReply('On Monday the export failed.\nIt wrote an empty file.'), 'On Monday the export failed.\nIt wrote an empty file.')
  })

  it('drops "> " lines but keeps answers written between them', () => {
    assert.equal(trimReply('> Which plan are you on?\nBusiness.\n> And how many seats?\n12.'), 'Business.\n12.')
  })

  it('cuts at signatures and mobile footers', () => {
    assert.equal(trimReply('Thanks!\n-- \nAda'), 'Thanks!')
    assert.equal(trimReply('Thanks!\n--\nAda'), 'Thanks!')
    assert.equal(trimReply('Can you help?\n\nSent from my iPhone'), 'Can you help?')
    assert.equal(trimReply('Can you help?\n\nGet Outlook for Android'), 'Can you help?')
  })

  it('cuts at Outlook quote headers and "Original Message" separators', () => {
    assert.equal(trimReply('Still broken.\n\n________________________________\nFrom: Acme Support <s@acme.test>\nSent: Tuesday, March 4, 2025 9:12 AM\nTo: Ada\nSubject: Re: x'), 'Still broken.')
    assert.equal(trimReply('Still broken.\n\nFrom: Acme Support <s@acme.test>\nSent: Tuesday, March 4, 2025 9:12 AM\nSubject: Re: x\n\nHi'), 'Still broken.')
    assert.equal(trimReply('Still broken.\n-----Original Message-----\nFrom: s@acme.test'), 'Still broken.')
    assert.equal(trimReply('From: the export page, I get an error.'), 'From: the export page, I get an error.', 'a "From:" line alone is the customer speaking')
  })
})
