import { useEffect, useRef } from 'react'

/**
 * A new screen replaced what had focus: focus moves to its heading (so a screen reader reads
 * where it is and Tab continues from there), and the tab's title follows.
 */
export function useScreenHeading(title: string, focus = true) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focus) heading.current?.focus()
  }, [focus])
  useEffect(() => {
    document.title = `${title} - Support console`
  }, [title])
  return heading
}
