/**
 * Labelled inbound messages for the demo company (Nimbus Tasks), written the way customers write:
 * what the agent should do with each one (answer from which article, or hand over for which
 * reason), plus identity scenarios (which messages come from the same real person). Used to
 * evaluate the pipeline end to end; `note` explains why a case is tricky.
 */
import type { Channel } from '../schemas/index.js'

export type EscalationReason = 'legal' | 'refund' | 'pricing_negotiation' | 'human_requested' | 'negative_sentiment' | 'no_relevant_knowledge'

export interface Sample {
  id: string
  channel: Channel
  /** email: email set; whatsapp: E.164 phone and profile name; web_form: name and email, sometimes a phone. */
  sender: { name: string | null; email: string | null; phone: string | null }
  /** email and web_form carry a subject; whatsapp never does. */
  subject: string | null
  content: string
  expect: { action: 'reply'; article_id: string } | { action: 'escalate'; reason: EscalationReason }
  note?: string
}

/** Senders and expectations as cases are written (here and in evalCases.ts). */
export const web = (name: string, email: string, phone: string | null = null) => ({ name, email, phone })
export const mail = (name: string | null, email: string) => ({ name, email, phone: null })
export const wa = (name: string | null, phone: string) => ({ name, email: null, phone })
export const reply = (article_id: string) => ({ action: 'reply' as const, article_id })
export const escalate = (reason: EscalationReason) => ({ action: 'escalate' as const, reason })

export const SAMPLES: Sample[] = [
  // ------------------------------------------------------------------ web form: answerable
  {
    id: 's01',
    channel: 'web_form',
    sender: web('Ada Okafor', 'ada.okafor@example.com'),
    subject: 'Locked out',
    content: `Hi, I can't remember my password and the login page won't let me in. How do I get a new one? Thanks!`,
    expect: reply('kb-reset-password'),
  },
  {
    id: 's02',
    channel: 'web_form',
    sender: web('Lukas Brandt', 'lukas@brandt-design.example', '+4915223433101'),
    subject: 'Moving our boards over',
    content: `We moved from Trello last week and exported everything as a CSV. How do I import our CSV into Nimbus so the tasks end up in the right columns?`,
    expect: reply('kb-import-csv'),
    note: 'Names a competitor while asking a real how-to: answer the import question, never repeat or discuss the competitor.',
  },
  {
    id: 's03',
    channel: 'web_form',
    sender: web('Grace Lin', 'grace.lin@example.org'),
    subject: 'Adding colleagues',
    content: `How can I add three new colleagues to our workspace? They should be able to create their own projects, not just look at ours.`,
    expect: reply('kb-invite-members'),
  },
  {
    id: 's04',
    channel: 'web_form',
    sender: web('Tomasz Nowak', 'tnowak@example.net'),
    subject: 'gantt?',
    content: `is there some kind of gantt chart where i can see all the tasks as bars and drag the dates around? couldnt find it`,
    expect: reply('kb-timeline-gantt'),
  },
  {
    id: 's05',
    channel: 'web_form',
    sender: web('Helen Park', 'helen.park@lawson-partners.example'),
    subject: 'Dropdown on every task',
    content: `We need a dropdown on every task called "Legal review" with the values Pending, Approved and Rejected, so our team can see which contracts are cleared. Where do I set that up?`,
    expect: reply('kb-custom-fields'),
    note: '"Legal" is the name of a field the customer wants to create, not a legal matter: answer from the custom fields article.',
  },
  {
    id: 's06',
    channel: 'web_form',
    sender: web('Samir Haddad', 'samir.haddad@example.com', '+447700900412'),
    subject: 'Mentions not reaching me',
    content: `A bit annoyed, to be honest. I stopped getting email notifications when people mention me, so I nearly missed a deadline. My settings look right. What else can I check?`,
    expect: reply('kb-notifications-not-arriving'),
    note: 'Mild annoyance, not anger: sentiment stays above the 0.3 threshold, so answer rather than escalate.',
  },
  {
    id: 's07',
    channel: 'web_form',
    sender: web('Olivia Bennett', 'olivia@bennett-events.example'),
    subject: 'Free vs Team',
    content: `We're on the Free plan right now and thinking about switching. Does the Team plan include guest access for our clients and the timeline view?`,
    expect: reply('kb-plans-overview'),
    note: 'A question about what a plan includes: answer from the plans article, without stating any price.',
  },
  {
    id: 's08',
    channel: 'web_form',
    sender: web('Daniel Kim', 'daniel.kim@northwind.example'),
    subject: 'Okta login for everyone',
    content: `We're on Enterprise and want everyone to log in through Okta instead of passwords. What are the steps on your side?`,
    expect: reply('kb-sso-saml'),
  },
  {
    id: 's09',
    channel: 'web_form',
    sender: web('Chiara Rossi', 'chiara.rossi@example.it'),
    subject: 'Auto-assign on review',
    content: `Is it possible to have a task automatically assigned to our QA lead as soon as someone drags it into the "Review" column?`,
    expect: reply('kb-automations'),
  },
  {
    id: 's10',
    channel: 'web_form',
    sender: web('Ben Carter', 'ben.carter@example.com'),
    subject: 'file size',
    content: `what is the maximum file size i can attach to a task? our design files are around 180MB each and we have a lot of them`,
    expect: reply('kb-attachments-storage'),
  },
  {
    id: 's11',
    channel: 'web_form',
    sender: web('Fatima Zahra', 'fatima.z@example.org', '+33612345678'),
    subject: 'PDF upload stuck',
    content: `Every time I try to attach a PDF to a task, the upload sits at 0% and then fails. I tried twice in Chrome. Any ideas?`,
    expect: reply('kb-attachment-upload-failing'),
    note: 'A calm, neutral bug report: words like "fails" pull a lexicon sentiment score down to about 0.29, yet nobody is angry; it must be answered, not handed over.',
  },
  {
    id: 's12',
    channel: 'web_form',
    sender: web('Niamh Walsh', 'accounts@walsh-studio.example'),
    subject: 'VAT number on invoices',
    content: `Our accountant needs our VAT number (IE1234567T) printed on the invoices. Where can I add it?`,
    expect: reply('kb-vat-tax-id'),
  },
  {
    id: 's13',
    channel: 'web_form',
    sender: web('Robert Stein', 'r.stein@fintrack.example'),
    subject: 'Who removed a member?',
    content: `Our security team wants to find out who removed a member from the workspace last week. Is there a log of admin actions somewhere?`,
    expect: reply('kb-audit-log'),
  },
  {
    id: 's14',
    channel: 'web_form',
    sender: web('Mei Tanaka', 'mei.tanaka@example.jp'),
    subject: 'Deleted a task by mistake',
    content: `I accidentally deleted a task with a lot of comments on it yesterday. Can I get it back?`,
    expect: reply('kb-trash-restore'),
  },
  {
    id: 's15',
    channel: 'web_form',
    sender: web('Carlos Mendes', 'carlos@mendes-consulting.example'),
    subject: 'Hours per person',
    content: `How do I get a report of the hours each person logged last month? I need it to prepare the invoice for our client.`,
    expect: reply('kb-time-tracking'),
  },
  {
    id: 's16',
    channel: 'web_form',
    sender: web('Ingrid Olsen', 'ingrid.olsen@example.no'),
    subject: 'Closing our workspace',
    content: `We're shutting down our side project. How do I delete the workspace completely, and is everything gone right away or can we still recover it for a while?`,
    expect: reply('kb-delete-account'),
  },
  // ------------------------------------------------------------------ web form: hand over
  {
    id: 's17',
    channel: 'web_form',
    sender: web('Patricia Gomez', 'p.gomez@meridian-health.example', '+12025550187'),
    subject: 'Former contractor still had access',
    content: `Our legal department believes a former contractor could still open client files in our workspace after his contract ended. We need a formal written statement from you about this; our attorney will follow up.`,
    expect: escalate('legal'),
  },
  {
    id: 's18',
    channel: 'web_form',
    sender: web('Kevin O\'Brien', 'kevin.obrien@example.ie'),
    subject: 'Charged twice',
    content: `We were charged twice for October, same amount on the same day. Please refund the duplicate payment.`,
    expect: escalate('refund'),
  },
  {
    id: 's19',
    channel: 'web_form',
    sender: web('Amara Nwosu', 'amara@brightfutures-charity.example'),
    subject: 'Charity pricing',
    content: `We are a registered charity with about 40 staff. Do you offer a nonprofit discount on the Team plan?`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 's20',
    channel: 'web_form',
    sender: web('George Miller', 'gmiller@example.com', '+12025550143'),
    subject: 'Setup help',
    content: `Can I talk to a person please? Our setup is a bit unusual and I'd rather explain it to someone on a call.`,
    expect: escalate('human_requested'),
  },
  {
    id: 's21',
    channel: 'web_form',
    sender: web('Sofia Lindqvist', 'sofia.lindqvist@example.se'),
    subject: 'Visiting your office',
    content: `Where are your offices? We'll be in Berlin next month and would love to stop by and meet the team.`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Office locations are not in the knowledge base: do not guess an address.',
  },
  {
    id: 's22',
    channel: 'web_form',
    sender: web('Mark Davies', 'mark.davies@example.co.uk'),
    subject: 'Unbelievable',
    content: `Your latest update is a disaster. Everything is slower, the board looks awful and clearly nobody tests anything. Honestly pathetic. Worst tool we have ever paid for.`,
    expect: escalate('negative_sentiment'),
    note: 'Angry, with no other trigger word: sentiment alone hands it over.',
  },
  {
    id: 's23',
    channel: 'web_form',
    sender: web('Leila Ahmadi', 'leila.ahmadi@example.com'),
    subject: 'Brainstorming',
    content: `Does Nimbus Tasks have a built-in whiteboard where we can brainstorm with sticky notes before turning them into tasks?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'A feature the knowledge base does not document: do not promise it exists or is coming.',
  },
  // ------------------------------------------------------------------ email: answerable
  {
    id: 's24',
    channel: 'email',
    sender: mail('Priya Sharma', 'priya.sharma@example.com'),
    subject: 'Exporting everything',
    content: `Hello,

I don't want a refund or anything like that, I just need to know how to export all of our projects before our internal review next week.

Thanks,
Priya`,
    expect: reply('kb-export-data'),
    note: 'Negation: "refund" appears but the customer explicitly does not want one; answer the export question.',
  },
  {
    id: 's25',
    channel: 'email',
    sender: mail('Tom Whitaker', 'tom.whitaker@example.org'),
    subject: 'Export format',
    content: `Hi there,

Is there a human-readable export format? Our managers don't want to open JSON files, they just want something they can look at in Excel.

Best,
Tom`,
    expect: reply('kb-export-data'),
    note: '"human" inside a normal sentence on email is not a request for a person.',
  },
  {
    id: 's26',
    channel: 'email',
    sender: mail('Yusuf Demir', 'yusuf.demir@kappa-logistics.example'),
    subject: '2FA for the whole team',
    content: `Dear Nimbus Tasks team,

Our security officer has asked us to switch on two-step login for all staff. How do I turn it on for my own account, and can I make it mandatory for everyone in the workspace?

Kind regards,
Yusuf Demir
IT Coordinator, Kappa Logistics`,
    expect: reply('kb-two-factor'),
  },
  {
    id: 's27',
    channel: 'email',
    sender: mail('Hannah Scott', 'hannah.scott@example.com'),
    subject: 'Phone stolen - cannot log in',
    content: `Hi,

My phone was stolen over the weekend, and with it the app that gives me the six-digit codes. How can I log in now? I think I printed some backup codes when I set it up, somewhere in my desk.

Cheers,
Hannah`,
    expect: reply('kb-2fa-lost-phone'),
  },
  {
    id: 's28',
    channel: 'email',
    sender: mail('Pedro Alves', 'pedro.alves@example.pt'),
    subject: 'Tasks in my Google calendar?',
    content: `Hello,

Can my tasks with due dates show up in my Google calendar? And if I drag one to another day there, does the due date in Nimbus change as well?

Thank you,
Pedro`,
    expect: reply('kb-google-calendar'),
  },
  {
    id: 's29',
    channel: 'email',
    sender: mail('Elif Yilmaz', 'elif.yilmaz@example.com'),
    subject: 'Nimbus inside MS Teams',
    content: `Good morning,

We run our whole company in MS Teams. Can we pin a Nimbus project as a tab in one of our Teams channels so people don't have to switch apps?

Kind regards,
Elif Yilmaz`,
    expect: reply('kb-microsoft-teams'),
  },
  {
    id: 's30',
    channel: 'email',
    sender: mail('Martin Keller', 'martin.keller@example.ch'),
    subject: 'Invoices for finance',
    content: `Hi,

Our finance team needs PDF copies of all invoices from this year, and they want future invoices to go to finance@keller-ag.example instead of to me. How do we set that up?

Thanks,
Martin`,
    expect: reply('kb-billing-invoices'),
  },
  {
    id: 's31',
    channel: 'email',
    sender: mail('Aisha Bello', 'aisha.bello@example.com'),
    subject: 'New company card',
    content: `Hello,

Our company credit card expires at the end of this month. How can I replace it with the new card before the next payment goes out?

Best regards,
Aisha Bello`,
    expect: reply('kb-payment-method'),
  },
  {
    id: 's32',
    channel: 'email',
    sender: mail('Jonas Weber', 'jonas.weber@example.de'),
    subject: 'Going back to Free',
    content: `Hi,

If we downgrade from Team to Free, what happens to our 7 projects and to the guests we invited? Do we lose any data?

Thanks,
Jonas`,
    expect: reply('kb-change-plan'),
  },
  {
    id: 's33',
    channel: 'email',
    sender: mail('Ravi Menon', 'ravi.menon@example.in'),
    subject: 'API access',
    content: `Hello team,

I'm building a small dashboard for our department and want to pull tasks through your API. How do I get a token, and how many requests am I allowed to make?

Regards,
Ravi`,
    expect: reply('kb-api-webhooks'),
  },
  {
    id: 's34',
    channel: 'email',
    sender: mail('Claire Dubois', 'claire.dubois@example.fr'),
    subject: 'Subject access request',
    content: `Dear Sir or Madam,

Under the GDPR I would like to receive a copy of all the personal data you hold about me. Please let me know how to proceed.

Yours faithfully,
Claire Dubois`,
    expect: reply('kb-gdpr-data-request'),
    note: 'A data-access request is self-service (Profile > Account > Download my data); nothing here asks for lawyers or legal action.',
  },
  {
    id: 's35',
    channel: 'email',
    sender: mail('Marco Bianchi', 'marco.bianchi@example.it'),
    subject: 'phone and laptop out of sync',
    content: `Hi,

tasks i tick off on my phone still show as open on my laptop, sometimes for hours. already restarted the app twice. any ideas?

thanks
Marco`,
    expect: reply('kb-sync-troubleshooting'),
  },
  {
    id: 's36',
    channel: 'email',
    sender: mail('Sarah Goldberg', 'sarah.goldberg@example.com'),
    subject: 'Big project takes ages to open',
    content: `Hello,

Since this morning our biggest project (about 6,000 tasks) takes almost a minute to load in Chrome. Other websites are fine. What can we do to speed it up?

Regards,
Sarah Goldberg`,
    expect: reply('kb-slow-loading'),
  },
  {
    id: 's37',
    channel: 'email',
    sender: mail('Lars Nielsen', 'lars.nielsen@example.dk'),
    subject: 'Import error',
    content: `Hi,

The import keeps failing with "File could not be read". I exported the spreadsheet straight from Excel. What am I doing wrong?

Thanks,
Lars`,
    expect: reply('kb-import-failures'),
  },
  {
    id: 's38',
    channel: 'email',
    sender: mail('Nora Fischer', 'nora.fischer@example.at'),
    subject: 'Task order',
    content: `Hi,

Is there a way to say that task B can't start until task A is finished, and have B's dates move automatically if A slips?

Many thanks,
Nora`,
    expect: reply('kb-dependencies'),
  },
  {
    id: 's39',
    channel: 'email',
    sender: mail('Jana Novak', 'jana.novak@example.cz'),
    subject: 'No account found??',
    content: `Hello,

I keep getting "No account found for this email" when I try to sign in, but my manager says I'm definitely in the workspace. I think we normally log in with our company account.

Thanks,
Jana`,
    expect: reply('kb-login-troubleshooting'),
  },
  {
    id: 's40',
    channel: 'email',
    sender: mail('Ana Costa', 'ana.costa@example.br'),
    subject: 'Re: Creating recurring tasks',
    content: `Thanks, that worked! One more thing: how do I set a task to repeat every second Friday?

Ana

On Tue, 3 Jun, Nimbus Tasks Support wrote:
> Dear Ana,
> Thank you for contacting Nimbus Tasks support.
> Open a task, click the due date, and choose "Repeat".
> Kind regards,
> The Nimbus Tasks Support Team`,
    expect: reply('kb-recurring-tasks'),
    note: 'An email reply with the previous answer quoted below: the new question is on top.',
  },
  // ------------------------------------------------------------------ email: hand over
  {
    id: 's41',
    channel: 'email',
    sender: mail('Richard Hale', 'richard.hale@halebuild.example'),
    subject: 'Formal notice - lost data',
    content: `To whom it may concern,

Your service lost two days of our project data last week. We are considering legal action to recover the losses this caused us. Please confirm receipt of this notice.

Richard Hale
Managing Director, Hale Construction`,
    expect: escalate('legal'),
  },
  {
    id: 's42',
    channel: 'email',
    sender: mail('Diane Foster', 'diane.foster@example.com'),
    subject: 'Annual plan',
    content: `I want a full refund for this year's subscription or I'll be talking to my lawyer. We barely used it.

Diane Foster`,
    expect: escalate('legal'),
    note: 'Refund and legal in one message: legal is checked first and is the more urgent reason.',
  },
  {
    id: 's43',
    channel: 'email',
    sender: mail('Ahmed Karim', 'ahmed.karim@example.com'),
    subject: 'Upgraded by mistake',
    content: `Hello,

A colleague upgraded our workspace to Team by mistake yesterday. Could you reverse the charge and give us our money back? We'd like to stay on Free.

Thank you,
Ahmed`,
    expect: escalate('refund'),
  },
  {
    id: 's44',
    channel: 'email',
    sender: mail('Laura Chen', 'laura.chen@orbitmedia.example'),
    subject: '250 seats',
    content: `Hi,

We're evaluating Nimbus Tasks for about 250 seats. ClickUp offered us a better price per seat - can you match it, or send us a custom quote?

Best,
Laura Chen
Head of Operations, Orbit Media`,
    expect: escalate('pricing_negotiation'),
    note: 'Names a competitor: the hand-over acknowledgement must not mention it.',
  },
  {
    id: 's45',
    channel: 'email',
    sender: mail('Peter Johansson', 'peter.johansson@example.se'),
    subject: 'Migration of 40 projects',
    content: `Hello,

I'd like to speak to a real person about moving our 40 projects over, please. Could someone give me a call this week?

Regards,
Peter`,
    expect: escalate('human_requested'),
  },
  {
    id: 's46',
    channel: 'email',
    sender: mail(null, 'k.morris@example.net'),
    subject: 'AGAIN',
    content: `This is the third time this month your app has eaten my changes. I'm furious. Your sync is garbage, the product is useless and I regret ever choosing it. Awful.`,
    expect: escalate('negative_sentiment'),
    note: 'The sync problem is answerable, but the anger comes first: hand over instead of replying with steps.',
  },
  {
    id: 's47',
    channel: 'email',
    sender: mail('Emma Rossi', 'emma.rossi@example.com'),
    subject: 'Frontend developer roles',
    content: `Hi,

Do you have any open positions for frontend developers? I'd love to join the team behind Nimbus Tasks.

Best,
Emma`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Job enquiries are outside the knowledge base.',
  },
  // ------------------------------------------------------------------ whatsapp: answerable
  {
    id: 's48',
    channel: 'whatsapp',
    sender: wa('Jess', '+14155550123'),
    subject: null,
    content: `hey how do i switch the app to dark? too bright at night lol`,
    expect: reply('kb-dark-mode'),
  },
  {
    id: 's49',
    channel: 'whatsapp',
    sender: wa('Mike T', '+14155550124'),
    subject: null,
    content: `my boss said "we should sue them" lol, anyway how do I add a guest to one of our projects?`,
    expect: reply('kb-guest-access'),
    note: 'Reported speech: the customer quotes a joke by someone else and does not threaten legal action; answer the guest question.',
  },
  {
    id: 's50',
    channel: 'whatsapp',
    sender: wa('Noor', '+447700900123'),
    subject: null,
    content: `can i still use nimbus on the plane without wifi?`,
    expect: reply('kb-offline-mode'),
  },
  {
    id: 's51',
    channel: 'whatsapp',
    sender: wa('Dev', '+447700900124'),
    subject: null,
    content: `not getting push notifs on my android since last week, app is allowed in settings`,
    expect: reply('kb-notifications-not-arriving'),
  },
  {
    id: 's52',
    channel: 'whatsapp',
    sender: wa('Kat', '+61491570156'),
    subject: null,
    content: `whats the keyboard shortcut to make a new task`,
    expect: reply('kb-keyboard-shortcuts'),
  },
  {
    id: 's53',
    channel: 'whatsapp',
    sender: wa('Oskar', '+61491570157'),
    subject: null,
    content: `do tasks have a human readable id i can put in my github commits?`,
    expect: reply('kb-github'),
    note: '"human" inside a sentence on WhatsApp: only the bare word as the whole message asks for a person.',
  },
  {
    id: 's54',
    channel: 'whatsapp',
    sender: wa('Lina', '+14155550125'),
    subject: null,
    content: `where do i get the iphone app? does it cost extra?`,
    expect: reply('kb-mobile-app'),
    note: 'Asks whether something costs extra, not for a discount: the mobile app article says it is free on every plan.',
  },
  {
    id: 's55',
    channel: 'whatsapp',
    sender: wa('Rafa', '+14155550126'),
    subject: null,
    content: `how do i get nimbus to talk to our slack so somebody gets pinged when a task is done`,
    expect: reply('kb-slack-integration'),
    note: '"talk to ... somebody" is about connecting Slack, not a request to talk to a person.',
  },
  {
    id: 's56',
    channel: 'whatsapp',
    sender: wa('Sanne', '+447700900125'),
    subject: null,
    content: `can I forward emails to a project so they turn into tasks?`,
    expect: reply('kb-email-to-task'),
  },
  {
    id: 's57',
    channel: 'whatsapp',
    sender: wa('Chris', '+14155550127'),
    subject: null,
    content: `how do i find everything assigned to me thats due this week, across all projects?`,
    expect: reply('kb-search-filters'),
  },
  {
    id: 's58',
    channel: 'whatsapp',
    sender: wa('Ama', '+447700900126'),
    subject: null,
    content: `Hi! Can I hook up Zapier so every Google Form answer creates a task?`,
    expect: reply('kb-zapier'),
  },
  {
    id: 's59',
    channel: 'whatsapp',
    sender: wa('Theo', '+61491570158'),
    subject: null,
    content: `is nimbus down right now?? where can i check`,
    expect: reply('kb-status-uptime'),
  },
  {
    id: 's60',
    channel: 'whatsapp',
    sender: wa('Yara', '+14155550128'),
    subject: null,
    content: `how do i split a big task into smaller ones with different ppl assigned to each`,
    expect: reply('kb-subtasks'),
  },
  {
    id: 's61',
    channel: 'whatsapp',
    sender: wa('Felix', '+4915223433102'),
    subject: null,
    content: `which browsers do u support? we're on linux with firefox`,
    expect: reply('kb-browser-support'),
  },
  {
    id: 's62',
    channel: 'whatsapp',
    sender: wa('Bea', '+447700900127'),
    subject: null,
    content: `can i set a task to repeat every monday?`,
    expect: reply('kb-recurring-tasks'),
    note: '"monday" here is the weekday, not a competitor.',
  },
  {
    id: 's63',
    channel: 'whatsapp',
    sender: wa('Hugo', '+33612345679'),
    subject: null,
    content: `where do i change the email i log in with? got a new work address`,
    expect: reply('kb-profile-email'),
  },
  {
    id: 's64',
    channel: 'whatsapp',
    sender: wa('Zoe', '+14155550129'),
    subject: null,
    content: `can i make the board view the default for everyone in a project instead of the list?`,
    expect: reply('kb-boards-lists'),
  },
  {
    id: 's65',
    channel: 'whatsapp',
    sender: wa('Ivan', '+61491570159'),
    subject: null,
    content: `how do I turn an existing project into a template we can reuse`,
    expect: reply('kb-templates'),
  },
  {
    id: 's66',
    channel: 'whatsapp',
    sender: wa('Maya', '+447700900128'),
    subject: null,
    content: `is there a calendar where i can drag tasks to other days?`,
    expect: reply('kb-calendar-view'),
  },
  // ------------------------------------------------------------------ whatsapp: hand over
  {
    id: 's67',
    channel: 'whatsapp',
    sender: wa('Paul', '+14155550130'),
    subject: null,
    content: `human`,
    expect: escalate('human_requested'),
    note: 'The bare word as the whole message.',
  },
  {
    id: 's68',
    channel: 'whatsapp',
    sender: wa(null, '+447700900129'),
    subject: null,
    content: `Agent`,
    expect: escalate('human_requested'),
    note: 'The bare word as the whole message (no profile name).',
  },
  {
    id: 's69',
    channel: 'whatsapp',
    sender: wa('Rosa', '+61491570110'),
    subject: null,
    content: `representative!!`,
    expect: escalate('human_requested'),
    note: 'The bare word with punctuation.',
  },
  {
    id: 's70',
    channel: 'whatsapp',
    sender: wa('Tariq', '+14155550131'),
    subject: null,
    content: `i need my money back for this month, we stopped using it weeks ago`,
    expect: escalate('refund'),
  },
  {
    id: 's71',
    channel: 'whatsapp',
    sender: wa('Lea', '+4915223433103'),
    subject: null,
    content: `is there a cheaper option for students? team plan is too much for our uni club`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 's72',
    channel: 'whatsapp',
    sender: wa('Dan', '+14155550132'),
    subject: null,
    content: `this app is trash. worst experience ever, i hate it`,
    expect: escalate('negative_sentiment'),
    note: 'Abusive, no other trigger.',
  },
  {
    id: 's73',
    channel: 'whatsapp',
    sender: wa('Vera', '+447700900130'),
    subject: null,
    content: `my lawyer says your terms are unfair and we want out of the contract`,
    expect: escalate('legal'),
  },
  {
    id: 's74',
    channel: 'whatsapp',
    sender: wa('Sam', '+61491570313'),
    subject: null,
    content: `when is the linux desktop app coming out?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'The knowledge base only lists desktop apps for macOS and Windows and gives no dates: never promise a release date.',
  },
  {
    id: 's75',
    channel: 'whatsapp',
    sender: wa('Jo', '+14155550133'),
    subject: null,
    content: `random q but can you recommend a good accountant in Lisbon?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Unrelated to the product.',
  },
]

// ------------------------------------------------------------------------ identity

export interface IdentityScenario {
  id: string
  description: string
  /** Messages in order; `person` is the ground truth: the same letter means the same real person. */
  messages: { person: string; channel: Channel; sender: { name: string | null; email: string | null; phone: string | null }; subject: string | null; content: string }[]
}

export const IDENTITY_SCENARIOS: IdentityScenario[] = [
  {
    id: 'i01',
    description: 'Web form with email and a phone typed with spaces, then WhatsApp from the same phone in E.164: one person.',
    messages: [
      {
        person: 'A',
        channel: 'web_form',
        sender: { name: 'Rachel Adams', email: 'rachel.adams@example.com', phone: '+44 7700 900321' },
        subject: 'Guest access',
        content: 'How do I give our client view-only access to one project?',
      },
      {
        person: 'A',
        channel: 'whatsapp',
        sender: { name: 'Rachel', email: null, phone: '+447700900321' },
        subject: null,
        content: 'hi, sent a question via your form earlier about guests. also how do i remove a guest later?',
      },
    ],
  },
  {
    id: 'i02',
    description: 'Email first, then WhatsApp from a number never seen before whose message states the same email address: one person.',
    messages: [
      {
        person: 'A',
        channel: 'email',
        sender: { name: 'Alice Moreau', email: 'alice.moreau@example.com', phone: null },
        subject: 'Calendar sync',
        content: 'Hello,\n\nHow do I connect Google Calendar to Nimbus Tasks?\n\nThanks,\nAlice',
      },
      {
        person: 'A',
        channel: 'whatsapp',
        sender: { name: 'Alice M', email: null, phone: '+14155550171' },
        subject: null,
        content: 'hi, following up on my email from this morning about google calendar - my email is alice.moreau@example.com',
      },
    ],
  },
  {
    id: 'i03',
    description: 'The same address in different case and with surrounding spaces: one person.',
    messages: [
      {
        person: 'A',
        channel: 'email',
        sender: { name: 'Bob Smith', email: 'Bob.Smith@Example.COM', phone: null },
        subject: 'Export',
        content: 'Hi,\n\nHow can I export a project to CSV?\n\nBob',
      },
      {
        person: 'A',
        channel: 'web_form',
        sender: { name: 'Bob Smith', email: '  bob.smith@example.com ', phone: null },
        subject: 'Export again',
        content: 'Quick follow-up: can the export include completed tasks too?',
      },
    ],
  },
  {
    id: 'i04',
    description: 'Two different people with the same display name and different email addresses: two people.',
    messages: [
      {
        person: 'A',
        channel: 'email',
        sender: { name: 'Maria Garcia', email: 'maria.garcia@example.com', phone: null },
        subject: 'Invoices',
        content: 'Hello,\n\nWhere can I download our invoices?\n\nMaria Garcia',
      },
      {
        person: 'B',
        channel: 'web_form',
        sender: { name: 'Maria Garcia', email: 'mgarcia@example.org', phone: null },
        subject: 'Dark mode',
        content: 'Hi, is there a dark mode in the web app?',
      },
      {
        person: 'B',
        channel: 'email',
        sender: { name: 'María García', email: 'mgarcia@example.org', phone: null },
        subject: 'Re: Dark mode',
        content: 'Thanks, found it. And on the phone app?',
      },
    ],
  },
  {
    id: 'i05',
    description: 'Email, then the web form with the same email plus a phone, then WhatsApp from that phone: one person throughout.',
    messages: [
      {
        person: 'A',
        channel: 'email',
        sender: { name: 'Kenji Sato', email: 'kenji.sato@example.jp', phone: null },
        subject: 'Time tracking',
        content: 'Hello,\n\nHow do I start a timer on a task?\n\nKenji',
      },
      {
        person: 'A',
        channel: 'web_form',
        sender: { name: 'Kenji Sato', email: 'kenji.sato@example.jp', phone: '+61491570737' },
        subject: 'Time report',
        content: 'Following up on my email: how do I export the time report as CSV?',
      },
      {
        person: 'A',
        channel: 'whatsapp',
        sender: { name: 'Kenji', email: null, phone: '+61491570737' },
        subject: null,
        content: 'found the report, thanks. can i mark entries as billable?',
      },
    ],
  },
  {
    id: 'i06',
    description: 'A new person sends the web form and an email with the same address at the same moment: one person, not two.',
    messages: [
      {
        person: 'A',
        channel: 'web_form',
        sender: { name: 'Olu Adeyemi', email: 'olu.adeyemi@example.com', phone: null },
        subject: 'Cannot sign in',
        content: 'I get "No account found for this email" when I sign in.',
      },
      {
        person: 'A',
        channel: 'email',
        sender: { name: 'Olu Adeyemi', email: 'olu.adeyemi@example.com', phone: null },
        subject: 'Sign-in problem',
        content: 'Hi,\n\nI also filled in your form just now: I cannot sign in, it says no account found.\n\nOlu',
      },
    ],
  },
  {
    id: 'i07',
    description: 'WhatsApp first; then an email from a new address whose signature gives the same phone number (written with spaces): one person.',
    messages: [
      {
        person: 'A',
        channel: 'whatsapp',
        sender: { name: 'Dmitri', email: null, phone: '+12025550148' },
        subject: null,
        content: 'hey, how do i add a VAT number to our invoices?',
      },
      {
        person: 'A',
        channel: 'email',
        sender: { name: 'Dmitri Volkov', email: 'd.volkov@example.net', phone: null },
        subject: 'VAT number - follow-up from WhatsApp',
        content: 'Hello,\n\nI asked about this on WhatsApp earlier. Our VAT number is not accepted, it says the check failed. You can reach me at +1 202 555 0148 on WhatsApp as well.\n\nBest regards,\nDmitri Volkov',
      },
    ],
  },
  {
    id: 'i08',
    description: 'A colleague writes on WhatsApp and mentions another customer\'s email address ("my colleague anna@..."), then gives their own: the mentioned address is not theirs, so two people.',
    messages: [
      {
        person: 'A',
        channel: 'email',
        sender: { name: 'Anna Kowalska', email: 'anna@acme-studio.example', phone: null },
        subject: 'Automations',
        content: 'Hi,\n\nHow many automation rules can we have on the Team plan?\n\nAnna',
      },
      {
        person: 'B',
        channel: 'whatsapp',
        sender: { name: 'Ben', email: null, phone: '+447700900456' },
        subject: null,
        content: 'hi, my colleague anna@acme-studio.example asked me to follow up on her automations question. my email is ben@acme-studio.example btw',
      },
      {
        person: 'B',
        channel: 'email',
        sender: { name: 'Ben Richter', email: 'ben@acme-studio.example', phone: null },
        subject: 'Automations follow-up',
        content: 'Hello,\n\nI wrote on WhatsApp earlier. Can a rule send a Slack message?\n\nBen',
      },
    ],
  },
]
