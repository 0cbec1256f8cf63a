import type { Runtime } from '../platform/runtime.js'
import { addStaff, listStaff, removeStaff, rotateToken, StaffError, STAFF_ROLES } from '../gateways/staff/accounts.js'
import { consoleBaseUrl, issueSignInLink, SIGN_IN_CODE_TTL_MS } from '../gateways/console/signInLinks.js'
import { normalizeEmail } from '../platform/identifiers.js'

export const STAFF_USAGE = `staff add <email> --name <name> --role ${STAFF_ROLES.join('|')}
                           add a staff member; prints their personal API token once
  staff list               list staff members
  staff remove <email>     remove a member (their token stops working)
  staff token <email>      rotate a member's token; prints the new one once
  staff link <email>       print a one-time sign-in link to the staff console`

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** `fte staff ...`. Throws StaffError for a usage or data problem, with a sentence to show. */
export async function staffCommand(rt: Runtime, args: string[]): Promise<void> {
  const [verb, email] = args
  if (verb === 'list') {
    const members = await listStaff(rt.db)
    if (!members.length) console.log('no staff members')
    for (const m of members) console.log(`${m.email}  ${m.role}  ${m.name}`)
    return
  }
  if (!email) throw new StaffError(`staff ${verb ?? ''}: give an email address`)
  if (verb === 'add') {
    const { member, token } = await addStaff(rt.db, { email, name: flag(args, '--name') ?? '', role: flag(args, '--role') ?? '' })
    console.log(`added ${member.email} (${member.role})`)
    console.log(`token: ${token}`)
    console.log('This token is shown once. Send it as "Authorization: Bearer <token>".')
  } else if (verb === 'remove') {
    console.log((await removeStaff(rt.db, email)) ? `removed ${email}` : `no staff member ${email}`)
  } else if (verb === 'token') {
    console.log(`token: ${await rotateToken(rt.db, email)}`)
    console.log('The old token no longer works. This one is shown once.')
  } else if (verb === 'link') {
    const link = await issueSignInLink(rt.db, normalizeEmail(email) ?? email, consoleBaseUrl(rt.config))
    if (!link) throw new StaffError(`no staff member ${email}`)
    console.log(`Console: ${link}`)
    console.log(`The link signs ${email} in once, within ${SIGN_IN_CODE_TTL_MS / 3_600_000} hours.`)
  } else {
    throw new StaffError(`unknown staff command "${verb}"`)
  }
}
