import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Text for the widget's aria-live region. The region is cleared first and refilled a moment later
 * so that the same message twice in a row (submitting the same mistakes again) is announced again.
 */
export function useAnnouncer(): [string, (message: string) => void] {
  const [text, setText] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const announce = useCallback((message: string) => {
    setText('')
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setText(message), 60)
  }, [])
  useEffect(() => () => clearTimeout(timer.current), [])
  return [text, announce]
}
