/**
 * The demo company's knowledge base (Nimbus Tasks, a fictional task-management SaaS). These
 * enter the system as KnowledgeArticlePublished events; the knowledge_base projection chunks and
 * embeds them. Bump `version` when an article changes.
 */
export interface Article {
  article_id: string
  version: number
  title: string
  category: string
  body: string
}

export const ARTICLES: Article[] = [
  {
    article_id: 'kb-reset-password',
    version: 1,
    title: 'How to reset your password',
    category: 'account',
    body: `If you forgot your password or cannot log in, open the sign-in page and click "Forgot password". Enter the email address you use for Nimbus Tasks and we will send you a reset link.

The reset link is valid for 60 minutes. Open it, choose a new password of at least 12 characters, and sign in again. All other sessions are signed out when the password changes.

If the reset email does not arrive within a few minutes, check your spam folder and make sure the address is the one on your account. Accounts that sign in with Google or Microsoft single sign-on do not have a Nimbus password: use the "Continue with Google" or "Continue with Microsoft" button instead.`,
  },
  {
    article_id: 'kb-export-data',
    version: 1,
    title: 'Exporting your projects and tasks to CSV or JSON',
    category: 'how-to',
    body: `You can export a project at any time. Open the project, click the three-dot menu in the top right corner and choose "Export". Pick CSV for spreadsheets or JSON for a complete export including comments, attachments links and custom fields.

Exports of large projects are prepared in the background; we email you a download link when the file is ready, usually within five minutes. Download links stay valid for seven days.

Workspace owners can export every project at once from Settings, then Data, then "Export workspace".`,
  },
  {
    article_id: 'kb-invite-members',
    version: 1,
    title: 'Inviting team members to your workspace',
    category: 'how-to',
    body: `To invite people, go to Settings, then Members, and click "Invite members". Enter one or more email addresses and choose a role: Admin, Member or Guest.

Invitations expire after 14 days. You can resend or revoke a pending invitation from the same page. Guests can only see the projects they are added to.

If an invitee says the email never arrived, ask them to check spam, or copy the invite link from the Members page and send it to them directly.`,
  },
  {
    article_id: 'kb-slack-integration',
    version: 1,
    title: 'Connecting Nimbus Tasks to Slack',
    category: 'integrations',
    body: `The Slack integration posts task updates to a channel and lets you create tasks from Slack messages. Go to Settings, then Integrations, and click "Connect" next to Slack. Approve the permissions in the Slack window that opens.

Then open a project, choose "Notifications" and pick the Slack channel that should receive updates. To create a task from a message, use the message's "More actions" menu and choose "Create Nimbus task".

If notifications stop arriving, disconnect and reconnect the integration: Slack revokes tokens when the installing user leaves the Slack workspace.`,
  },
  {
    article_id: 'kb-two-factor',
    version: 1,
    title: 'Turning on two-factor authentication',
    category: 'security',
    body: `Two-factor authentication (2FA) protects your account with a code from an authenticator app. Open your profile, choose Security, and click "Enable two-factor authentication". Scan the QR code with an authenticator app and enter the six-digit code to confirm.

Save the recovery codes we show you in a safe place. Each recovery code works once, and lets you sign in if you lose your phone.

Workspace admins can require 2FA for everyone from Settings, then Security.`,
  },
  {
    article_id: 'kb-sync-troubleshooting',
    version: 1,
    title: 'Tasks not syncing between the mobile app and the web',
    category: 'troubleshooting',
    body: `If changes made on your phone do not show up on the web (or the other way round), first check that the mobile app is up to date and that the device is online. Pull down on the task list to force a sync.

If the problem continues, sign out of the mobile app and sign in again. This clears the local cache and downloads your tasks fresh; unsynced changes made offline are kept and uploaded first.

Sync issues can also come from the device clock: make sure date and time are set automatically in your phone settings.`,
  },
  {
    article_id: 'kb-plans-overview',
    version: 1,
    title: 'Plans and what they include',
    category: 'plans',
    body: `Nimbus Tasks has three plans: Free, Team and Enterprise. Free includes up to 5 members and 3 projects. Team adds unlimited projects, timeline view, guest access and integrations. Enterprise adds single sign-on (SAML), audit logs, advanced permissions and a dedicated success manager.

You can upgrade or downgrade from Settings, then Billing. Changes apply immediately and the next invoice is adjusted. Prices are shown on the Billing page for your currency.`,
  },
  {
    article_id: 'kb-recurring-tasks',
    version: 1,
    title: 'Creating recurring tasks',
    category: 'how-to',
    body: `A recurring task repeats on a schedule. Open a task, click the due date, and choose "Repeat". You can repeat daily, weekly on chosen days, monthly on a date, or every N days after completion.

When you complete a recurring task, the next one is created with the same assignee, description and checklist. To stop a recurrence, open the latest task and set "Repeat" to "Never".`,
  },
]
