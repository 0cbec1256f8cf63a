/** The company the agent speaks for (the demo dossier's; replace with your own). */
export const BRAND = {
  company: 'Nimbus Tasks',
  signature: 'The Nimbus Tasks Support Team',
} as const
