/**
 * Koa's proxy options for the client address (rate limits): the X-Forwarded-For entry our own
 * proxies appended; entries to the left of those are whatever the client sent and cannot be trusted.
 */
export const proxyOptions = (trustedHops: number) => ({ proxy: trustedHops > 0, maxIpsCount: trustedHops })
