import vader from 'vader-sentiment'

/**
 * VADER (a lexicon and rule model tuned for short social text) compound score, mapped from
 * -1..1 to 0..1. Seen here: "furious ... useless" ~0.19, "thanks, works perfectly" ~0.9.
 */
export function sentimentOf(text: string): number {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text) as { compound: number }
  return Math.round(((compound + 1) / 2) * 1000) / 1000
}
