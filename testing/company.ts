import { DEMO_COMPANY_PROFILE } from '../platform/config.js'
import { readCompanyProfile, type CompanyProfile } from '../platform/companyProfile.js'

/** The demo company's profile (demo/company.json), for unit specs that need a company. */
export function demoCompany(): CompanyProfile {
  const read = readCompanyProfile(DEMO_COMPANY_PROFILE)
  if ('problems' in read) throw new Error(read.problems.join('\n'))
  return read.profile
}
