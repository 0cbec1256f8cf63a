import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * The company the agent speaks for, as data: its name and signature, how it sounds, what it
 * never names, and how long a reply may be on each channel. The composition root hands it to the
 * decision stage; deploying for another company means another profile file, not another agent.
 */
const text = z.string().trim().min(1)
const profile = z.object({
  name: text,
  description: z.string().default(''),
  signature: text,
  voice: z.array(text).default([]),
  channels: z.object({
    email: z.object({ maxWords: z.number().int().min(20), style: text }),
    web_form: z.object({ maxWords: z.number().int().min(20), style: text }),
    whatsapp: z.object({ preferredMaxChars: z.number().int().min(40).max(1600), style: text }),
  }),
  /** Never named in a reply; matched case-insensitively on word boundaries. */
  competitors: z.array(text).default([]),
  /** Words that would reveal internal processes, tools or systems. */
  internalTerms: z.array(text).default([]),
})

export type CompanyProfile = z.infer<typeof profile>

/** Reads and validates a profile file; the problems name the file and each field at fault. */
export function readCompanyProfile(file: string): { profile: CompanyProfile } | { problems: string[] } {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    return { problems: [`FTE_COMPANY_PROFILE: cannot read ${file} as JSON (${(err as Error).message})`] }
  }
  const parsed = profile.safeParse(raw)
  if (parsed.success) return { profile: parsed.data }
  return { problems: parsed.error.issues.map((i) => `FTE_COMPANY_PROFILE: ${file}: ${i.path.join('.') || '(profile)'}: ${i.message}`) }
}
