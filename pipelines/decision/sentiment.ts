import vader from 'vader-sentiment'

/**
 * In a support inbox "it fails", "an error", "a bug" describe the product's state, not the
 * customer's mood; VADER reads them as negative and would make every calm bug report look angry.
 * They are left out of the score. Words of feeling (furious, awful, useless) are untouched.
 */
const PRODUCT_STATE = /\b(fail(s|ed|ing|ure|ures)?|errors?|bugs?|crash(es|ed|ing)?|issues?|problems?|stuck|missing|wrong)\b/gi

/**
 * VADER (a lexicon and rule model tuned for short social text) compound score, mapped from
 * -1..1 to 0..1. Seen here: "furious ... useless" ~0.19, "thanks, works perfectly" ~0.9.
 * This is the mood recorded on messages and reported per day; whether to hand over is `moodOf`.
 */
export function sentimentOf(text: string): number {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text.replace(PRODUCT_STATE, ' ')) as { compound: number }
  return Math.round(((compound + 1) / 2) * 1000) / 1000
}

/**
 * Words of contempt or rage aimed at the product or at us: insults, abuse, swearing, "furious".
 * Frustration with a situation ("annoyed", "frustrated", "a mistake", "blocked") is not here: it
 * is what support is for, and a person need not take it over. "Hate" only with what is hated
 * ("I hate this"), since "I hate to bother you" is politeness.
 */
const HOSTILE =
  /\b(idiot(s|ic)?|stupid|moron(s|ic)?|incompetent|useless|pathetic|garbage|trash|rubbish|crap(py)?|junk|scam(s|mers)?|rip-?off|disgrace(ful)?|disgusting|ridiculous|unacceptable|outrageous|nonsense|clowns?|amateur(s|ish)?|shambles|furious|livid|sick and tired|hate (it|this|that|you|your \w+)|wtf|shit(ty)?|f+u+c+k\w*|bloody|damn(ed)?|hell|a joke)\b/gi

/**
 * The product's own nouns that are also insults: "it's not in the trash anymore" names the
 * Trash (dev case e118, a calm question about restoring a task).
 */
const FEATURE_NOUN = /\b(the|your|my|our|from|in|to)\s+trash\b/gi

/**
 * Thresholds on VADER's compound (-1..1), fitted on the eval's dev split (npm run eval -- --split dev).
 * - With a hostile word, anything short of clearly pleased is anger. The dev angry messages scored
 *   -0.95 to -0.70, and one sarcastic message +0.08 ("stupid two-factor nonsense ... Brilliant.
 *   Absolutely brilliant", e278). So the bar sits well above them and below praise.
 * - Without one, only a very negative message is anger. The calm problem reports on dev went down
 *   to -0.59: a failed payment with a blocked card (e181), 80 notification emails a day (e107),
 *   "deleted our workspace by mistake!!" (e014). All three were escalated at the old bar (0.3 on
 *   the 0..1 scale, -0.4 compound). The bar sits below them.
 */
const HOSTILE_BAR = 0.3
const UNWORDED_BAR = -0.75

export interface Mood {
  /** 0..1, as sentimentOf. */
  sentiment: number
  /** The hostile words found, lower-cased. */
  hostile: string[]
  /** Angry at us: a person should take the conversation over. */
  upset: boolean
}

export function moodOf(text: string): Mood {
  const sentiment = sentimentOf(text)
  const compound = sentiment * 2 - 1
  const hostile = (text.replace(FEATURE_NOUN, ' ').match(HOSTILE) ?? []).map((w) => w.toLowerCase())
  // Two words of contempt are anger whatever else is said: sarcasm ("brilliant, wonderful") lifts
  // VADER's score, not the customer's mood.
  const upset = hostile.length >= 2 || (hostile.length ? compound < HOSTILE_BAR : compound < UNWORDED_BAR)
  return { sentiment, hostile, upset }
}
