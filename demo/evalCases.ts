/**
 * Held-out evaluation cases for the Nimbus Tasks support agent. Written from the knowledge base
 * (articles.ts) and the escalation rules in COMPANY.md only, without looking at the agent's
 * decision code or at how it was tuned, so that they measure how the agent behaves on messages
 * it has not been fitted to. Same shape as SAMPLES; `note` explains why a case is tricky.
 *
 * Labelling conventions:
 * - reply(article) when that article genuinely answers the question and no sibling article does
 *   it better; escalate('no_relevant_knowledge') when no article answers what is actually asked.
 * - When several escalation triggers apply, the first in COMPANY.md's order wins:
 *   legal > refund > pricing_negotiation > human_requested > negative_sentiment > no_relevant_knowledge.
 * - A trigger word that is negated, quoted, or used in an ordinary sense is not a trigger.
 * - Notes starting "Calm problem report" mark reports of a problem written calmly: they must not
 *   be treated as angry. Notes starting "Sibling" mark cases written to separate close articles.
 */
import { escalate, mail, reply, wa, web, type Sample } from './samples.js'


export const EVAL_CASES: Sample[] = [
  // ================================================================== answerable, per article
  // ------------------------------------------------------------------ kb-reset-password
  {
    id: 'e001',
    channel: 'email',
    sender: mail('Margaret Ellison', 'm.ellison@ellison-dental.example.com'),
    subject: 'Back from leave and cannot get in',
    content: `Good morning,

I hope this finds you well. I have just come back to the office after six months of maternity leave and, as you can imagine, there is a mountain of things waiting for me. Our practice uses Nimbus Tasks for all the patient recall reminders and the supplier orders, and my colleagues have been keeping it going while I was away.

The problem is that I simply cannot remember what my password was. I have tried the three or four I usually use and none of them work. I sign in with my work address, not with Google or anything like that.

Could you tell me what the procedure is to get a new password? I would rather not bother our practice owner with it.

Kind regards,
Margaret Ellison
Practice Manager, Ellison Dental Care
Tel. 0161 496 0732`,
    expect: reply('kb-reset-password'),
    note: 'Long email; the question (forgotten password, email+password account) is in the middle.',
  },
  {
    id: 'e002',
    channel: 'whatsapp',
    sender: wa('Rafa', '+34612480937'),
    subject: null,
    content: `forgot pw how reset`,
    expect: reply('kb-reset-password'),
  },
  {
    id: 'e003',
    channel: 'web_form',
    sender: web('Dmitri Volkov', 'd.volkov@example.net'),
    subject: 'password more strong',
    content: `Hello. I know my password but I want to put a more strong one because I used the same on other sites. Where in Nimbus I can change it? I dont find it in settings of workspace.`,
    expect: reply('kb-reset-password'),
    note: 'Sibling: changing a known password (Profile > Security > Change password) is in the reset article, not the 2FA article that lives on the same page.',
  },
  {
    id: 'e004',
    channel: 'web_form',
    sender: web('Aisha Bello', 'aisha.bello@example.org', '+2348031552904'),
    subject: 'Link says expired',
    content: `Hi there, I asked for a new password this morning and got the email, but I only clicked the link after lunch and now it says the link has expired. Is there something I'm doing wrong? Thanks for your help.`,
    expect: reply('kb-reset-password'),
    note: 'Calm problem report: the reset link is valid for 60 minutes; request a new one.',
  },
  // ------------------------------------------------------------------ kb-login-troubleshooting
  {
    id: 'e005',
    channel: 'whatsapp',
    sender: wa('Kemal Yildiz', '+905321874410'),
    subject: null,
    content: `it says "No account found for this email" but my boss invited me last week??`,
    expect: reply('kb-login-troubleshooting'),
  },
  {
    id: 'e006',
    channel: 'email',
    sender: mail('Sophie Laurent', 'sophie.laurent@atelier-lumiere.example.com'),
    subject: 'Sign-in paused?',
    content: `Hello,

I was trying to log in on my new laptop and I think I typed my password wrong a few times because of the French keyboard layout. Now the page says sign-in is paused and I can't even try. I do know my password, I don't need a new one. How long do I have to wait, and is there another way to get in quickly? I have a client presentation at 3.

Merci,
Sophie`,
    expect: reply('kb-login-troubleshooting'),
    note: 'Sibling: the lock-out after wrong passwords is in the sign-in troubleshooting article, not the reset article; she explicitly does not need a new password.',
  },
  {
    id: 'e007',
    channel: 'web_form',
    sender: web('Jonas Lindqvist', 'jonas.lindqvist@example.com'),
    subject: 'Login page just reloads',
    content: `Hi, when I enter my email and password and click sign in, the page just reloads and I'm back on the sign-in page. No error message. I'm on Firefox on Windows. Any idea what I can check?`,
    expect: reply('kb-login-troubleshooting'),
    note: 'Calm problem report: blocked cookies.',
  },
  {
    id: 'e008',
    channel: 'whatsapp',
    sender: wa(null, '+27821093366'),
    subject: null,
    content: `when i log in it says your account has been deactivated. what do i do`,
    expect: reply('kb-login-troubleshooting'),
  },
  // ------------------------------------------------------------------ kb-profile-email
  {
    id: 'e009',
    channel: 'web_form',
    sender: web('Hannah Whitfield', 'hannah.whitfield@example.com'),
    subject: 'New surname',
    content: `Hi! I got married last month so my surname has changed, and I also have a new email address with my new name. How do I update the name that shows on my tasks, and move my login over to the new email?`,
    expect: reply('kb-profile-email'),
  },
  {
    id: 'e010',
    channel: 'whatsapp',
    sender: wa('Tiago', '+351912604418'),
    subject: null,
    content: `since i moved to lisbon all my reminders come 1 hour too early. how fix`,
    expect: reply('kb-profile-email'),
    note: 'Never says "time zone": reminders follow the profile time zone (Profile > Preferences > Time zone).',
  },
  {
    id: 'e011',
    channel: 'email',
    sender: mail('Ravi Menon', 'ravi.menon@brightloop.example.net'),
    subject: 'No Change email button',
    content: `Hi Nimbus support,

Our company moved to a new domain (brightloop.example.net instead of brightloop.example.com) and I want my Nimbus account on the new address. Under Profile > Account there is no "Change email" button at all, although my colleague in another company says she has one. We sign in through Okta.

Where has the button gone?

Thanks,
Ravi`,
    expect: reply('kb-profile-email'),
    note: 'Sibling: mentions Okta, but the question is about the hidden Change email button (email managed by the identity provider), which the profile article explains; not an SSO set-up question.',
  },
  {
    id: 'e012',
    channel: 'whatsapp',
    sender: wa('Mei Ling', '+6591234871'),
    subject: null,
    content: `how i put my photo in profil? now only letters show`,
    expect: reply('kb-profile-email'),
  },
  // ------------------------------------------------------------------ kb-delete-account
  {
    id: 'e013',
    channel: 'email',
    sender: mail('Oliver Grant', 'oliver@grantandhale.example.org'),
    subject: 'Closing down',
    content: `Dear Nimbus team,

After four good years we are winding down our small consultancy at the end of the month. We have used Nimbus Tasks the whole time and it served us well, thank you.

Before we switch everything off I would like to understand how to remove our workspace completely. Does the subscription stop automatically when the workspace is deleted, or do I need to cancel that separately? And what happens to the other three people in the workspace?

Best wishes,
Oliver Grant
Grant & Hale Consulting`,
    expect: reply('kb-delete-account'),
  },
  {
    id: 'e014',
    channel: 'whatsapp',
    sender: wa('Priya S', '+919845012377'),
    subject: null,
    content: `i deleted our workspace by mistake yesterday!! can we get it back?`,
    expect: reply('kb-delete-account'),
    note: 'Sibling: a deleted workspace is restored from the confirmation email link within 30 days (delete-account article), not from the Trash (trash-restore covers tasks and projects).',
  },
  {
    id: 'e015',
    channel: 'web_form',
    sender: web('Marco Bianchi', 'marco.bianchi@example.org'),
    subject: 'Leave old workspace',
    content: `I used to work at an agency that uses Nimbus and I'm still in their workspace. I now freelance and have my own workspace in the same account. How can I get out of the agency's workspace without losing my own account?`,
    expect: reply('kb-delete-account'),
  },
  {
    id: 'e016',
    channel: 'web_form',
    sender: web('Elena Petrova', 'elena.petrova@example.com'),
    subject: 'Delete account says transfer',
    content: `I want to delete my personal account but it tells me I own a workspace. My colleague will keep using that workspace. What do I have to do first?`,
    expect: reply('kb-delete-account'),
  },
  // ------------------------------------------------------------------ kb-gdpr-data-request
  {
    id: 'e017',
    channel: 'email',
    sender: mail('Lena Hoffmann', 'lena.hoffmann@example.net'),
    subject: 'Auskunft / copy of my personal data',
    content: `Hello,

I would like to receive a copy of all personal data that Nimbus Tasks stores about me (Art. 15 GDPR). I use Nimbus in my own small workspace.

Is there a way to request this, and how long does it take?

Regards,
Lena Hoffmann`,
    expect: reply('kb-gdpr-data-request'),
    note: 'Cites GDPR but is a routine data-access request the article answers (Profile > Account > Download my data); no lawyer, no legal action, no compliance question.',
  },
  {
    id: 'e018',
    channel: 'whatsapp',
    sender: wa('Chidi', '+2348029931145'),
    subject: null,
    content: `how do i download everything you have about me? like my personal info and sign in history`,
    expect: reply('kb-gdpr-data-request'),
  },
  {
    id: 'e019',
    channel: 'web_form',
    sender: web('Ingrid Svensson', 'ingrid.svensson@example.net'),
    subject: 'DPA and subprocessors',
    content: `Hi, our procurement team is finishing the vendor onboarding for Nimbus Tasks and asks for your Data Processing Agreement and the list of subprocessors. Where can I download these? I am the owner of our workspace.`,
    expect: reply('kb-gdpr-data-request'),
    note: 'Procurement paperwork, but the article says where the owner downloads the DPA (Settings > Billing > Documents); no negotiation of terms, so not legal.',
  },
  {
    id: 'e020',
    channel: 'web_form',
    sender: web('Tom Hargreaves', 'tom.hargreaves@example.net'),
    subject: 'Erase my data from old employer',
    content: `I left my previous job and I'd like my personal data erased from Nimbus. I was a member of my old employer's workspace. Will deleting my account also remove the tasks I wrote in their projects?`,
    expect: reply('kb-gdpr-data-request'),
    note: 'Sibling: erasure and who owns workspace content (the employer) is in the GDPR article; delete-account also says shared work stays, but the question is framed as a data-erasure request.',
  },
  // ------------------------------------------------------------------ kb-invite-members
  {
    id: 'e021',
    channel: 'whatsapp',
    sender: wa('Bongani', '+27837745120'),
    subject: null,
    content: `how add my coworker to our workspace`,
    expect: reply('kb-invite-members'),
  },
  {
    id: 'e022',
    channel: 'email',
    sender: mail('Claire Dubois', 'claire.dubois@example.net'),
    subject: 'Interns starting Monday',
    content: `Hi team,

Quick one (I hope). We have twelve interns starting on Monday and they all need to be in our Nimbus workspace as normal members so they can create tasks in the campaign projects. I have their addresses in a spreadsheet column. Do I really have to invite them one by one?

Also, one of last month's hires says she never got her invitation email. Is there a way to just send her the link?

Thanks a lot,
Claire
People & Culture`,
    expect: reply('kb-invite-members'),
  },
  {
    id: 'e023',
    channel: 'web_form',
    sender: web('Ahmed Khalil', 'ahmed.khalil@example.com'),
    subject: 'Join without invite',
    content: `Is there a way that anyone with our company email address can join the workspace on their own, without me sending an invite to each person?`,
    expect: reply('kb-invite-members'),
  },
  {
    id: 'e024',
    channel: 'web_form',
    sender: web('Nora Fitzgerald', 'nora@fitzgerald-bakery.example.com'),
    subject: 'Member limit',
    content: `Hello, we are on the free plan with only 3 people in the workspace, but when I try to invite one more it says we reached the limit. I did send a couple of invitations to people who never joined. Could that be it?`,
    expect: reply('kb-invite-members'),
    note: 'Calm problem report: pending invitations count towards the Free plan limit of 5.',
  },
  // ------------------------------------------------------------------ kb-guest-access
  {
    id: 'e025',
    channel: 'web_form',
    sender: web('Daniel Cohen', 'daniel@cohen-web.example.com'),
    subject: 'Client should see their project only',
    content: `We build websites and I'd like our client to follow the progress of their own project in Nimbus, but they must not see our other clients' projects or our internal stuff. What's the right way to set that up?`,
    expect: reply('kb-guest-access'),
    note: 'Sibling: an outside client on one project is guest access, not inviting a member.',
  },
  {
    id: 'e026',
    channel: 'whatsapp',
    sender: wa('Lucia', '+393471552039'),
    subject: null,
    content: `can a freelancer only comment in 1 project and not edit?`,
    expect: reply('kb-guest-access'),
  },
  {
    id: 'e027',
    channel: 'web_form',
    sender: web('Gareth Jones', 'gareth.jones@example.org'),
    subject: 'Contractor finished',
    content: `A contractor who was a guest in two of our projects has finished his contract. How do I take away his access to both, and does it happen straight away?`,
    expect: reply('kb-guest-access'),
  },
  // ------------------------------------------------------------------ kb-two-factor
  {
    id: 'e028',
    channel: 'whatsapp',
    sender: wa('Ana Costa', '+5511987204413'),
    subject: null,
    content: `how turn on 2fa`,
    expect: reply('kb-two-factor'),
  },
  {
    id: 'e029',
    channel: 'email',
    sender: mail('Peter Novak', 'peter.novak@example.net'),
    subject: 'Enforce authenticator for all staff',
    content: `Hello,

After a phishing scare, our security lead wants everybody in the company to use an authenticator app for Nimbus, not just the people who bother to set it up. I'm an admin of the workspace. Can I make it mandatory for the whole team, and what happens to people who haven't set it up yet?

Regards,
Peter Novak
IT, Novak Logistics`,
    expect: reply('kb-two-factor'),
  },
  {
    id: 'e030',
    channel: 'web_form',
    sender: web('Isabel Moreno', 'isabel.moreno@example.net'),
    subject: 'Codes by SMS?',
    content: `Can I receive the two-step login codes by text message instead of installing an app? I'd rather not add another app to my phone.`,
    expect: reply('kb-two-factor'),
    note: 'Looks like a feature request, but the article answers it: SMS codes are not offered, any authenticator app works.',
  },
  {
    id: 'e031',
    channel: 'web_form',
    sender: web('Kwame Mensah', 'kwame.mensah@example.org'),
    subject: 'New backup codes',
    content: `I think I threw away the paper with my backup codes when I cleaned my desk. My phone and the authenticator app still work fine. Can I get a new set of codes?`,
    expect: reply('kb-two-factor'),
    note: 'Sibling: still has the phone, so regenerating recovery codes (two-factor article), not the lost-phone article.',
  },
  // ------------------------------------------------------------------ kb-2fa-lost-phone
  {
    id: 'e032',
    channel: 'whatsapp',
    sender: wa('Jake', '+14155550187'),
    subject: null,
    content: `got a new phone, authenticator app is empty now and nimbus keeps asking for the 6 digit code. help`,
    expect: reply('kb-2fa-lost-phone'),
  },
  {
    id: 'e033',
    channel: 'email',
    sender: mail('Fiona MacLeod', 'fiona.macleod@example.org'),
    subject: 'Phone stolen',
    content: `Hi,

My phone was stolen on the train yesterday (police report done, new phone ordered). Of course my authenticator app was on it. I think I printed the recovery codes when I set things up and they should be in my desk drawer at home.

How do I use them, and how do I get the authenticator working on the new phone when it arrives?

Thanks,
Fiona`,
    expect: reply('kb-2fa-lost-phone'),
  },
  {
    id: 'e034',
    channel: 'web_form',
    sender: web('Hiroshi Tanaka', 'h.tanaka@example.net'),
    subject: 'Only owner, no codes',
    content: `I am the only owner of our workspace. My phone broke and I never saved the recovery codes. There is no other admin. How can I get back in?`,
    expect: reply('kb-2fa-lost-phone'),
  },
  {
    id: 'e035',
    channel: 'web_form',
    sender: web('Sarah Nguyen', 'sarah.nguyen@example.com'),
    subject: 'Moving to a new iPhone',
    content: `I'm getting a new iPhone next week. My old phone still works. What's the right order of steps so I don't lose access to my two-factor codes when I switch?`,
    expect: reply('kb-2fa-lost-phone'),
    note: 'Sibling: replacing a phone is covered by the lost/replaced phone article (set up the new one before wiping the old one).',
  },
  // ------------------------------------------------------------------ kb-roles-permissions
  {
    id: 'e036',
    channel: 'web_form',
    sender: web('Laura Schmidt', 'laura.schmidt@example.net'),
    subject: 'Make colleague admin',
    content: `How do I make my colleague an admin so she can help me manage the workspace settings?`,
    expect: reply('kb-roles-permissions'),
  },
  {
    id: 'e037',
    channel: 'email',
    sender: mail('Victor Alves', 'victor.alves@example.net'),
    subject: 'Accountant and invoices',
    content: `Hello,

Our bookkeeper, Rita, is an admin in our workspace. She needs to see our invoices and update the card when it expires, but I am the owner and I don't want to give the ownership away. Is there something in between?

Obrigado,
Victor`,
    expect: reply('kb-roles-permissions'),
    note: 'Sibling: granting "Billing access" to an admin is explained in the roles article; the invoices article only says who can see invoices.',
  },
  {
    id: 'e038',
    channel: 'whatsapp',
    sender: wa('Zara', '+447700900812'),
    subject: null,
    content: `how make a project private so only me and 2 others see it`,
    expect: reply('kb-roles-permissions'),
  },
  {
    id: 'e039',
    channel: 'web_form',
    sender: web('Benedikt Maier', 'b.maier@example.net', '+4367612093341'),
    subject: 'Hand over the workspace',
    content: `I'm moving to another department and my colleague Julia will run our team's workspace from now on. How do I make her the owner instead of me?`,
    expect: reply('kb-roles-permissions'),
  },
  // ------------------------------------------------------------------ kb-sso-saml
  {
    id: 'e040',
    channel: 'email',
    sender: mail('Mark Thompson', 'mark.thompson@northwind-it.example.com'),
    subject: 'SAML with Okta',
    content: `Hi,

I'm the IT admin at Northwind and we are rolling out SSO for all our SaaS apps this quarter. Nimbus Tasks is next on the list; we're on Enterprise and use Okta.

What exactly do I need to put into Okta (ACS URL, entity ID?) and where do I find them on the Nimbus side? And can I test it before forcing everybody over?

Cheers,
Mark Thompson
Systems Administrator`,
    expect: reply('kb-sso-saml'),
  },
  {
    id: 'e041',
    channel: 'web_form',
    sender: web('Yuki Sato', 'yuki.sato@example.net'),
    subject: 'Domain verification for SSO',
    content: `We are setting up single sign-on with Microsoft Entra ID. The SSO page asks us to verify our domain. What do we need to add to DNS?`,
    expect: reply('kb-sso-saml'),
  },
  {
    id: 'e042',
    channel: 'whatsapp',
    sender: wa('Ben (IT)', '+61412884903'),
    subject: null,
    content: `if our okta goes down after we turn on saml, is the whole workspace locked out?`,
    expect: reply('kb-sso-saml'),
  },
  // ------------------------------------------------------------------ kb-audit-log
  {
    id: 'e043',
    channel: 'web_form',
    sender: web('Natalie Brooks', 'natalie.brooks@example.com'),
    subject: 'Who deleted the project?',
    content: `One of our projects was deleted last Thursday and nobody admits doing it. We're on Enterprise and I'm an admin. Is there a way to see who deleted it and when?`,
    expect: reply('kb-audit-log'),
    note: 'Sibling: asks who did it (audit log), not how to restore it (trash).',
  },
  {
    id: 'e044',
    channel: 'email',
    sender: mail('Stefan Kowalski', 'stefan.kowalski@example.net'),
    subject: 'Quarterly access review',
    content: `Good afternoon,

Every quarter our ISO auditor asks us for a list of all role and permission changes and all members removed in the period. Last quarter I collected it by hand, which took a day.

Can I get this out of Nimbus as a file?

Kind regards,
Stefan Kowalski
Information Security`,
    expect: reply('kb-audit-log'),
    note: 'Mentions an auditor but asks a how-to (Export CSV from the audit log); not a legal or compliance question to escalate.',
  },
  {
    id: 'e045',
    channel: 'whatsapp',
    sender: wa(null, '+4915112093847'),
    subject: null,
    content: `how long are audit log entries kept? can admins delete them?`,
    expect: reply('kb-audit-log'),
  },
  // ------------------------------------------------------------------ kb-boards-lists
  {
    id: 'e046',
    channel: 'whatsapp',
    sender: wa('Kasia', '+48501234998'),
    subject: null,
    content: `how to switch from list to kanban cards`,
    expect: reply('kb-boards-lists'),
  },
  {
    id: 'e047',
    channel: 'web_form',
    sender: web('Liam O\'Connor', 'liam.oconnor@example.net'),
    subject: 'Too much in progress',
    content: `Our "In progress" column always ends up with 20 cards in it. Can I put a maximum on how many cards are allowed in one column?`,
    expect: reply('kb-boards-lists'),
  },
  {
    id: 'e048',
    channel: 'email',
    sender: mail('Greta Lindholm', 'greta.lindholm@example.net'),
    subject: 'Default view for the team',
    content: `Hi,

I'm project admin for our content project. Whenever someone new opens it they land in the list, but the way we work is the board. Can I make the board what everyone sees when they open the project?

Thanks,
Greta`,
    expect: reply('kb-boards-lists'),
  },
  {
    id: 'e049',
    channel: 'web_form',
    sender: web('Pham Van Duc', 'pham.duc@example.net'),
    subject: 'column due date not show',
    content: `in list view i want see the column of due date and assignee but they are hidden. how i show them?`,
    expect: reply('kb-boards-lists'),
  },
  // ------------------------------------------------------------------ kb-timeline-gantt
  {
    id: 'e050',
    channel: 'web_form',
    sender: web('Rebecca Hall', 'rebecca.hall@example.com'),
    subject: 'Tasks missing from timeline',
    content: `Hi, about half the tasks in our launch project don't appear on the timeline at all, even though they have due dates. The others show up fine as bars. Am I missing a setting?`,
    expect: reply('kb-timeline-gantt'),
    note: 'Calm problem report: timeline bars need a start date and a due date; the rest sit in the Unscheduled panel.',
  },
  {
    id: 'e051',
    channel: 'whatsapp',
    sender: wa('Omar', '+201001928374'),
    subject: null,
    content: `how do i add a milestone diamond on the gantt`,
    expect: reply('kb-timeline-gantt'),
  },
  {
    id: 'e052',
    channel: 'email',
    sender: mail('Charles Whitmore', 'c.whitmore@whitmore-build.example.org'),
    subject: 'Plan for the board meeting',
    content: `Hello,

Our board of directors meets on Friday and wants to see the construction schedule as a picture of the bars over time, the way I see it on my screen in Nimbus. Not a spreadsheet, they won't read a spreadsheet. Most of them don't have Nimbus accounts.

How can I get the plan out as a PDF?

Best regards,
Charles Whitmore`,
    expect: reply('kb-timeline-gantt'),
    note: 'Sibling: "get the plan out as a PDF" is the timeline Export image, not the CSV/JSON export article.',
  },
  {
    id: 'e053',
    channel: 'web_form',
    sender: web('Anders Berg', 'anders.berg@example.net'),
    subject: 'Zoom out',
    content: `On the timeline I only see a few weeks at once. Our programme runs for 18 months. Can I zoom out to see quarters?`,
    expect: reply('kb-timeline-gantt'),
  },
  // ------------------------------------------------------------------ kb-calendar-view
  {
    id: 'e054',
    channel: 'web_form',
    sender: web('Emily Carter', 'emily.carter@example.com'),
    subject: 'Tasks in Outlook',
    content: `I'd love to see my Nimbus due dates in my Outlook calendar next to my meetings. I only need to see them there, I don't need to change them from Outlook. Is that possible?`,
    expect: reply('kb-calendar-view'),
    note: 'Sibling: a read-only feed into another calendar app is the iCal subscription in the calendar-view article; the Google Calendar integration is only for Google.',
  },
  {
    id: 'e055',
    channel: 'whatsapp',
    sender: wa('Yosef', '+972541234567'),
    subject: null,
    content: `calendar week starts on sunday, i want monday`,
    expect: reply('kb-calendar-view'),
  },
  {
    id: 'e056',
    channel: 'email',
    sender: mail('Martina Rossi', 'martina.rossi@example.net'),
    subject: 'Calendar subscription slow to update',
    content: `Buongiorno,

I subscribed to our project calendar with the iCal link in my Apple Calendar a few weeks ago. It works, but when I change a due date in Nimbus it only shows up in my Apple Calendar hours later. Is this normal, or did I set it up wrong?

Grazie,
Martina`,
    expect: reply('kb-calendar-view'),
    note: 'Calm problem report: the calendar app decides how often it refreshes the read-only feed.',
  },
  {
    id: 'e057',
    channel: 'web_form',
    sender: web('Noah Fischer', 'noah.fischer@example.net'),
    subject: 'Weekends',
    content: `We never work weekends. Can the calendar just show Monday to Friday so there's more room?`,
    expect: reply('kb-calendar-view'),
  },
  // ------------------------------------------------------------------ kb-custom-fields
  {
    id: 'e058',
    channel: 'web_form',
    sender: web('Sandra Ruiz', 'sandra.ruiz@example.net'),
    subject: 'Budget per task',
    content: `Each task in our events project has a budget. Can I add a place on every task to enter an amount of money, and then sort by it?`,
    expect: reply('kb-custom-fields'),
  },
  {
    id: 'e059',
    channel: 'whatsapp',
    sender: wa('Arjun', '+919810044521'),
    subject: null,
    content: `can i add a dropdown "priority" high/med/low to tasks?`,
    expect: reply('kb-custom-fields'),
  },
  {
    id: 'e060',
    channel: 'email',
    sender: mail('Julia Wagner', 'julia.wagner@example.net'),
    subject: 'Same field in many projects',
    content: `Hello Nimbus team,

We have a "Client" field with the same list of twelve clients, and we need it in 15 different projects. So far I have been creating it again in every project, which is tedious and the lists are starting to differ.

Is there a way to define it once and reuse it?

Best,
Julia`,
    expect: reply('kb-custom-fields'),
  },
  {
    id: 'e061',
    channel: 'web_form',
    sender: web('Tobias Keller', 'tobias.keller@example.net'),
    subject: 'Client on every task',
    content: `We want every task to say which client it belongs to, chosen from a fixed list, and it should be filled in on all tasks. A colleague suggested labels but I'm not sure that's right. What would you recommend?`,
    expect: reply('kb-custom-fields'),
    note: 'Sibling: fixed options filled on every task is custom fields; the labels article itself says so.',
  },
  {
    id: 'e062',
    channel: 'web_form',
    sender: web('Meera Pillai', 'meera.pillai@example.net'),
    subject: 'Discount column on deals',
    content: `Our sales team tracks deals as tasks. I want to add a currency field called "Discount" to each deal task so we can see what was given, plus a "Deal value" field. How do I add those?`,
    expect: reply('kb-custom-fields'),
    note: 'Trigger word in an ordinary sense: "Discount" is the name of a field, not a request for a discount.',
  },
  // ------------------------------------------------------------------ kb-automations
  {
    id: 'e063',
    channel: 'web_form',
    sender: web('Chris Evans', 'chris.evans@example.com'),
    subject: 'Auto complete',
    content: `When someone drags a card to the Done column, can Nimbus automatically tick it as complete and let me know?`,
    expect: reply('kb-automations'),
  },
  {
    id: 'e064',
    channel: 'email',
    sender: mail('Alessandra Conti', 'alessandra.conti@example.net'),
    subject: 'Rules stopped after colleague left',
    content: `Hi,

Since our colleague Priya left the company last week, none of the rules she created in the support project run any more. The tasks just sit in "New". I'm an admin.

Is there a way to get them working again without rebuilding them all?

Thanks,
Alessandra`,
    expect: reply('kb-automations'),
    note: 'Calm problem report: rules pause when their creator leaves; an admin can use "Change owner".',
  },
  {
    id: 'e065',
    channel: 'whatsapp',
    sender: wa('Sven', '+46701234556'),
    subject: null,
    content: `how many automation rules can we have on team plan?`,
    expect: reply('kb-automations'),
  },
  // ------------------------------------------------------------------ kb-templates
  {
    id: 'e066',
    channel: 'web_form',
    sender: web('Jessica Lee', 'jessica.lee@example.com'),
    subject: 'Same project for every client',
    content: `Every time we sign a new client we build the same onboarding project by hand: same sections, same 30 tasks, same people. Can I save one and reuse it for each client?`,
    expect: reply('kb-templates'),
  },
  {
    id: 'e067',
    channel: 'whatsapp',
    sender: wa('Mateo', '+5491123456789'),
    subject: null,
    content: `is there a way to have a bug report task that always has the same fields and description`,
    expect: reply('kb-templates'),
    note: 'Task templates ("Create task template" next to New task).',
  },
  {
    id: 'e068',
    channel: 'email',
    sender: mail('Ruth Abernathy', 'ruth.abernathy@example.org'),
    subject: 'Template dates',
    content: `Dear support,

We saved our annual conference project as a template. When I use it for next year's conference, will all the due dates be stuck on last year's dates, or do they move? 

Kind regards,
Ruth Abernathy
Events Coordinator`,
    expect: reply('kb-templates'),
  },
  {
    id: 'e069',
    channel: 'web_form',
    sender: web('Sofia Andersson', 'sofia.andersson@example.net'),
    subject: 'Law firm matter template',
    content: `We're a small law practice. Every new client matter gets the same project: intake, conflict check, engagement letter, and so on. Our attorneys would like to start each new matter from a ready-made project. How do we set that up?`,
    expect: reply('kb-templates'),
    note: 'Trigger words in an ordinary sense: the customer is a law practice describing its workflow ("attorneys"), not raising a legal matter.',
  },
  // ------------------------------------------------------------------ kb-time-tracking
  {
    id: 'e070',
    channel: 'web_form',
    sender: web('Patrick Doyle', 'patrick.doyle@example.net'),
    subject: 'Forgot the timer',
    content: `I worked three hours on a task yesterday but forgot to start the timer. Can I add that time afterwards?`,
    expect: reply('kb-time-tracking'),
  },
  {
    id: 'e071',
    channel: 'email',
    sender: mail('Camille Roux', 'camille@roux-studio.example.net'),
    subject: 'Billable hours report',
    content: `Hello,

I'm a freelance designer and I bill my clients by the hour. I've been tracking my time in Nimbus for a month. At the end of the month I need the billable hours per client, so I can prepare invoices in my accounting program.

How do I get that out of Nimbus?

Merci beaucoup,
Camille Roux`,
    expect: reply('kb-time-tracking'),
    note: 'Sibling: a time report export (Reports > Time tracking > Export CSV), not the project export article.',
  },
  {
    id: 'e072',
    channel: 'whatsapp',
    sender: wa('Lwazi', '+27761230045'),
    subject: null,
    content: `does the timer keep running if i close the tab?`,
    expect: reply('kb-time-tracking'),
  },
  // ------------------------------------------------------------------ kb-dependencies
  {
    id: 'e073',
    channel: 'web_form',
    sender: web('Ivan Horvat', 'ivan.horvat@example.net'),
    subject: 'Task must wait',
    content: `The "Install software" task can't start until "Deliver laptops" is done. How do I show that link between the two tasks?`,
    expect: reply('kb-dependencies'),
  },
  {
    id: 'e074',
    channel: 'whatsapp',
    sender: wa('Nadia', '+212612345678'),
    subject: null,
    content: `what does the orange Blocked badge on my task mean?`,
    expect: reply('kb-dependencies'),
  },
  {
    id: 'e075',
    channel: 'email',
    sender: mail('George Papadopoulos', 'g.papadopoulos@example.net'),
    subject: 'Moving one task should move the rest',
    content: `Hello,

When a supplier delivery slips by a week, I drag that task a week later on the timeline. But all the tasks that wait for it stay where they were and I have to move them one by one. Can the tasks that wait for it move along automatically?

Thank you,
George`,
    expect: reply('kb-dependencies'),
    note: 'Sibling: happens on the timeline, but "Shift dependent tasks" is documented in the dependencies article.',
  },
  {
    id: 'e076',
    channel: 'web_form',
    sender: web('Hana Novakova', 'hana.novakova@example.net'),
    subject: 'Circular error',
    content: `When I try to say task A is blocked by task B, Nimbus says it would create a circular dependency and refuses. What does that mean?`,
    expect: reply('kb-dependencies'),
  },
  // ------------------------------------------------------------------ kb-mobile-app
  {
    id: 'e077',
    channel: 'whatsapp',
    sender: wa('Emeka', '+2348051239987'),
    subject: null,
    content: `is there android app? my phone is android 9`,
    expect: reply('kb-mobile-app'),
    note: 'The app needs Android 10 or later.',
  },
  {
    id: 'e078',
    channel: 'web_form',
    sender: web('Lisa Meyer', 'lisa.meyer@example.net'),
    subject: 'Photos on site',
    content: `Our technicians are out on building sites. Can they take a photo on their phone and put it straight on the task, without emailing it to themselves first?`,
    expect: reply('kb-mobile-app'),
  },
  {
    id: 'e079',
    channel: 'email',
    sender: mail('Aiden Murphy', 'aiden.murphy@example.com'),
    subject: 'Widget?',
    content: `Hey folks,

Love the app. Is there any way to see what's due today right on my phone's home screen, without opening the app every morning?

Aiden`,
    expect: reply('kb-mobile-app'),
  },
  // ------------------------------------------------------------------ kb-offline-mode
  {
    id: 'e080',
    channel: 'whatsapp',
    sender: wa('Ines', '+33612093374'),
    subject: null,
    content: `flying to montreal tomorrow, no wifi on the plane. can i still work on my tasks in the app?`,
    expect: reply('kb-offline-mode'),
  },
  {
    id: 'e081',
    channel: 'web_form',
    sender: web('Jan de Vries', 'jan.devries@example.net'),
    subject: 'Who wins?',
    content: `If I edit a task on my phone in the metro without signal, and my colleague changes the same task on her laptop at the same time, whose version is kept when I'm back online?`,
    expect: reply('kb-offline-mode'),
  },
  {
    id: 'e082',
    channel: 'email',
    sender: mail('Beatriz Santos', 'beatriz.santos@example.net'),
    subject: 'Banner "You are offline"',
    content: `Hello,

In the browser version, sometimes on the hotel Wi-Fi a banner appears saying "You are offline" and I cannot edit anything. Can I make the web version work offline like the phone app does?

Thanks,
Beatriz`,
    expect: reply('kb-offline-mode'),
    note: 'Sibling: the web app needs a connection (offline article), not a sync problem.',
  },
  // ------------------------------------------------------------------ kb-dark-mode
  {
    id: 'e083',
    channel: 'whatsapp',
    sender: wa('Kenji', '+819012349876'),
    subject: null,
    content: `dark mode pls how`,
    expect: reply('kb-dark-mode'),
  },
  {
    id: 'e084',
    channel: 'web_form',
    sender: web('Barbara Klein', 'barbara.klein@example.net'),
    subject: 'Sidebar hard to read',
    content: `I find the new sidebar a bit hard to read, the grey text is very light on my screen. Is there any setting that makes the text stand out more?`,
    expect: reply('kb-dark-mode'),
    note: 'Calm problem report: mild feedback, not a complaint; the High contrast theme makes text and borders easier to read.',
  },
  {
    id: 'e085',
    channel: 'email',
    sender: mail('Henrik Dahl', 'henrik.dahl@example.net'),
    subject: 'More tasks on screen',
    content: `Hi,

I have a small laptop screen and there's a lot of empty space around each task. Is there a way to squeeze more tasks onto the screen? It's just for me, my colleagues are happy as it is.

Best regards,
Henrik`,
    expect: reply('kb-dark-mode'),
    note: 'Never says "display settings": the Compact density, which is per device and per person.',
  },
  {
    id: 'e086',
    channel: 'web_form',
    sender: web('Olivia Bennett', 'olivia.bennett@example.com'),
    subject: 'Animations',
    content: `The sliding animations when I open tasks make me feel a bit dizzy. Can I switch them off?`,
    expect: reply('kb-dark-mode'),
  },
  // ------------------------------------------------------------------ kb-keyboard-shortcuts
  {
    id: 'e087',
    channel: 'web_form',
    sender: web('Maxime Girard', 'maxime.girard@example.net'),
    subject: 'Keyboard only',
    content: `I hate reaching for the mouse. Is there a key combination to mark the selected task as done, and one to jump to search?`,
    expect: reply('kb-keyboard-shortcuts'),
  },
  {
    id: 'e088',
    channel: 'whatsapp',
    sender: wa('Wiktor', '+48600123789'),
    subject: null,
    content: `can i change the shortcut keys? N clashes with my keyboard tool`,
    expect: reply('kb-keyboard-shortcuts'),
  },
  {
    id: 'e089',
    channel: 'email',
    sender: mail('Gloria Mendez', 'gloria.mendez@example.org'),
    subject: 'Screen reader and single keys',
    content: `Hello,

I am blind and use a screen reader. When I navigate Nimbus, single key presses sometimes trigger actions in Nimbus instead of my screen reader's commands. Is there a way to stop that?

Thank you,
Gloria Mendez`,
    expect: reply('kb-keyboard-shortcuts'),
  },
  // ------------------------------------------------------------------ kb-attachments-storage
  {
    id: 'e090',
    channel: 'whatsapp',
    sender: wa('Dario', '+393358812204'),
    subject: null,
    content: `how much storage do we get on team plan? and biggest file size?`,
    expect: reply('kb-attachments-storage'),
    note: 'Sibling: the limits are in both the storage and the plans article; a question only about storage limits belongs to the storage article.',
  },
  {
    id: 'e091',
    channel: 'web_form',
    sender: web('Rachel Green', 'rachel.green@example.com'),
    subject: 'Old version of a file',
    content: `I uploaded a new version of the contract draft to the task. Can I still get to the previous version, or is it overwritten?`,
    expect: reply('kb-attachments-storage'),
  },
  {
    id: 'e092',
    channel: 'email',
    sender: mail('Simon Clarke', 'simon.clarke@example.org'),
    subject: 'Google Drive files',
    content: `Hi there,

Most of our design files live in Google Drive and they're huge. Instead of uploading copies into Nimbus, can we just link the Drive files to tasks? And would those count against our storage?

Cheers,
Simon`,
    expect: reply('kb-attachments-storage'),
  },
  // ------------------------------------------------------------------ kb-recurring-tasks
  {
    id: 'e093',
    channel: 'whatsapp',
    sender: wa('Fatima', '+971501234567'),
    subject: null,
    content: `weekly report task every monday, how do i make it repeat`,
    expect: reply('kb-recurring-tasks'),
  },
  {
    id: 'e094',
    channel: 'web_form',
    sender: web('Howard Finch', 'howard.finch@example.com'),
    subject: 'Last working day',
    content: `Payroll has to be checked on the last working day of every month. Can a task come back automatically on that day each month?`,
    expect: reply('kb-recurring-tasks'),
  },
  {
    id: 'e095',
    channel: 'email',
    sender: mail('Agnieszka Wojcik', 'agnieszka.wojcik@example.net'),
    subject: 'Stop repeating',
    content: `Dzien dobry,

we had a daily stand-up task that repeats every day, but the project has finished. Every time I complete it a new one appears. How do I stop it for good?

Pozdrawiam,
Agnieszka`,
    expect: reply('kb-recurring-tasks'),
    note: 'Sibling: stopping a repeating task, not deleting (trash) it.',
  },
  {
    id: 'e096',
    channel: 'web_form',
    sender: web('Nicole Dupont', 'nicole.dupont@example.net'),
    subject: 'Weekly review task',
    content: `Our customer service team has a project called "Refund requests" where they log every request they handle. I want a task that reminds the team lead to review that project every Friday. How do I create a task that repeats weekly?`,
    expect: reply('kb-recurring-tasks'),
    note: 'Trigger word in an ordinary sense: "Refund requests" is a project name; the customer asks nothing about a refund from Nimbus.',
  },
  // ------------------------------------------------------------------ kb-subtasks
  {
    id: 'e097',
    channel: 'web_form',
    sender: web('Marcus Johnson', 'marcus.johnson@example.com'),
    subject: 'Splitting a big task',
    content: `"Launch new website" is one huge task. I want to split it into smaller pieces that each have their own owner and due date, but still see them under the main task. How?`,
    expect: reply('kb-subtasks'),
    note: 'Sibling: pieces under a parent are subtasks, not dependencies.',
  },
  {
    id: 'e098',
    channel: 'whatsapp',
    sender: wa('Leonie', '+4917623451122'),
    subject: null,
    content: `can i make a simple checklist inside a task? just tick boxes`,
    expect: reply('kb-subtasks'),
  },
  {
    id: 'e099',
    channel: 'email',
    sender: mail('Derek Simmons', 'derek.simmons@example.com'),
    subject: 'Subtasks not in list',
    content: `Hello,

In the list view I only see the top-level tasks. I'd like each subtask to show as its own row so I can sort everything by due date. Is that possible?

Thanks,
Derek`,
    expect: reply('kb-subtasks'),
  },
  {
    id: 'e100',
    channel: 'web_form',
    sender: web('Aylin Demir', 'aylin.demir@example.com'),
    subject: 'Subtask should be a task',
    content: `A subtask grew into a big piece of work. Can I turn it into a normal task of its own?`,
    expect: reply('kb-subtasks'),
  },
  // ------------------------------------------------------------------ kb-labels
  {
    id: 'e101',
    channel: 'whatsapp',
    sender: wa('Carlos', '+525512349087'),
    subject: null,
    content: `how do i tag tasks as urgent with a red tag`,
    expect: reply('kb-labels'),
  },
  {
    id: 'e102',
    channel: 'web_form',
    sender: web('Eva Horvath', 'eva.horvath@example.net'),
    subject: 'Duplicate tags',
    content: `Over time we ended up with both "bug" and "Bug" and "bugs" as tags in the workspace. Can I combine them into one without retagging hundreds of tasks?`,
    expect: reply('kb-labels'),
  },
  {
    id: 'e103',
    channel: 'email',
    sender: mail('Thomas Becker', 'thomas.becker@example.net'),
    subject: 'Rename label',
    content: `Hi,

Our client "Acme GmbH" renamed itself to "Acme Solutions". We have a label "Acme GmbH" on about 200 tasks. If I rename the label, does it change on all those tasks?

Danke,
Thomas`,
    expect: reply('kb-labels'),
  },
  // ------------------------------------------------------------------ kb-search-filters
  {
    id: 'e104',
    channel: 'web_form',
    sender: web('Grace Kim', 'grace.kim@example.com'),
    subject: 'My tasks this week',
    content: `Is there a quick way to find all my open tasks that are due this week, across every project, in one search?`,
    expect: reply('kb-search-filters'),
  },
  {
    id: 'e105',
    channel: 'whatsapp',
    sender: wa('Pablo', '+34699123008'),
    subject: null,
    content: `search doesnt find a task i completed last month. is it gone??`,
    expect: reply('kb-search-filters'),
    note: 'Calm problem report: completed tasks are hidden from search by default (add is:completed), not deleted.',
  },
  {
    id: 'e106',
    channel: 'email',
    sender: mail('Linda Park', 'linda.park@example.com'),
    subject: 'Does search look in comments?',
    content: `Hello,

I remember a colleague wrote the supplier's phone number in a comment somewhere, but I don't know which task. Does the search also look inside comments and file names, or only task titles?

Regards,
Linda`,
    expect: reply('kb-search-filters'),
  },
  // ------------------------------------------------------------------ kb-notification-settings
  {
    id: 'e107',
    channel: 'email',
    sender: mail('Robert Young', 'robert.young@example.com'),
    subject: 'Inbox flooded',
    content: `Hi,

Since we moved the whole team onto Nimbus I get about 80 emails a day, one for every comment. It's too much. I still want to know what happened, just not in 80 separate emails. What are my options?

Rob`,
    expect: reply('kb-notification-settings'),
    note: 'Sibling: too many notifications is notification settings (Daily summary), not "notifications not arriving".',
  },
  {
    id: 'e108',
    channel: 'whatsapp',
    sender: wa('Aoife', '+353871234567'),
    subject: null,
    content: `phone buzzes with nimbus at 11pm. can i stop push at night but keep it in the day?`,
    expect: reply('kb-notification-settings'),
  },
  {
    id: 'e109',
    channel: 'web_form',
    sender: web('Stefano Greco', 'stefano.greco@example.net'),
    subject: 'One noisy project',
    content: `There's one project with lots of activity that I'm only loosely involved in. Can I stop notifications from that project only, except when someone mentions me?`,
    expect: reply('kb-notification-settings'),
  },
  {
    id: 'e110',
    channel: 'web_form',
    sender: web('Amelia Turner', 'amelia.turner@example.com'),
    subject: 'Notified about a task I commented on',
    content: `I left one comment on a colleague's task weeks ago and I'm still getting notified about every change on it. How can I stop that for just this task?`,
    expect: reply('kb-notification-settings'),
  },
  // ------------------------------------------------------------------ kb-email-to-task
  {
    id: 'e111',
    channel: 'web_form',
    sender: web('Nathan Brooks', 'nathan.brooks@example.com'),
    subject: 'Client emails into tasks',
    content: `Clients email me requests all day. Instead of copying them into Nimbus by hand, can I forward the email so it turns into a task in our requests project, with the attachments?`,
    expect: reply('kb-email-to-task'),
  },
  {
    id: 'e112',
    channel: 'whatsapp',
    sender: wa('Ravi', '+919900112233'),
    subject: null,
    content: `where is the email address to send tasks to my own my tasks list`,
    expect: reply('kb-email-to-task'),
  },
  {
    id: 'e113',
    channel: 'email',
    sender: mail('Karen Holt', 'karen.holt.home@example.net'),
    subject: 'Forwarded email did not become a task',
    content: `Hello,

I copied the project's email address and forwarded an email to it from my personal address this morning, but nothing has shown up in the project. My work address is the one on my Nimbus account. Did I do something wrong?

Thanks,
Karen`,
    expect: reply('kb-email-to-task'),
    note: 'Calm problem report: only emails from a workspace member\'s address are accepted.',
  },
  {
    id: 'e114',
    channel: 'web_form',
    sender: web('Matthew Reid', 'matthew.reid@example.com'),
    subject: 'Assign from the subject line',
    content: `When I email a task into the project, can I already assign it to my colleague Sue and add the finance label from the subject line, so I don't have to open Nimbus afterwards?`,
    expect: reply('kb-email-to-task'),
    note: 'Trigger word in an ordinary sense: "Sue" is a colleague\'s name.',
  },
  // ------------------------------------------------------------------ kb-trash-restore
  {
    id: 'e115',
    channel: 'whatsapp',
    sender: wa('Maja', '+38640123456'),
    subject: null,
    content: `deleted a task by accident 10 min ago how to get it back`,
    expect: reply('kb-trash-restore'),
  },
  {
    id: 'e116',
    channel: 'web_form',
    sender: web('Philippe Martin', 'philippe.martin@example.net'),
    subject: 'Archived project',
    content: `Last year we archived a finished project. Now the client is back and we want to work in it again. Where do archived projects go and how do I get it back into the sidebar?`,
    expect: reply('kb-trash-restore'),
  },
  {
    id: 'e117',
    channel: 'email',
    sender: mail('Samantha Cole', 'samantha.cole@example.com'),
    subject: 'Project deleted two weeks ago',
    content: `Hi Nimbus,

A colleague deleted our whole "Brand refresh" project about two weeks ago, thinking it was an old copy. It wasn't. I'm an admin. Is it still possible to bring it back with all its tasks and comments?

Thank you,
Samantha`,
    expect: reply('kb-trash-restore'),
    note: 'Sibling: a deleted project (not a workspace) is restored from the Trash.',
  },
  {
    id: 'e118',
    channel: 'web_form',
    sender: web('Adebayo Okonkwo', 'adebayo.okonkwo@example.com'),
    subject: 'Task deleted in spring',
    content: `I need a task I deleted about two months ago. It's not in the trash anymore. Is there any way to recover it?`,
    expect: reply('kb-trash-restore'),
    note: 'The article answers honestly: after 30 days items are deleted permanently and cannot be recovered.',
  },
  // ------------------------------------------------------------------ kb-export-data
  {
    id: 'e119',
    channel: 'whatsapp',
    sender: wa(null, '+31612345098'),
    subject: null,
    content: `export csv??`,
    expect: reply('kb-export-data'),
  },
  {
    id: 'e120',
    channel: 'email',
    sender: mail('Francesca Moretti', 'francesca.moretti@example.net'),
    subject: 'Tasks into Excel for my manager',
    content: `Hi,

My manager doesn't use Nimbus and wants our whole "Q3 campaigns" project in an Excel spreadsheet for her review, including the tasks we already finished. I need to get the tasks OUT of Nimbus, not in.

How do I do that?

Grazie mille,
Francesca`,
    expect: reply('kb-export-data'),
    note: 'Sibling: spreadsheet + Excel wording, but the direction is out of Nimbus (export), not import; mentions completed tasks (Include completed tasks).',
  },
  {
    id: 'e121',
    channel: 'web_form',
    sender: web('Gordon Blake', 'gordon.blake@example.org'),
    subject: 'Full backup',
    content: `As the workspace owner I'd like to keep an offline backup of every project, including all the files attached to tasks. Is there a way to do this in one go rather than project by project?`,
    expect: reply('kb-export-data'),
  },
  {
    id: 'e122',
    channel: 'web_form',
    sender: web('Chloe Wright', 'chloe.wright@example.com'),
    subject: 'Only some tasks',
    content: `I only want to export the tasks with the label "Client B" from our project, not the whole thing. Can I do that?`,
    expect: reply('kb-export-data'),
  },
  // ------------------------------------------------------------------ kb-import-csv
  {
    id: 'e123',
    channel: 'web_form',
    sender: web('Evan Price', 'evan.price@example.com'),
    subject: 'Google Sheet to Nimbus',
    content: `Our task list lives in a Google Sheet with about 400 rows: task, owner email, due date, status. How do I bring all of that into a Nimbus project?`,
    expect: reply('kb-import-csv'),
    note: 'Sibling: the direction is into Nimbus (import).',
  },
  {
    id: 'e124',
    channel: 'whatsapp',
    sender: wa('Gabi', '+40721123456'),
    subject: null,
    content: `imported the wrong csv file into our project an hour ago. can i undo it?`,
    expect: reply('kb-import-csv'),
  },
  {
    id: 'e125',
    channel: 'email',
    sender: mail('Wilhelm Braun', 'w.braun@example.net'),
    subject: 'Assignees when importing',
    content: `Guten Tag,

we are moving about 3,000 tasks from our old tool. It can give us a CSV. The "owner" column has people's email addresses. Will Nimbus assign the tasks to the right people automatically? Some of them have not joined our workspace yet.

Mit freundlichen Gruessen,
Wilhelm Braun`,
    expect: reply('kb-import-csv'),
  },
  // ------------------------------------------------------------------ kb-import-failures
  {
    id: 'e126',
    channel: 'web_form',
    sender: web('Jurgen Mueller', 'jurgen.mueller@example.net'),
    subject: 'Strange characters after import',
    content: `I imported our task list and now names like "Müller" show as "MÃ¼ller" and "Café" as "CafÃ©". The file looks fine in Excel. What went wrong?`,
    expect: reply('kb-import-failures'),
    note: 'Sibling: a failed or garbled import is the import-failures article, not the import how-to.',
  },
  {
    id: 'e127',
    channel: 'whatsapp',
    sender: wa('Nikos', '+306912345678'),
    subject: null,
    content: `import says too many rows. file has 14k tasks`,
    expect: reply('kb-import-failures'),
  },
  {
    id: 'e128',
    channel: 'email',
    sender: mail('Patricia Walsh', 'patricia.walsh@example.net'),
    subject: 'Some rows missing',
    content: `Hello,

I'm a bit frustrated, to be honest: this is my third attempt at importing our maintenance schedule. The summary says 1,180 tasks were imported but the file has 1,240 rows. I can't tell which ones are missing, and checking them by hand would take all afternoon.

Is there a way to see which rows didn't make it and why?

Thanks for your patience,
Patricia`,
    expect: reply('kb-import-failures'),
    note: 'Polite frustration with a real problem: answer (Download import report), do not treat as angry.',
  },
  {
    id: 'e129',
    channel: 'web_form',
    sender: web('Maria Garcia', 'maria.garcia@example.net'),
    subject: 'fechas vacias',
    content: `hello, after import the due dates are all empty. in my file they are like 31/12/2024. what i need change?`,
    expect: reply('kb-import-failures'),
  },
  // ------------------------------------------------------------------ kb-slack-integration
  {
    id: 'e130',
    channel: 'web_form',
    sender: web('Tyler Scott', 'tyler.scott@example.com'),
    subject: 'Updates in #design',
    content: `Can Nimbus post a message in our #design Slack channel every time a task in the Design project is completed?`,
    expect: reply('kb-slack-integration'),
  },
  {
    id: 'e131',
    channel: 'whatsapp',
    sender: wa('Bianca', '+393201234987'),
    subject: null,
    content: `slack updates from nimbus stopped since our colleague who set it up left the company. how to fix?`,
    expect: reply('kb-slack-integration'),
    note: 'Calm problem report: Slack revokes tokens when the installing user leaves; reconnect.',
  },
  {
    id: 'e132',
    channel: 'email',
    sender: mail('Leah Goldberg', 'leah.goldberg@example.com'),
    subject: 'Tasks from Slack messages',
    content: `Hi team,

A lot of our requests come in as Slack messages. Is there a way to turn a Slack message into a Nimbus task without copying and pasting?

Thanks!
Leah`,
    expect: reply('kb-slack-integration'),
  },
  // ------------------------------------------------------------------ kb-google-calendar
  {
    id: 'e133',
    channel: 'web_form',
    sender: web('Ben Carter', 'ben.carter@example.com'),
    subject: 'Moving events in Google',
    content: `If I connect Google Calendar and then drag one of my task events to another day in Google Calendar, does the due date in Nimbus change too?`,
    expect: reply('kb-google-calendar'),
    note: 'Sibling: two-way sync is the Google Calendar integration, not the read-only iCal feed.',
  },
  {
    id: 'e134',
    channel: 'whatsapp',
    sender: wa('Thandi', '+27731234567'),
    subject: null,
    content: `some of my tasks are not in google calendar, others are. connected it yesterday`,
    expect: reply('kb-google-calendar'),
    note: 'Calm problem report: tasks without a due date do not appear.',
  },
  {
    id: 'e135',
    channel: 'email',
    sender: mail('Jacob Miller', 'jacob.miller@example.com'),
    subject: 'Disconnecting Google Calendar',
    content: `Hello,

I'd like to stop syncing my Nimbus tasks to Google Calendar, it's cluttering my calendar. If I disconnect it, will my tasks in Nimbus be affected in any way?

Thanks,
Jacob`,
    expect: reply('kb-google-calendar'),
  },
  // ------------------------------------------------------------------ kb-microsoft-teams
  {
    id: 'e136',
    channel: 'web_form',
    sender: web('Hans Zimmermann', 'hans.zimmermann@example.net'),
    subject: 'Project as a tab in Teams',
    content: `We live in Microsoft Teams all day. Can I put our Nimbus project inside a Teams channel as a tab, so the team doesn't have to switch apps?`,
    expect: reply('kb-microsoft-teams'),
  },
  {
    id: 'e137',
    channel: 'email',
    sender: mail('Priyanka Rao', 'priyanka.rao@example.net'),
    subject: 'Teams connect asks for approval',
    content: `Hi,

When I click Connect next to Microsoft Teams and sign in, I get a message that the app needs approval before I can use it. I'm the Nimbus admin but not the Microsoft admin at our company. What should I do?

Regards,
Priyanka`,
    expect: reply('kb-microsoft-teams'),
    note: 'Calm problem report: a Microsoft 365 administrator must approve the app in the Teams admin center.',
  },
  {
    id: 'e138',
    channel: 'whatsapp',
    sender: wa('Lukas', '+4369912345678'),
    subject: null,
    content: `can i get my nimbus reminders and mentions as chat messages in ms teams?`,
    expect: reply('kb-microsoft-teams'),
  },
  // ------------------------------------------------------------------ kb-github
  {
    id: 'e139',
    channel: 'web_form',
    sender: web('Sam Patel', 'sam.patel@example.com'),
    subject: 'Show PRs on tasks',
    content: `Our developers want to see which pull requests belong to which task, right inside the task. How do we link GitHub pull requests to Nimbus tasks?`,
    expect: reply('kb-github'),
  },
  {
    id: 'e140',
    channel: 'whatsapp',
    sender: wa('Dev', '+919812345670'),
    subject: null,
    content: `can tasks close automatically when the PR is merged?`,
    expect: reply('kb-github'),
  },
  {
    id: 'e141',
    channel: 'web_form',
    sender: web('Erik Johansson', 'erik.johansson@example.net'),
    subject: 'Human-readable task IDs',
    content: `Do tasks have a short human-readable ID that I can put in a branch name or commit message, so the commit shows up on the task?`,
    expect: reply('kb-github'),
    note: 'Trigger word in an ordinary sense: "human-readable" is not a request for a human.',
  },
  {
    id: 'e142',
    channel: 'email',
    sender: mail('Alice Chen', 'alice.chen@example.com'),
    subject: 'Private repositories',
    content: `Hi,

Before I ask our CTO to install anything: does the GitHub integration work with private repositories, and can we limit which repositories Nimbus can see?

Thanks,
Alice`,
    expect: reply('kb-github'),
  },
  // ------------------------------------------------------------------ kb-zapier
  {
    id: 'e143',
    channel: 'web_form',
    sender: web('Kevin Murphy', 'kevin.murphy@example.net'),
    subject: 'Form responses to tasks',
    content: `We collect equipment requests with a Google Form. Can every new response become a task in Nimbus automatically? We don't have developers.`,
    expect: reply('kb-zapier'),
    note: 'Sibling: no-code connection to another app is Zapier, not the API.',
  },
  {
    id: 'e144',
    channel: 'whatsapp',
    sender: wa('Noemi', '+36301234567'),
    subject: null,
    content: `our zap with nimbus stopped running since monday, nothing changed on our side`,
    expect: reply('kb-zapier'),
    note: 'Calm problem report: reconnect Nimbus Tasks under My apps in Zapier.',
  },
  {
    id: 'e145',
    channel: 'email',
    sender: mail('Ryan Foster', 'ryan.foster@example.com'),
    subject: 'Do we need a Zapier subscription?',
    content: `Hi,

We're on the Team plan. If we want to use Zapier with Nimbus, is that included, or do we need our own Zapier account?

Ryan`,
    expect: reply('kb-zapier'),
  },
  // ------------------------------------------------------------------ kb-api-webhooks
  {
    id: 'e146',
    channel: 'web_form',
    sender: web('Viktor Petrov', 'viktor.petrov@example.com'),
    subject: 'HTTP 429',
    content: `Our sync script that reads tasks through the API has started getting 429 responses when it runs at night. What's the limit and how should we handle it?`,
    expect: reply('kb-api-webhooks'),
  },
  {
    id: 'e147',
    channel: 'email',
    sender: mail('Laura Bianchi', 'laura.bianchi@example.net'),
    subject: 'Webhook authenticity',
    content: `Hello,

We're receiving your webhooks on our endpoint. Our security review asks how we can be sure a delivery actually comes from Nimbus and not from someone who guessed the URL. Is there a signature?

Also, what happens if our server is down for a few minutes?

Thanks,
Laura`,
    expect: reply('kb-api-webhooks'),
  },
  {
    id: 'e148',
    channel: 'whatsapp',
    sender: wa('Ali', '+923001234567'),
    subject: null,
    content: `where do i get an api token`,
    expect: reply('kb-api-webhooks'),
  },
  // ------------------------------------------------------------------ kb-sync-troubleshooting
  {
    id: 'e149',
    channel: 'whatsapp',
    sender: wa('Joao', '+5521998765432'),
    subject: null,
    content: `changes i make on my phone dont show on my laptop. app is updated`,
    expect: reply('kb-sync-troubleshooting'),
    note: 'Calm problem report.',
  },
  {
    id: 'e150',
    channel: 'web_form',
    sender: web('Rosa Jimenez', 'rosa.jimenez@example.net'),
    subject: 'Cloud icon with a 3',
    content: `In the app there's a little cloud at the top with the number 3 next to it, and it has been there all day although I have good Wi-Fi. What does it mean and what should I do?`,
    expect: reply('kb-sync-troubleshooting'),
    note: 'Sibling: the cloud counter is explained in both offline and sync articles; "stuck all day while online" is the sync problem (tap it to retry).',
  },
  {
    id: 'e151',
    channel: 'email',
    sender: mail('Umar Farouk', 'umar.farouk@example.com'),
    subject: 'Android app not updating in the background',
    content: `Hello,

On my Samsung phone the Nimbus app only seems to get new tasks when I open it and pull down. My colleague on iPhone sees new tasks immediately. My phone's clock is set automatically. What else could it be?

Regards,
Umar`,
    expect: reply('kb-sync-troubleshooting'),
    note: 'Calm problem report: Android battery saving; set the app to Unrestricted.',
  },
  // ------------------------------------------------------------------ kb-notifications-not-arriving
  {
    id: 'e152',
    channel: 'whatsapp',
    sender: wa('Elif', '+905551234567'),
    subject: null,
    content: `notifications stopped arriving since yesterday, can you help?`,
    expect: reply('kb-notifications-not-arriving'),
    note: 'Calm problem report, verbatim from the brief.',
  },
  {
    id: 'e153',
    channel: 'web_form',
    sender: web('Andrew Collins', 'andrew.collins@example.com'),
    subject: 'No desktop notifications in Chrome',
    content: `I ticked "desktop" for mentions and assignments in my notification settings, but nothing ever pops up on my computer. I'm using Chrome. What am I missing?`,
    expect: reply('kb-notifications-not-arriving'),
    note: 'Sibling: settings are already on and notifications still do not reach him, so not-arriving (browser permission), not notification settings.',
  },
  {
    id: 'e154',
    channel: 'email',
    sender: mail('Monika Schulz', 'monika.schulz@example.net'),
    subject: 'No Nimbus emails at work',
    content: `Dear support,

Since last week none of my colleagues at our company receive Nimbus email notifications any more. I checked the spam folder and my settings. My personal account on Gmail receives them fine. Our IT department asks what they should look for.

Best regards,
Monika Schulz`,
    expect: reply('kb-notifications-not-arriving'),
    note: 'Calm problem report: company mail filter; IT can allow notifications@nimbustasks.example.',
  },
  {
    id: 'e155',
    channel: 'web_form',
    sender: web('Isaac Levi', 'isaac.levi@example.com'),
    subject: 'Not notified about comments',
    content: `I'm not getting notified when people comment on some tasks in our project, even though notifications are on. Others in the team do get them. Why would that be?`,
    expect: reply('kb-notifications-not-arriving'),
    note: 'Comment notifications only arrive for tasks you follow (stated in the not-arriving article).',
  },
  // ------------------------------------------------------------------ kb-slow-loading
  {
    id: 'e156',
    channel: 'web_form',
    sender: web('Teresa Lopez', 'teresa.lopez@example.com'),
    subject: 'Big project slow',
    content: `Our maintenance project has about 6,000 tasks and it takes almost a minute to open, especially in the timeline. Other projects are fine. Is there anything we can do?`,
    expect: reply('kb-slow-loading'),
    note: 'Calm problem report.',
  },
  {
    id: 'e157',
    channel: 'email',
    sender: mail('Dominik Wolf', 'dominik.wolf@example.net'),
    subject: 'Slow in my browser only',
    content: `Hi,

Funny thing: Nimbus is really sluggish in my normal browser window, but when I open a private window it's quick. Same laptop, same network. Any idea?

Dominik`,
    expect: reply('kb-slow-loading'),
  },
  {
    id: 'e158',
    channel: 'whatsapp',
    sender: wa('Wei', '+8613812345678'),
    subject: null,
    content: `nimbus very slow when im on the office vpn, fine at home`,
    expect: reply('kb-slow-loading'),
  },
  // ------------------------------------------------------------------ kb-attachment-upload-failing
  {
    id: 'e159',
    channel: 'whatsapp',
    sender: wa('Tomás', '+56912345678'),
    subject: null,
    content: `upload stuck at 0% every time i add a pdf`,
    expect: reply('kb-attachment-upload-failing'),
  },
  {
    id: 'e160',
    channel: 'web_form',
    sender: web('Craig Wilson', 'craig.wilson@example.com'),
    subject: 'File type not allowed',
    content: `I'm trying to attach our installer (setup.exe) to a task so the testers can grab it, but Nimbus says the file type is not allowed. How can I share it?`,
    expect: reply('kb-attachment-upload-failing'),
  },
  {
    id: 'e161',
    channel: 'email',
    sender: mail('Valentina Ricci', 'valentina.ricci@example.net'),
    subject: 'Video will not upload',
    content: `Hello,

We're on the Team plan. I'm trying to attach a 300 MB product video to a task and it fails with "File too large". I thought Team had bigger limits?

Thank you,
Valentina`,
    expect: reply('kb-attachment-upload-failing'),
    note: 'Sibling: an upload error message (File too large, limit 250 MB on Team) belongs to upload-failing rather than the general storage article.',
  },
  {
    id: 'e162',
    channel: 'web_form',
    sender: web('Hugo Lefebvre', 'hugo.lefebvre@example.net'),
    subject: 'iPhone cannot choose photos',
    content: `In the iPhone app, when I tap to attach a photo, I can't see my photo library at all. On the web it works. What do I need to change?`,
    expect: reply('kb-attachment-upload-failing'),
    note: 'Calm problem report: Settings > Nimbus Tasks > Photos.',
  },
  // ------------------------------------------------------------------ kb-browser-support
  {
    id: 'e163',
    channel: 'web_form',
    sender: web('Doris Baker', 'doris.baker@example.com'),
    subject: 'Yellow banner',
    content: `There's a yellow bar at the top of the page saying my browser is not supported. Everything seems to work. Should I be worried and how do I get rid of it?`,
    expect: reply('kb-browser-support'),
    note: 'Calm problem report.',
  },
  {
    id: 'e164',
    channel: 'whatsapp',
    sender: wa('Mr. Okoye', '+2348123456789'),
    subject: null,
    content: `does nimbus work on internet explorer? our office pcs only have that`,
    expect: reply('kb-browser-support'),
  },
  {
    id: 'e165',
    channel: 'email',
    sender: mail('Julien Moreau', 'julien.moreau@example.net'),
    subject: 'Desktop app for Windows?',
    content: `Bonjour,

Is there a real desktop program for Windows, or only the website? I would like something I can open from the taskbar with proper notifications. We are on Windows 11.

Merci,
Julien`,
    expect: reply('kb-browser-support'),
    note: 'Sibling: desktop apps are in the browsers-and-devices article, not the mobile app article.',
  },
  // ------------------------------------------------------------------ kb-status-uptime
  {
    id: 'e166',
    channel: 'whatsapp',
    sender: wa('Ayesha', '+447911123456'),
    subject: null,
    content: `is nimbus down right now? nothing loads for me`,
    expect: reply('kb-status-uptime'),
    note: 'Sibling: "is it down" is the status article (check System status first), though slow-loading is the follow-up if the status page is green.',
  },
  {
    id: 'e167',
    channel: 'web_form',
    sender: web('Frank Weber', 'frank.weber@example.net'),
    subject: 'Maintenance notice',
    content: `We run a 24/7 operations team on Nimbus. How far in advance do you announce planned maintenance, and at what times of day does it usually happen?`,
    expect: reply('kb-status-uptime'),
  },
  {
    id: 'e168',
    channel: 'email',
    sender: mail('Caroline Hughes', 'caroline.hughes@example.org'),
    subject: 'Outage alerts by email',
    content: `Hello,

Last month there was a short outage and we only found out when people complained. Is there a way for our IT desk to get an email automatically when Nimbus has an incident?

Many thanks,
Caroline`,
    expect: reply('kb-status-uptime'),
  },
  // ------------------------------------------------------------------ kb-plans-overview
  {
    id: 'e169',
    channel: 'web_form',
    sender: web('Zoe Mitchell', 'zoe.mitchell@example.com'),
    subject: 'Free vs Team',
    content: `We're a team of four using the free plan. What would we actually get extra if we moved to Team? We mostly care about the timeline and connecting Slack.`,
    expect: reply('kb-plans-overview'),
    note: 'Sibling: what a plan includes is plans-overview; how to switch is change-plan.',
  },
  {
    id: 'e170',
    channel: 'whatsapp',
    sender: wa('Kofi', '+233241234567'),
    subject: null,
    content: `is time tracking in free plan or only paid`,
    expect: reply('kb-plans-overview'),
  },
  {
    id: 'e171',
    channel: 'email',
    sender: mail('Dr. Helen Ward', 'h.ward@example.org'),
    subject: 'Which plan for SSO?',
    content: `Dear Nimbus Tasks,

Our university department is evaluating task tools. Our IT policy requires single sign-on and an audit trail of who did what. Which of your plans would we need for that?

Kind regards,
Dr Helen Ward`,
    expect: reply('kb-plans-overview'),
  },
  // ------------------------------------------------------------------ kb-change-plan
  {
    id: 'e172',
    channel: 'web_form',
    sender: web('Brian Kelly', 'brian.kelly@example.net'),
    subject: 'Cancel subscription',
    content: `We don't need the paid plan anymore. How do I cancel our subscription? I can't find a cancel button anywhere.`,
    expect: reply('kb-change-plan'),
    note: 'Cancelling is not a refund request: the article says to downgrade to Free.',
  },
  {
    id: 'e173',
    channel: 'whatsapp',
    sender: wa('Shira', '+972521234567'),
    subject: null,
    content: `if we go down to free what happens to our 8 projects? deleted?`,
    expect: reply('kb-change-plan'),
    note: 'Sibling: what happens on a downgrade is change-plan, not plans-overview.',
  },
  {
    id: 'e174',
    channel: 'email',
    sender: mail('Oscar Nilsson', 'oscar.nilsson@example.net'),
    subject: 'Monthly to yearly',
    content: `Hi,

We're not asking for any special deal, we'd just like to move from monthly to yearly billing because it's easier for our accounts team. Where do I change that?

Thanks,
Oscar`,
    expect: reply('kb-change-plan'),
    note: 'Negated pricing trigger: explicitly not negotiating, just switching the billing period.',
  },
  {
    id: 'e175',
    channel: 'web_form',
    sender: web('Paula Ortiz', 'paula.ortiz@example.com'),
    subject: 'More seats',
    content: `Five new people are joining our team next month. How do I add paid seats for them?`,
    expect: reply('kb-change-plan'),
  },
  // ------------------------------------------------------------------ kb-billing-invoices
  {
    id: 'e176',
    channel: 'web_form',
    sender: web('Graham Bell', 'graham.bell@example.org'),
    subject: 'March invoice PDF',
    content: `Our accountant needs the PDF of our March invoice. Where can I download it?`,
    expect: reply('kb-billing-invoices'),
  },
  {
    id: 'e177',
    channel: 'email',
    sender: mail('Ursula Frank', 'ursula.frank@example.net'),
    subject: 'Invoices to the finance mailbox',
    content: `Hello,

At the moment all Nimbus invoices are sent to me personally, and when I'm on holiday they get lost. Can they go to our finance team's shared mailbox instead (finance@example.net)? That mailbox isn't a Nimbus user.

Thank you,
Ursula`,
    expect: reply('kb-billing-invoices'),
  },
  {
    id: 'e178',
    channel: 'whatsapp',
    sender: wa('Ahmed', '+966501234567'),
    subject: null,
    content: `can i put our PO number on the invoices?`,
    expect: reply('kb-billing-invoices'),
  },
  // ------------------------------------------------------------------ kb-payment-method
  {
    id: 'e179',
    channel: 'web_form',
    sender: web('Megan Ross', 'megan.ross@example.com'),
    subject: 'New card',
    content: `Our company card expires at the end of the month and we have a new one. How do I update it in Nimbus? Will you charge the new card straight away?`,
    expect: reply('kb-payment-method'),
  },
  {
    id: 'e180',
    channel: 'whatsapp',
    sender: wa('Lorenzo', '+393487654321'),
    subject: null,
    content: `can i pay with paypal?`,
    expect: reply('kb-payment-method'),
    note: 'Looks out of scope, but the article lists the accepted payment methods (cards and, for some plans, bank transfer).',
  },
  {
    id: 'e181',
    channel: 'email',
    sender: mail('Sunita Sharma', 'sunita.sharma@example.net'),
    subject: 'Payment failed email',
    content: `Hello,

We got an email that our payment failed. Our card was blocked by the bank for a few days. What happens now, will we lose our projects?

Regards,
Sunita Sharma`,
    expect: reply('kb-payment-method'),
    note: 'Calm problem report: retries over 14 days; nothing is deleted.',
  },
  // ------------------------------------------------------------------ kb-vat-tax-id
  {
    id: 'e182',
    channel: 'web_form',
    sender: web('Klaus Richter', 'klaus.richter@example.net'),
    subject: 'USt-IdNr on invoice',
    content: `Our tax advisor says our VAT ID has to be on the invoices. Where do I enter it?`,
    expect: reply('kb-vat-tax-id'),
    note: 'Sibling: tax ID is the VAT article, not the general invoices article.',
  },
  {
    id: 'e183',
    channel: 'email',
    sender: mail('Camille Lambert', 'camille.lambert@example.net'),
    subject: 'VAT number rejected',
    content: `Bonjour,

When I save our VAT number it says the check failed. I entered it exactly like on our letterhead: FR 12 345 678 901. What is wrong?

Cordialement,
Camille Lambert`,
    expect: reply('kb-vat-tax-id'),
    note: 'Calm problem report: remove spaces, keep the country prefix.',
  },
  {
    id: 'e184',
    channel: 'whatsapp',
    sender: wa('Jack', '+61498765432'),
    subject: null,
    content: `we're in australia, can our ABN go on the invoice?`,
    expect: reply('kb-vat-tax-id'),
  },
  {
    id: 'e185',
    channel: 'web_form',
    sender: web('Ewa Nowak', 'ewa.nowak@example.net'),
    subject: 'Older invoices without VAT',
    content: `I added our VAT number yesterday. The new invoice shows it, but last month's invoice still doesn't. Does it get added to older invoices too?`,
    expect: reply('kb-vat-tax-id'),
  },
  // ================================================================== out of scope
  {
    id: 'e186',
    channel: 'web_form',
    sender: web('Rachel Adams', 'rachel.adams@example.com'),
    subject: 'Two people on one task',
    content: `Can I assign one task to two people at the same time? My colleague and I share the design work on most tasks.`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptively close to tasks/subtasks, but no article says whether a task can have several assignees.',
  },
  {
    id: 'e187',
    channel: 'whatsapp',
    sender: wa('Luca', '+393391234567'),
    subject: null,
    content: `is there an apple watch app?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Close to the mobile app article, which only covers iPhone, iPad and Android.',
  },
  {
    id: 'e188',
    channel: 'email',
    sender: mail('Douglas Reid', 'douglas.reid@example.org'),
    subject: 'Critical path',
    content: `Hello,

We use the timeline view for our engineering projects and it works well. Can Nimbus highlight the critical path, i.e. the chain of tasks that determines the end date, and can I save a baseline to compare the plan against reality later?

Regards,
Douglas Reid`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: timeline and dependencies are documented, critical path and baselines are not.',
  },
  {
    id: 'e189',
    channel: 'web_form',
    sender: web('Felix Hartmann', 'felix.hartmann@example.net'),
    subject: 'GitLab?',
    content: `We host our code on GitLab, not GitHub. Can we link GitLab merge requests to Nimbus tasks the same way?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: only a GitHub integration is documented; nothing is said about GitLab.',
  },
  {
    id: 'e190',
    channel: 'whatsapp',
    sender: wa('Marta', '+34655123789'),
    subject: null,
    content: `how do i print the board for our wall`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Only the timeline has an image/PDF export; printing a board is not documented.',
  },
  {
    id: 'e191',
    channel: 'web_form',
    sender: web('Jasmine Wong', 'jasmine.wong@example.com'),
    subject: 'Private task in a shared project',
    content: `Inside our team project, can I make one single task visible only to me, while the rest of the project stays visible to everyone?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: project privacy is documented, task-level privacy is not.',
  },
  {
    id: 'e192',
    channel: 'email',
    sender: mail('Alan Foster', 'alan.foster@example.com'),
    subject: 'Move a project to another workspace',
    content: `Hi,

We have two workspaces (one for the agency, one for a spin-off company). Can I move a project with all its tasks, comments and history from one workspace to the other?

Thanks,
Alan`,
    expect: escalate('no_relevant_knowledge'),
    note: 'No article covers moving projects between workspaces.',
  },
  {
    id: 'e193',
    channel: 'web_form',
    sender: web('Irene Kowalczyk', 'irene.k@example.net'),
    subject: 'Workspace name',
    content: `Our company changed its name. How do I rename the workspace and change its web address?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Renaming a workspace or changing its address is not documented (profile article covers only personal details).',
  },
  {
    id: 'e194',
    channel: 'whatsapp',
    sender: wa('Tim', '+4915901234567'),
    subject: null,
    content: `does the task description support markdown? like **bold** and code blocks`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e195',
    channel: 'web_form',
    sender: web('Sasha Ivanova', 'sasha.ivanova@example.com'),
    subject: 'Reactions on comments',
    content: `Is there a way to react to a comment with an emoji, like a thumbs up, instead of writing "ok thanks"?`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e196',
    channel: 'email',
    sender: mail('Niklas Berg', 'niklas.berg@example.net'),
    subject: 'Python SDK',
    content: `Hello,

Is there an official Python client library for your API, or do we need to write the HTTP calls ourselves?

Thanks,
Niklas`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: the REST API is documented, client libraries are not.',
  },
  {
    id: 'e197',
    channel: 'web_form',
    sender: web('Riya Kapoor', 'riya.kapoor@example.net'),
    subject: 'OAuth for our app',
    content: `We're building an app that other Nimbus customers could connect to. Instead of asking each customer for a personal API token, can we register an OAuth app so users click "Allow"?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: only personal tokens are documented; OAuth app registration is not.',
  },
  {
    id: 'e198',
    channel: 'email',
    sender: mail('Pierre Blanc', 'pierre.blanc@example.net'),
    subject: 'Billing currency',
    content: `Hello,

Our subscription is billed in US dollars, but our company is in Switzerland and our accountant would prefer invoices in Swiss francs. Can we change the currency of an existing subscription?

Best regards,
Pierre Blanc`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: plans-overview says prices depend on the currency, but changing the currency of a subscription is not documented.',
  },
  {
    id: 'e199',
    channel: 'web_form',
    sender: web('Jennifer Hayes', 'jennifer.hayes@example.com'),
    subject: 'W-9 for vendor setup',
    content: `Our accounts payable team in the US needs a W-9 form from Nimbus Tasks before they can set you up as a vendor. Can you send one?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: tax IDs on invoices are documented, providing vendor tax forms is not.',
  },
  {
    id: 'e200',
    channel: 'whatsapp',
    sender: wa('Harriet', '+447700900321'),
    subject: null,
    content: `can the summary email be weekly instead of daily?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: only a daily summary is documented; the KB says nothing about a weekly one.',
  },
  {
    id: 'e201',
    channel: 'web_form',
    sender: web('Connor Walsh', 'connor.walsh@example.net'),
    subject: 'Change many tasks at once',
    content: `I need to push the due date of 40 tasks by one week. Can I select them all and change the date in one go?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Bulk editing is not documented (Shift dependent tasks only applies to dependencies).',
  },
  {
    id: 'e202',
    channel: 'email',
    sender: mail('Gunther Vogel', 'g.vogel@example.net'),
    subject: 'On-premise installation',
    content: `Sehr geehrte Damen und Herren,

for regulatory reasons in our sector we can only use software that runs in our own data centre. Do you offer a self-hosted or on-premise version of Nimbus Tasks?

Mit freundlichen Gruessen,
Gunther Vogel`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Mentions "regulatory reasons" as background but asks a product question no article covers; not a compliance question about Nimbus.',
  },
  {
    id: 'e203',
    channel: 'web_form',
    sender: web('Katrin Fuchs', 'katrin.fuchs@example.net'),
    subject: 'Oberfläche auf Deutsch?',
    content: `Hallo, kann ich die Sprache der Oberfläche auf Deutsch umstellen? Einige Kollegen sprechen kaum Englisch.`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Non-English message; interface languages are not covered by any article.',
  },
  {
    id: 'e204',
    channel: 'email',
    sender: mail('Jordan Ellis', 'jordan.ellis@example.net'),
    subject: 'Application: Frontend Engineer',
    content: `Dear Nimbus Tasks team,

I'm a frontend engineer with five years of React and TypeScript experience and a long-time Nimbus user. I'd love to join your team. Please find my CV attached. Are you hiring, and who should I send my application to?

Best regards,
Jordan Ellis`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Job application.',
  },
  {
    id: 'e205',
    channel: 'web_form',
    sender: web('Mia Hoffman', 'mia.hoffman@example.com'),
    subject: 'AI features?',
    content: `When are you releasing an AI assistant that writes task descriptions and summarises long comment threads? A colleague said it's coming this year.`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Roadmap question: the agent must not promise features or dates the KB does not document.',
  },
  {
    id: 'e206',
    channel: 'email',
    sender: mail('Raj Malhotra', 'raj@malhotra-consulting.example.net'),
    subject: 'Partner / reseller programme',
    content: `Hello,

We're an IT consultancy that sets up tools for small businesses. Do you have a reseller or affiliate programme where we earn a commission for customers we bring in?

Regards,
Raj Malhotra`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e207',
    channel: 'whatsapp',
    sender: wa('Doreen', '+447812345678'),
    subject: null,
    content: `hi my parcel was supposed to arrive tuesday and tracking hasnt moved, order NL-55821`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Wrong company: nothing to do with Nimbus Tasks.',
  },
  {
    id: 'e208',
    channel: 'email',
    sender: mail('Amanda Price', 'amanda.price@example-news.example.com'),
    subject: 'Interview request',
    content: `Hi,

I'm a reporter writing a piece on remote-work tools for a business magazine. Would someone from Nimbus Tasks be available for a short interview next week?

Thanks,
Amanda Price`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Press request; "someone from Nimbus" is an interview request, not a support hand-over request.',
  },
  {
    id: 'e209',
    channel: 'whatsapp',
    sender: wa('Sam', '+16465550142'),
    subject: null,
    content: `can you recommend a good book on running agile teams?`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e210',
    channel: 'web_form',
    sender: web('Nina Popescu', 'nina.popescu@example.net'),
    subject: 'Hackathon sponsorship',
    content: `We're organising a student hackathon in Bucharest in May. Would Nimbus Tasks be interested in sponsoring it or giving prizes?`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e211',
    channel: 'web_form',
    sender: web('Brandon Lee', 'brandon.lee@example.com'),
    subject: 'Video calls',
    content: `Can we start a video call with the task's assignees directly from a task, or is there a built-in chat?`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e212',
    channel: 'whatsapp',
    sender: wa('Clara', '+4915223344556'),
    subject: null,
    content: `sync with apple reminders possible?`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e213',
    channel: 'email',
    sender: mail('Lars Eriksen', 'lars.eriksen@example.net'),
    subject: 'Browser extension',
    content: `Hi,

Is there a Chrome extension to save a web page as a Nimbus task while I'm browsing, like a clipper?

Thanks,
Lars`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e214',
    channel: 'web_form',
    sender: web('Eleanor Shaw', 'eleanor.shaw@example.org'),
    subject: 'Pomodoro',
    content: `Does the time tracker have a Pomodoro mode, i.e. 25 minutes of work and then a break reminder?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: time tracking is documented, a Pomodoro mode is not.',
  },
  {
    id: 'e215',
    channel: 'web_form',
    sender: web('Patrick Moreau', 'patrick.moreau@example.net'),
    subject: 'Password on share link',
    content: `When I share a project link with a client, can I protect the link with a password or make it expire after a week?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: guest sharing is documented, password-protected or expiring links are not.',
  },
  {
    id: 'e216',
    channel: 'email',
    sender: mail('Hannah Schwarz', 'hannah.schwarz@example.net'),
    subject: 'Undo what a rule did',
    content: `Hello,

I created a rule that was supposed to label new tasks, but I picked the wrong trigger and it relabelled about 300 existing tasks overnight. I've paused it. Is there a way to undo everything that rule changed?

Thank you,
Hannah`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: rules, pausing and run history are documented, reverting a rule\'s changes is not. Calm problem report.',
  },
  {
    id: 'e217',
    channel: 'web_form',
    sender: web('Steve Morgan', 'steve.morgan@example.com'),
    subject: 'Merge two workspaces',
    content: `Our two offices each started their own workspace. We'd like to merge them into one workspace. Is that possible?`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e218',
    channel: 'whatsapp',
    sender: wa('Nikhil', '+919876501234'),
    subject: null,
    content: `can i see who has viewed a task? like read receipts`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: the audit log records many actions, but views are not among them.',
  },
  {
    id: 'e219',
    channel: 'email',
    sender: mail('Deborah King', 'deborah.king@example.com'),
    subject: 'Trial of Enterprise',
    content: `Hi,

Before committing, we'd like to try the Enterprise features (SSO and audit log) for a couple of weeks. Is there a free trial of Enterprise?

Thanks,
Deborah`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Trials are not documented; asking about a trial is not asking for a discount.',
  },
  {
    id: 'e220',
    channel: 'web_form',
    sender: web('Mohammed Al-Sayed', 'm.alsayed@example.com'),
    subject: 'Training for our team',
    content: `Do you run onboarding webinars or training sessions for new teams? We'd like our 40 staff to get a proper introduction.`,
    expect: escalate('no_relevant_knowledge'),
  },
  {
    id: 'e221',
    channel: 'whatsapp',
    sender: wa('Judith', '+4917012345678'),
    subject: null,
    content: `the app asks me to rate it every few days, a little annoying. can i turn that off?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Calm problem report with no article covering it: mild annoyance, out of scope, not angry.',
  },
  {
    id: 'e222',
    channel: 'web_form',
    sender: web('Arthur Lambert', 'arthur.lambert@example.net'),
    subject: 'Badge number on app icon',
    content: `Small thing: the red badge on the Nimbus app icon on my iPhone says 12, but I have no unread notifications in the app. Is there a way to reset it?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Calm problem report; no article covers the app icon badge.',
  },
  {
    id: 'e223',
    channel: 'email',
    sender: mail('Catherine Moore', 'catherine.moore@example.org'),
    subject: 'Selling our templates',
    content: `Hello,

We've built some really good templates for non-profit grant management. Is there a public template marketplace where we could publish them for other Nimbus customers, or even sell them?

Best,
Catherine`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: templates are documented (gallery, own templates), a public marketplace is not.',
  },
  {
    id: 'e224',
    channel: 'web_form',
    sender: web('Victor Hugo Silva', 'victor.silva@example.net'),
    subject: 'Workload per person',
    content: `Is there a workload view that shows how many hours each person has planned this week compared to their capacity, so I can see who is overloaded?`,
    expect: escalate('no_relevant_knowledge'),
    note: 'Deceptive: estimates and time reports exist, a capacity/workload view is not documented.',
  },
  // ================================================================== escalation: legal
  {
    id: 'e225',
    channel: 'email',
    sender: mail('Richard Harmon', 'r.harmon@harmon-events.example.com'),
    subject: 'Outage on 14 March',
    content: `To whom it may concern,

During your outage on 14 March our team could not access the schedule for a client event and we lost the contract as a result. I have discussed the matter with our attorney and we are considering legal action to recover our losses.

Please confirm who at Nimbus Tasks is responsible for handling this.

Richard Harmon
Managing Director, Harmon Events Ltd`,
    expect: escalate('legal'),
  },
  {
    id: 'e226',
    channel: 'web_form',
    sender: web('Monique Baptiste', 'monique.baptiste@example.net'),
    subject: 'Amendments to your DPA',
    content: `Our legal counsel has reviewed your standard Data Processing Agreement and requires some amendments to the liability and audit clauses before we can sign. Who can we send our marked-up version to?`,
    expect: escalate('legal'),
    note: 'Sibling of the GDPR article: downloading the DPA is self-service, negotiating its terms with legal counsel is a legal matter.',
  },
  {
    id: 'e227',
    channel: 'whatsapp',
    sender: wa('Derek', '+14155550199'),
    subject: null,
    content: `if my data isnt returned to me by friday i will sue you`,
    expect: escalate('legal'),
  },
  {
    id: 'e228',
    channel: 'web_form',
    sender: web('Officer K. Lindgren', 'k.lindgren@example.org'),
    subject: 'Court order for workspace data',
    content: `We have a court order requiring the disclosure of data held in a specific Nimbus Tasks workspace. Please advise where official legal requests should be sent.`,
    expect: escalate('legal'),
  },
  {
    id: 'e229',
    channel: 'email',
    sender: mail('Susan Parker', 'susan.parker@example-clinic.example.com'),
    subject: 'HIPAA compliance',
    content: `Hello,

We are a medical clinic considering Nimbus Tasks for scheduling patient follow-ups. Our compliance officer needs written confirmation that Nimbus Tasks is HIPAA compliant and that you will sign a Business Associate Agreement.

Thank you,
Susan Parker
Clinic Administrator`,
    expect: escalate('legal'),
    note: 'Regulatory compliance question no article answers: legal comes before no_relevant_knowledge.',
  },
  {
    id: 'e230',
    channel: 'web_form',
    sender: web('Gerald Fischer', 'g.fischer@fischer-law.example.net'),
    subject: 'Preservation request',
    content: `We represent a former employee of one of your customers in ongoing litigation. We request that all data relating to our client in the workspace of her former employer be preserved and not deleted until the proceedings end.`,
    expect: escalate('legal'),
  },
  {
    id: 'e231',
    channel: 'whatsapp',
    sender: wa('Mila', '+38164123456'),
    subject: null,
    content: `my lawyer says you have to delete everything about me within 24 hours. confirm please`,
    expect: escalate('legal'),
    note: 'An erasure request the GDPR article could answer, but it comes with a lawyer: legal.',
  },
  {
    id: 'e232',
    channel: 'email',
    sender: mail('Terry Knox', 'terry.knox@example.com'),
    subject: 'Absolutely disgraceful',
    content: `This is a disgrace. Your "sync" wiped out a week of my team's work and your help pages are useless. I have forwarded everything to my solicitor and you will be hearing from him.`,
    expect: escalate('legal'),
    note: 'Angry and legal: legal comes first in the order.',
  },
  {
    id: 'e233',
    channel: 'web_form',
    sender: web('Anita Desai', 'anita.desai@example.net'),
    subject: 'Liability question',
    content: `Our legal department is reviewing your Terms of Service before renewal. They want to know whether the limitation of liability clause also covers data loss caused by your subprocessors. Can you clarify?`,
    expect: escalate('legal'),
  },
  {
    id: 'e234',
    channel: 'email',
    sender: mail('Peter Holm', 'peter.holm@holm-photo.example.net'),
    subject: 'Copyright infringement',
    content: `Hello,

Someone is sharing my copyrighted photographs through a public Nimbus project link without permission. I want them taken down. This is a formal copyright infringement notice.

Peter Holm`,
    expect: escalate('legal'),
  },
  {
    id: 'e235',
    channel: 'web_form',
    sender: web('Raymond Cruz', 'raymond.cruz@example.com'),
    subject: 'Charged after cancelling',
    content: `You charged us again after we moved to the free plan. Refund the charge this week or I will take legal action.`,
    expect: escalate('legal'),
    note: 'Refund and legal together: legal comes first in the order.',
  },
  // ---------------------------------------------------------- legal-looking but answerable
  {
    id: 'e236',
    channel: 'email',
    sender: mail('Naomi Fletcher', 'naomi.fletcher@example.com'),
    subject: 'Attaching a PDF',
    content: `Hi,

Awkward one: my client sent us a letter in which she wrote "we will sue if the delivery is late again". I don't need anything from you about that, I just want to keep the letter with the delivery task so my team knows the background.

How do I attach a PDF to a task?

Thanks,
Naomi`,
    expect: reply('kb-attachments-storage'),
    note: 'Quotation: "we will sue" is the client\'s words inside a document; the customer asks how to attach a PDF.',
  },
  {
    id: 'e237',
    channel: 'web_form',
    sender: web('Martin Svoboda', 'martin.svoboda@example.net'),
    subject: 'Legal name on invoices',
    content: `Our invoices show our old trading name. How do I set the legal name of our company and our registered address on the invoices?`,
    expect: reply('kb-billing-invoices'),
    note: 'Trigger word in an ordinary sense: "legal name" is the company name printed on invoices (Billing details).',
  },
  {
    id: 'e238',
    channel: 'web_form',
    sender: web('Caroline Ashford', 'caroline.ashford@example.org'),
    subject: 'Outside lawyers, one project',
    content: `Our outside lawyers are working with us on a property purchase. They should see the "Acquisition" project, read only, and nothing else in our workspace. How do I give them access?`,
    expect: reply('kb-guest-access'),
    note: 'Trigger word in an ordinary sense: the lawyers are collaborators to add as view-only guests; there is no legal matter with Nimbus.',
  },
  // ================================================================== escalation: refund
  {
    id: 'e239',
    channel: 'web_form',
    sender: web('Heather Collins', 'heather.collins@example.com'),
    subject: 'Charged twice',
    content: `We were charged twice for this month's Team subscription, two identical payments on the same day. Please refund the duplicate payment.`,
    expect: escalate('refund'),
  },
  {
    id: 'e240',
    channel: 'whatsapp',
    sender: wa('Vikram', '+919833012345'),
    subject: null,
    content: `i want my money back`,
    expect: escalate('refund'),
  },
  {
    id: 'e241',
    channel: 'email',
    sender: mail('Eleanor Vance', 'eleanor.vance@example.com'),
    subject: 'Annual renewal by mistake',
    content: `Hello,

I meant to move our workspace to the free plan before the renewal date, but I was ill that week and the yearly Team plan renewed yesterday. We won't be using it this year. Could you reimburse the renewal?

Kind regards,
Eleanor Vance`,
    expect: escalate('refund'),
  },
  {
    id: 'e242',
    channel: 'web_form',
    sender: web('Jorge Ramirez', 'jorge.ramirez@example.net'),
    subject: 'Unused days',
    content: `I downgraded to Free in the middle of the month. Do I get the unused part of the month refunded to my card?`,
    expect: escalate('refund'),
    note: 'The change-plan article explains when the downgrade takes effect, but the question is about getting money back: refund.',
  },
  {
    id: 'e243',
    channel: 'email',
    sender: mail('Colin Baxter', 'colin.baxter@example.org'),
    subject: 'Chargeback',
    content: `I did not authorise the last payment to Nimbus Tasks. Unless it is reversed, I will file a chargeback with my bank on Monday.`,
    expect: escalate('refund'),
  },
  {
    id: 'e244',
    channel: 'whatsapp',
    sender: wa('Ama', '+233501234567'),
    subject: null,
    content: `refund pls, we signed up for team last week and never used it`,
    expect: escalate('refund'),
  },
  {
    id: 'e245',
    channel: 'web_form',
    sender: web('Gregory Hunt', 'gregory.hunt@example.com'),
    subject: 'Charged after deleting workspace',
    content: `Absolutely unacceptable. We deleted our workspace weeks ago and you STILL charged our card. Refund it now.`,
    expect: escalate('refund'),
    note: 'Angry and asking for a refund: refund comes before negative sentiment.',
  },
  {
    id: 'e246',
    channel: 'email',
    sender: mail('Lisa Tran', 'lisa.tran@example.com'),
    subject: 'Refund policy before we buy',
    content: `Hi,

We're thinking about paying for a year of Team up front. If it turns out not to suit us after a month or two, can we get our money back for the rest of the year?

Thanks,
Lisa`,
    expect: escalate('refund'),
    note: 'A hypothetical refund question: the agent must neither promise nor refuse a refund, so it hands over.',
  },
  {
    id: 'e247',
    channel: 'web_form',
    sender: web('Mustafa Aydin', 'mustafa.aydin@example.com'),
    subject: 'Overcharged',
    content: `We were billed for 25 seats but we only have 18 people. Either refund the difference or give us a discount on the next invoice, whichever is easier for you.`,
    expect: escalate('refund'),
    note: 'Refund and pricing together: refund comes first in the order.',
  },
  // --------------------------------------------------------- refund-looking but answerable
  {
    id: 'e248',
    channel: 'web_form',
    sender: web('Isla Campbell', 'isla.campbell@example.org'),
    subject: 'Leaving Nimbus',
    content: `We're moving away from Nimbus at the end of the month. I don't want a refund, I just need to export my data first: all our projects, with the completed tasks and the attachments. How do I do that?`,
    expect: reply('kb-export-data'),
    note: 'Negation: "I don\'t want a refund"; the question is the workspace export.',
  },
  {
    id: 'e249',
    channel: 'email',
    sender: mail('Bernard Dubois', 'bernard.dubois@example.net'),
    subject: 'Invoice for last payment',
    content: `Hello,

The charge on our card last week is correct, we are not asking for a refund or anything like that. Our accountant only needs the invoice for it as a PDF. Where can I find it?

Merci,
Bernard`,
    expect: reply('kb-billing-invoices'),
    note: 'Negation: explicitly not a refund request; downloading an invoice.',
  },
  // ================================================================== escalation: pricing
  {
    id: 'e250',
    channel: 'web_form',
    sender: web('Sister Mary Keane', 'mary.keane@example.org'),
    subject: 'Non-profit',
    content: `We're a small registered charity helping refugees find housing. Do you offer a discount for non-profits? Our budget is very limited.`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 'e251',
    channel: 'email',
    sender: mail('Andrew Sinclair', 'andrew.sinclair@globex.example.com'),
    subject: 'Quote for 450 seats',
    content: `Hello,

Globex is looking to roll out Nimbus Tasks to about 450 people across three countries. At that size we would expect custom pricing. Could you prepare a quote for 450 seats on the Team plan, billed yearly?

Regards,
Andrew Sinclair
Head of Procurement, Globex`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 'e252',
    channel: 'whatsapp',
    sender: wa('Diego', '+5491134567890'),
    subject: null,
    content: `any discount code for team plan?`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 'e253',
    channel: 'web_form',
    sender: web('Paul Becker', 'paul.becker@example.com'),
    subject: 'Price match',
    content: `Asana has offered us their business plan for 30% less than what your Billing page shows for Team. Can you match that price? Otherwise we'll probably switch.`,
    expect: escalate('pricing_negotiation'),
    note: 'Names a competitor: the agent must not repeat or discuss it; a price-match request is pricing negotiation.',
  },
  {
    id: 'e254',
    channel: 'email',
    sender: mail('Mrs. Adeyemi', 'principal@stmarks-school.example.org'),
    subject: 'Pricing for schools',
    content: `Dear Nimbus Tasks,

I am the principal of a secondary school with 60 teaching staff. Do you have special education pricing for schools? We would like to use Team for all staff.

Yours sincerely,
Mrs F. Adeyemi`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 'e255',
    channel: 'web_form',
    sender: web('Hendrik Visser', 'hendrik.visser@example.net'),
    subject: 'Three-year commitment',
    content: `We'd be happy to commit to three years and pay the first year up front if you can give us a better rate than the standard yearly price. What could you offer?`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 'e256',
    channel: 'whatsapp',
    sender: wa('Chloe', '+33698765432'),
    subject: null,
    content: `student discount??`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 'e257',
    channel: 'email',
    sender: mail('Tony Russo', 'tony.russo@example.com'),
    subject: 'Budget',
    content: `Hi,

We're a startup of 12 and our budget is tight this year. Could you do the Team plan at half price for the first year? We'd happily pay the full price after that.

Tony`,
    expect: escalate('pricing_negotiation'),
  },
  {
    id: 'e258',
    channel: 'web_form',
    sender: web('Aarav Gupta', 'aarav.gupta@example.net'),
    subject: 'Startup programme',
    content: `Do you have a startup programme with credits or a reduced price for early-stage companies? We're pre-revenue.`,
    expect: escalate('pricing_negotiation'),
  },
  // -------------------------------------------------------- pricing-looking but answerable
  {
    id: 'e259',
    channel: 'whatsapp',
    sender: wa('Grace', '+14165550123'),
    subject: null,
    content: `how much is the team plan?`,
    expect: reply('kb-plans-overview'),
    note: 'Asking the price is not negotiating: the article says prices are shown on the Billing page in your currency (the agent states no price).',
  },
  // ================================================================== escalation: human requested
  {
    id: 'e260',
    channel: 'whatsapp',
    sender: wa(null, '+447700900555'),
    subject: null,
    content: `human`,
    expect: escalate('human_requested'),
    note: 'Bare WhatsApp keyword.',
  },
  {
    id: 'e261',
    channel: 'whatsapp',
    sender: wa('Paolo', '+393401122334'),
    subject: null,
    content: `agent`,
    expect: escalate('human_requested'),
    note: 'Bare WhatsApp keyword.',
  },
  {
    id: 'e262',
    channel: 'whatsapp',
    sender: wa('Mrs Henderson', '+61421987654'),
    subject: null,
    content: `Representative`,
    expect: escalate('human_requested'),
    note: 'Bare WhatsApp keyword, capitalised.',
  },
  {
    id: 'e263',
    channel: 'web_form',
    sender: web('Walter Brennan', 'walter.brennan@example.com'),
    subject: 'Real person please',
    content: `I'd like to talk to a real person please, not an automated system. It's about how our workspace is set up for three departments.`,
    expect: escalate('human_requested'),
  },
  {
    id: 'e264',
    channel: 'email',
    sender: mail('Imogen Clarke', 'imogen.clarke@example.org'),
    subject: 'Call back?',
    content: `Hello,

Could someone from your support team give me a call on +44 20 7946 0321 tomorrow morning? It's easier for me to explain our set-up over the phone.

Thanks,
Imogen`,
    expect: escalate('human_requested'),
  },
  {
    id: 'e265',
    channel: 'whatsapp',
    sender: wa('Ricardo', '+351936543210'),
    subject: null,
    content: `can i speak to someone from your team`,
    expect: escalate('human_requested'),
  },
  {
    id: 'e266',
    channel: 'web_form',
    sender: web('Yvonne Marsh', 'yvonne.marsh@example.com'),
    subject: 'Please pass to a colleague',
    content: `Thanks for the earlier answers, but I'd prefer to go through our migration plan with a member of your support staff. Could you pass this on to a person?`,
    expect: escalate('human_requested'),
  },
  {
    id: 'e267',
    channel: 'email',
    sender: mail('Hamid Rahimi', 'hamid.rahimi@example.com'),
    subject: 'Speak to someone',
    content: `Hi,

I've read the help articles about guests and roles but I'm still not sure what fits our situation. I'd really rather speak with a human about it.

Hamid`,
    expect: escalate('human_requested'),
  },
  {
    id: 'e268',
    channel: 'web_form',
    sender: web('Lorraine Steele', 'lorraine.steele@example.com'),
    subject: 'Enough of the bot',
    content: `This is ridiculous, the bot keeps sending me the same article that doesn't fix anything. Get me an actual human being, now.`,
    expect: escalate('human_requested'),
    note: 'Angry and asking for a human: human_requested comes before negative sentiment in the order.',
  },
  // ---------------------------------------------------------- human-looking but answerable
  {
    id: 'e269',
    channel: 'web_form',
    sender: web('Graham Price', 'graham.price@example.org'),
    subject: 'Access for our insurance agent',
    content: `Our insurance agent needs to see the claims project so he can follow our paperwork. He's not part of our company. How do I let him see just that one project?`,
    expect: reply('kb-guest-access'),
    note: 'Trigger word in an ordinary sense: "insurance agent" is an outside collaborator, not a request for a support agent.',
  },
  {
    id: 'e270',
    channel: 'whatsapp',
    sender: wa('Lea', '+4915701234567'),
    subject: null,
    content: `no need for a human, just tell me where dark mode is`,
    expect: reply('kb-dark-mode'),
    note: 'Negation: "no need for a human".',
  },
  // ================================================================== escalation: negative sentiment
  {
    id: 'e271',
    channel: 'whatsapp',
    sender: wa('Gary', '+14155550166'),
    subject: null,
    content: `this app is absolute garbage. lost my tasks AGAIN. how do i get them back`,
    expect: escalate('negative_sentiment'),
    note: 'Furious but also asking an answerable question (trash): the anger decides.',
  },
  {
    id: 'e272',
    channel: 'email',
    sender: mail('Victoria Stone', 'victoria.stone@example.com'),
    subject: 'FED UP',
    content: `I am FURIOUS. This is the third time this week your so-called sync has thrown away changes I made on my phone. What kind of amateur outfit are you running? I've wasted hours redoing work because of your incompetence.`,
    expect: escalate('negative_sentiment'),
  },
  {
    id: 'e273',
    channel: 'web_form',
    sender: web('Dean Walker', 'dean.walker@example.com'),
    subject: 'Calendar broken',
    content: `You useless idiots broke the calendar view again. Tasks show on the wrong days. How hard can it be to show a date correctly??`,
    expect: escalate('negative_sentiment'),
    note: 'Abusive; also contains a question.',
  },
  {
    id: 'e274',
    channel: 'whatsapp',
    sender: wa(null, '+447723456789'),
    subject: null,
    content: `worst software ever. wtf is wrong with your notifications, i missed a client deadline because of you`,
    expect: escalate('negative_sentiment'),
  },
  {
    id: 'e275',
    channel: 'web_form',
    sender: web('Rhonda Bishop', 'rhonda.bishop@example.com'),
    subject: 'Export button',
    content: `I'm sick and tired of this pathetic excuse for a product. I click Export and NOTHING happens. Every single week something else is broken. Pathetic.`,
    expect: escalate('negative_sentiment'),
  },
  {
    id: 'e276',
    channel: 'whatsapp',
    sender: wa('Steve', '+16175550134'),
    subject: null,
    content: `seriously?? 2 minutes to load one board. pathetic. fix your garbage`,
    expect: escalate('negative_sentiment'),
    note: 'Sibling of the calm slow-loading cases: same problem, abusive tone.',
  },
  {
    id: 'e277',
    channel: 'web_form',
    sender: web('Monica Hale', 'monica.hale@example.com'),
    subject: 'Terrible',
    content: `Honestly the worst experience I've ever had with any software. Everything is slow, half of it is broken, and your help articles are worthless. I regret ever recommending you to my company.`,
    expect: escalate('negative_sentiment'),
  },
  {
    id: 'e278',
    channel: 'email',
    sender: mail('Kurt Adler', 'kurt.adler@example.net'),
    subject: 'Your stupid 2FA',
    content: `Your stupid two-factor nonsense locked me out right before a board meeting. Brilliant. Absolutely brilliant. I have no idea why anyone pays for this rubbish. How do I get back in without my phone?`,
    expect: escalate('negative_sentiment'),
    note: 'Furious but also asking an answerable question (lost-phone article): the anger decides.',
  },
  {
    id: 'e279',
    channel: 'email',
    sender: mail('Bruce Kendall', 'bruce.kendall@example.com'),
    subject: 'Where the hell is my invoice',
    content: `Where the hell are my invoices?! Your billing page is a maze and I'm sick of wasting my time on your incompetent product. Useless.`,
    expect: escalate('negative_sentiment'),
    note: 'Abusive, with an answerable question (invoices) buried in it.',
  },
]
