import type { Identifier } from './api.js'

const KIND: Record<string, string> = { email: 'Email', phone: 'Phone' }

/** A customer's addresses, each marked verified (the channel proved it) or claimed, where the server says which. */
export function Identifiers({ identifiers }: { identifiers: Identifier[] }) {
  return (
    <ul className="identifiers">
      {identifiers.map((id) => (
        <li key={`${id.kind}:${id.value}`}>
          <span className="muted">{KIND[id.kind] ?? id.kind}:</span> <span className="mono">{id.value}</span>{' '}
          {id.verified === true ? <span className="badge verified">Verified</span> : null}
          {id.verified === false ? <span className="badge claimed">Claimed</span> : null}
        </li>
      ))}
    </ul>
  )
}
