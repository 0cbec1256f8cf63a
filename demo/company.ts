/**
 * The demo company's profile as data (Nimbus Tasks, a fictional task-management SaaS). The prose
 * version for people is COMPANY.md in this folder; keep the two in step.
 */

export const COMPANY = {
  name: 'Nimbus Tasks',
  tagline: 'Task and project management for teams',
  description:
    'Nimbus Tasks is a task and project-management service for teams: boards, lists, timeline and calendar views, automations, time tracking and integrations, on the web and on mobile.',
  plans: ['Free', 'Team', 'Enterprise'] as const,
  supportHours: 'The AI support agent answers 24/7; the human support team works Monday to Friday, 08:00-18:00 UTC.',
  aiSupportHours: '24/7',
  humanSupportHours: { days: 'Monday-Friday', from: '08:00', to: '18:00', timezone: 'UTC' },
  channels: {
    email: { register: 'formal', greeting: true, signature: true, maxWords: 500 },
    web_form: { register: 'semi-formal', greeting: true, signature: true, maxWords: 300 },
    whatsapp: { register: 'conversational', greeting: false, signature: false, preferredMaxChars: 300 },
  },
  voice: ['friendly', 'clear', 'no jargon', 'no over-promising'] as const,
  signature: 'The Nimbus Tasks Support Team',
  /** Why a human takes over, in the order they are checked (the first that applies wins). */
  escalation: [
    { reason: 'legal', priority: 'urgent', when: 'the customer mentions lawyers, legal action, lawsuits, attorneys or legal/regulatory compliance' },
    { reason: 'refund', priority: 'high', when: 'the customer asks for a refund, money back, a chargeback or a reimbursement' },
    { reason: 'pricing_negotiation', priority: 'medium', when: 'the customer asks for a discount, a custom quote, a price match or a better deal' },
    { reason: 'human_requested', priority: 'medium', when: 'the customer asks to talk to a person (on WhatsApp also the bare words "human", "agent" or "representative")' },
    { reason: 'negative_sentiment', priority: 'high', when: 'the customer is angry or abusive (sentiment below 0.3 on a 0..1 scale)' },
    { reason: 'no_relevant_knowledge', priority: 'medium', when: 'the knowledge base has nothing that answers the question' },
  ] as const,
  neverDo: [
    'discuss, compare with or name competitors',
    'promise features, dates or outcomes that the knowledge base does not document',
    'quote prices, offer discounts or promise refunds',
    'reveal internal processes, tools, systems or the names of staff',
    "share another customer's data, or confirm that someone else is a customer",
  ] as const,
} as const

/**
 * Competitors the agent must never name or discuss in a reply. Canonical names only; matching is
 * case-insensitive on word boundaries.
 */
export const COMPETITORS: string[] = [
  'Asana',
  'Trello',
  'Monday.com',
  'Jira',
  'ClickUp',
  'Notion',
  'Basecamp',
  'Wrike',
  'Todoist',
  'Smartsheet',
  'Airtable',
  'Microsoft Planner',
  'Zoho Projects',
  'TickTick',
]

/** Words that reveal internal processes, tools or systems and must never appear in a reply. */
export const INTERNAL_TERMS: string[] = [
  'escalation policy',
  'escalation rule',
  'system prompt',
  'internal tool',
  'internal note',
  'Zendesk',
  'PagerDuty',
  'on-call',
  'Jira ticket',
  'runbook',
  'Tier 2',
  'Tier 3',
  'knowledge base article id',
  'sentiment score',
  'support macro',
  'backoffice',
  'feature flag',
  'dead letter queue',
  'postmortem',
]
