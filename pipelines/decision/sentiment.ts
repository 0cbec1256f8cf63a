import vader from 'vader-sentiment'

/**
 * VADER (a lexicon and rule model tuned for short social text) compound score, mapped from
 * -1..1 to 0..1. Seen here: "furious ... useless" ~0.19, "thanks, works perfectly" ~0.9.
 */
/**
 * In a support inbox "it fails", "an error", "a bug" describe the product's state, not the
 * customer's mood; VADER reads them as negative and would make every calm bug report look angry.
 * They are left out of the score. Words of feeling (furious, awful, useless) are untouched.
 */
const PRODUCT_STATE = /\b(fail(s|ed|ing|ure|ures)?|errors?|bugs?|crash(es|ed|ing)?|issues?|problems?|stuck|missing|wrong)\b/gi

export function sentimentOf(text: string): number {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text.replace(PRODUCT_STATE, ' ')) as { compound: number }
  return Math.round(((compound + 1) / 2) * 1000) / 1000
}
