/**
 * Splits an article into passages of whole paragraphs, about `target` characters each, so a
 * retrieved chunk is a readable answer rather than a fragment.
 */
export function chunkArticle(body: string, target = 700): string[] {
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean)
  const chunks: string[] = []
  let current = ''
  for (const p of paragraphs) {
    if (current && current.length + p.length + 1 > target) {
      chunks.push(current)
      current = ''
    }
    current = current ? `${current}\n${p}` : p
  }
  if (current) chunks.push(current)
  return chunks
}
