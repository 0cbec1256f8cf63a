import type Koa from 'koa'
import twilio from 'twilio'
import { bodyParser } from '@koa/bodyparser'
import type { Config } from '../../platform/config.js'
import type { Logger } from '../../platform/log.js'
import { HttpError } from '../http/errors.js'
import { formParams, type TwilioParams } from './twilioForm.js'

/** What Twilio expects back when we have nothing to say in the webhook's own response. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

/** Twilio's webhooks are small (a WhatsApp body is at most 4096 characters); anything bigger is not from Twilio. */
export const WEBHOOK_BODY_LIMIT = '64kb'

// The app-wide parser reads JSON only; this one reads the form, for these routes alone.
const formParser = bodyParser({ enableTypes: ['form'], formLimit: WEBHOOK_BODY_LIMIT, encoding: 'utf-8' })

/**
 * Reads a Twilio webhook and proves it came from Twilio, or throws the HTTP answer:
 * 503 when Twilio is not configured (nothing unsigned is ever accepted), 415 if it is not a form,
 * 413 over 64 KB, 403 without a valid X-Twilio-Signature. The signature covers the URL Twilio
 * called, which is the public one (PUBLIC_BASE_URL), not what this process sees behind a proxy.
 */
export async function verifiedTwilioForm(ctx: Koa.Context, config: Config, log: Logger): Promise<TwilioParams> {
  const authToken = config.twilio?.authToken
  const publicBaseUrl = config.http.publicBaseUrl
  if (!authToken || !publicBaseUrl) throw new HttpError(503, 'channel_not_configured', 'WhatsApp (Twilio) is not configured on this server')
  if (!ctx.is('application/x-www-form-urlencoded')) throw new HttpError(415, 'unsupported_media_type', 'Twilio webhooks are application/x-www-form-urlencoded')
  // The app-wide JSON parser marks a form body as parsed ({}) without reading it: clear that, so
  // the form parser reads the stream.
  if (ctx.request.rawBody === undefined) ctx.request.body = undefined
  await formParser(ctx, async () => undefined)
  const params = formParams(ctx.request.rawBody ?? '')
  const signature = ctx.get('X-Twilio-Signature')
  const url = publicBaseUrl + ctx.originalUrl
  if (!signature || !twilio.validateRequest(authToken, signature, url, params)) {
    log.warn('Twilio webhook rejected: missing or invalid signature', { path: ctx.path, ip: ctx.ip, signed: Boolean(signature) })
    throw new HttpError(403, 'invalid_signature', 'X-Twilio-Signature is missing or does not match this request')
  }
  return params
}

/** A 400 naming the parameter at fault, in the shape the other routes use for field errors. */
export const badParam = (field: string, message: string) =>
  new HttpError(400, 'invalid_request', `${field}: ${message}`, [{ field, message }])
