/**
 * The demo company's knowledge base (Nimbus Tasks, a fictional task-management SaaS). These
 * enter the system as KnowledgeArticlePublished events; the knowledge_base projection chunks and
 * embeds them. Bump `version` when an article changes.
 *
 * Writing rules (see COMPANY.md): concrete steps with exact menu paths, one fact per sentence so an
 * answer built from a few sentences still reads well, no prices, no refund promises, no
 * competitor names, nothing about internal processes or tools.
 */
import { ARTICLE_QUESTIONS } from './articleQuestions.js'

export interface Article {
  article_id: string
  version: number
  title: string
  category: string
  body: string
  /** The questions it answers (articleQuestions.ts), searched beside its passages. */
  questions: string[]
}

// Version 2: the same text, published with the questions each article answers.
const WRITTEN: Omit<Article, 'questions'>[] = [
  // ---------------------------------------------------------------- account
  {
    article_id: 'kb-reset-password',
    version: 2,
    title: 'How to reset your password',
    category: 'account',
    body: `If you forgot your password or cannot log in, open the sign-in page and click "Forgot password". Enter the email address you use for Nimbus Tasks and we will send you a reset link.

The reset link is valid for 60 minutes. Open it, choose a new password of at least 12 characters, and sign in again. All other sessions are signed out when the password changes.

If the reset email does not arrive within a few minutes, check your spam folder and make sure the address is the one on your account. Accounts that sign in with Google or Microsoft single sign-on do not have a Nimbus password: use the "Continue with Google" or "Continue with Microsoft" button instead.

To change a password you still know, go to your profile picture > Profile > Security and click "Change password". For your security, nobody at Nimbus Tasks can see your password or set one for you.`,
  },
  {
    article_id: 'kb-login-troubleshooting',
    version: 2,
    title: 'Cannot sign in to Nimbus Tasks',
    category: 'troubleshooting',
    body: `If the sign-in page does not accept your details, work through these checks in order.

Check how your account signs in. If you joined with Google or Microsoft, use the "Continue with Google" or "Continue with Microsoft" button, not the password field. If your company uses single sign-on, click "Sign in with SSO" and enter your work email: you will be sent to your company's login page.

"No account found for this email" usually means a typo, or that you were invited with a different address. Look for the original invitation email to see which address was used.

After 5 wrong passwords in a row, sign-in is paused for 15 minutes to protect your account. Wait, then try again or use "Forgot password". You can also click "Email me a sign-in link" to get a one-time link instead of typing a password.

"Your account has been deactivated" means a workspace admin removed your access. Ask an admin of your workspace to reactivate you under Settings > Members.

If the page just reloads or shows a blank screen, cookies are probably blocked. Allow cookies for Nimbus Tasks, try a private window, or clear your browser cache and sign in again.`,
  },
  {
    article_id: 'kb-profile-email',
    version: 2,
    title: 'Changing your name, email address, photo or time zone',
    category: 'account',
    body: `Your personal details live in your profile, not in the workspace settings. Click your profile picture in the top right corner and choose Profile.

To change your display name or photo, edit the fields at the top of the Profile page and click "Save". Your new name appears on tasks and comments straight away.

To change the email address you sign in with, go to Profile > Account and click "Change email". Enter the new address and your password. We send a confirmation link to the new address; the change only happens when you open that link. Your old address receives a notice, so you will know if someone else tried to change it.

If your workspace uses single sign-on, your email address is managed by your company's identity provider and the "Change email" button is hidden. Ask your IT team or workspace admin to update it there.

Due dates and reminders follow your time zone. Set it under Profile > Preferences > Time zone, or tick "Set automatically" to use your device's time zone.`,
  },
  {
    article_id: 'kb-delete-account',
    version: 2,
    title: 'Deleting your account or a workspace',
    category: 'account',
    body: `Deleting your personal account and deleting a workspace are two different things. Before either, export anything you want to keep (see "Exporting your projects and tasks").

To leave a workspace but keep your account, go to Profile > Account and click "Leave workspace" next to its name.

To delete your personal account, go to Profile > Account and click "Delete account", then confirm with your password. If you are the owner of a workspace, you first need to transfer ownership (Settings > Members > "Transfer ownership") or delete that workspace. Tasks and comments you wrote in other people's workspaces stay there, shown as "Former member".

To delete a whole workspace, the owner goes to Settings > General and clicks "Delete workspace", then types the workspace name to confirm. A paid subscription on that workspace ends at the same time. Every member loses access immediately.

A deleted workspace is kept for 30 days. During that time the owner can bring it back with the "Restore workspace" link in the confirmation email. After 30 days it is erased permanently, and removed from our backups within a further 60 days.`,
  },
  {
    article_id: 'kb-gdpr-data-request',
    version: 2,
    title: 'Getting a copy of your personal data or having it erased (GDPR)',
    category: 'security',
    body: `You can see, download, correct and erase the personal data Nimbus Tasks holds about you yourself, without waiting for anyone.

To get a copy, go to Profile > Account and click "Download my data". We prepare a ZIP file with your profile, the tasks and comments you wrote, your time entries and your sign-in history, and email you a download link, usually within a few hours. The link stays valid for seven days.

To correct your data, edit your profile (profile picture > Profile). To have your data erased, delete your account under Profile > Account > "Delete account"; see "Deleting your account or a workspace" for what happens to shared work.

If you use Nimbus Tasks through your employer's workspace, the workspace content (projects, tasks, files) belongs to your employer, who decides what happens to it. For project data, ask your workspace owner.

Workspace owners can download our Data Processing Agreement from Settings > Billing > "Documents". It lists the subprocessors we use and how personal data is protected.`,
  },
  {
    article_id: 'kb-invite-members',
    version: 2,
    title: 'Inviting team members to your workspace',
    category: 'how-to',
    body: `To add colleagues or new team members to your workspace, invite them by email. Go to Settings, then Members, and click "Invite members". Enter one or more email addresses and choose a role: Admin, Member or Guest. You can paste a whole list of addresses separated by commas or line breaks.

Invitations expire after 14 days. You can resend or revoke a pending invitation from the same page. Guests can only see the projects they are added to.

If an invitee says the email never arrived, ask them to check spam, or copy the invite link from the Members page and send it to them directly.

To let colleagues join without an invitation, go to Settings > Members > "Domain access" and switch on "Anyone with an email at my company's domain can join". They then find the workspace when they sign up with their work address.

On the Free plan a workspace can have up to 5 members; pending invitations count towards that limit. Only Owners and Admins can invite members.`,
  },
  {
    article_id: 'kb-guest-access',
    version: 2,
    title: 'Giving clients and freelancers guest access',
    category: 'account',
    body: `Guests are people outside your organisation, such as clients, contractors or freelancers, who should see some of your projects but not the rest of the workspace. Guest access is part of the Team and Enterprise plans.

To add a guest, open the project, click "Share" in the top right corner, enter their email address and choose "Guest". Then pick what they may do in that project: "Can view", "Can comment" or "Can edit". They receive an invitation email and sign in with a free Nimbus Tasks account or with Google.

Guests only see the projects they were added to. They cannot see the member list, other projects, or workspace settings, and they cannot create projects. Guests do not count as members.

To see everyone outside your organisation, go to Settings > Members and open the "Guests" tab. Click the three dots next to a guest to change their projects or to remove them; removing a guest takes effect immediately.

Admins can switch guest access off for the whole workspace under Settings > Security > "Allow guests".`,
  },
  // ---------------------------------------------------------------- security
  {
    article_id: 'kb-two-factor',
    version: 2,
    title: 'Turning on two-factor authentication',
    category: 'security',
    body: `Two-factor authentication (2FA) protects your account with a code from an authenticator app, so a stolen password alone is not enough to sign in. Any standard authenticator app works, for example Google Authenticator, Microsoft Authenticator, 1Password or Authy. Codes by text message are not offered.

Open your profile, choose Security, and click "Enable two-factor authentication". Scan the QR code with an authenticator app and enter the six-digit code to confirm.

Save the recovery codes we show you in a safe place. Each recovery code works once, and lets you sign in if you lose your phone. You can create a fresh set at any time under Profile > Security > "Recovery codes"; the old set stops working.

Workspace admins can require 2FA for everyone from Settings, then Security. Members who have not set it up are asked to do so the next time they sign in.

To turn 2FA off, go to Profile > Security and click "Disable two-factor authentication". You will need a current code from your app. If your workspace requires 2FA, you cannot turn it off.`,
  },
  {
    article_id: 'kb-2fa-lost-phone',
    version: 2,
    title: 'Lost or replaced the phone with your authenticator app',
    category: 'troubleshooting',
    body: `If your phone is lost, broken or replaced and you can no longer get two-factor codes, you can still get back into your account.

Use a recovery code. On the sign-in page, enter your email and password, then click "Use a recovery code" below the code field and type one of the recovery codes you saved when you turned on 2FA. Each code works once.

Once you are signed in, go to Profile > Security and click "Reset two-factor authentication". Scan the new QR code with the authenticator app on your new phone and save the new recovery codes.

If you still have your old phone, set up the new one before you wipe the old one: disable 2FA with a code from the old phone, then enable it again with the new phone.

No recovery codes? Ask an Owner or Admin of your workspace to reset 2FA for you: Settings > Members, click your name, then "Reset 2FA". You can then sign in with your password and set up 2FA again.

If you are the only owner and have no recovery codes, write to us from the email address on the account. We will ask you to confirm your identity before resetting 2FA, which can take up to three working days.`,
  },
  {
    article_id: 'kb-roles-permissions',
    version: 2,
    title: 'Roles and permissions in a workspace',
    category: 'security',
    body: `Every person in a workspace has one role. The Owner (one per workspace) manages billing and can delete the workspace. Admins manage members, settings, security and integrations. Members create projects and work in the projects they can access. Guests only see the projects shared with them.

To change someone's role, go to Settings > Members and click the role shown next to their name. Only Owners and Admins can change roles. The Owner can give any Admin "Billing access" from the same menu, so they can see invoices and update the payment method.

Access to each project is set separately. Open the project, click "Share", and choose for each person or team: "Can view", "Can comment", "Can edit" or "Project admin". To make a project visible only to the people you invite, open the project menu (three dots) > "Privacy" and choose "Private".

On Enterprise, advanced permissions let admins create custom roles under Settings > Roles > "New role", and restrict who may invite guests, export data or create public share links.

To hand over the workspace, the Owner goes to Settings > Members, opens their own menu and chooses "Transfer ownership".`,
  },
  {
    article_id: 'kb-sso-saml',
    version: 2,
    title: 'Setting up single sign-on (SAML)',
    category: 'security',
    body: `Single sign-on (SSO) lets your team sign in to Nimbus Tasks with your company's identity provider. SAML SSO is part of the Enterprise plan and works with Okta, Microsoft Entra ID, Google Workspace, OneLogin and any other SAML 2.0 provider.

To set it up, an Owner or Admin goes to Settings > Security > Single sign-on and clicks "Configure SAML". Copy the ACS URL and Entity ID shown there into a new SAML app in your identity provider. Then paste your provider's metadata URL back into Nimbus Tasks, or upload the metadata XML file.

Next, verify your email domain: add the TXT record shown on the same page to your domain's DNS and click "Verify". Click "Test connection" to try a sign-in before you switch anything on for the team.

When the test works, turn on "Require SSO for members". People with an address on your verified domain then sign in through your provider, and new colleagues get an account automatically on their first sign-in. Guests keep signing in with a password or Google.

The Owner can always sign in with a password and 2FA, so a misconfigured provider cannot lock the whole workspace out.`,
  },
  {
    article_id: 'kb-audit-log',
    version: 2,
    title: 'Using the audit log',
    category: 'security',
    body: `The audit log records who did what in your workspace, for security reviews and investigations. It is part of the Enterprise plan and only Owners and Admins can see it.

Open it from Settings > Security > Audit log. Each entry shows the person, the action, the date and time in UTC, and the IP address it came from.

The log records sign-ins and failed sign-ins, members invited, removed or deactivated, role and permission changes, projects created, archived or deleted, exports, integrations connected or disconnected, API tokens created or revoked, and changes to workspace settings.

Use the filters at the top to narrow the list by person, type of event or date range. Click "Export CSV" to download the filtered entries, for example for a quarterly access review.

Entries are kept for two years and cannot be edited or deleted by anyone, including admins. To feed the log into your own security tools, read it through the API: see "Using the API and webhooks" for how to create a token.`,
  },
  // ---------------------------------------------------------------- features
  {
    article_id: 'kb-boards-lists',
    version: 2,
    title: 'Boards, lists and switching project views',
    category: 'features',
    body: `Every project can be shown as a board, a list, a timeline or a calendar. Switch between them with the view tabs at the top of the project; the tasks are the same in every view.

The board shows each section as a column of cards. Drag a card to another column to move the task, or drag columns to reorder them. Add a column with "+ Add section" at the right end of the board. To keep work in progress under control, open a column's menu and choose "Set limit".

The list shows tasks as rows grouped by section, like a spreadsheet. Click a column header to sort, and use the "Fields" button to show or hide columns such as assignee, due date or custom fields. Press Enter on a row to open the task.

Nimbus Tasks remembers the view you last used in each project. A project admin can choose the view everyone sees first from the project menu (three dots) > "Set default view". To keep a filtered view for later, set your filters and click "Save view".

Board, list and calendar views are available on every plan. The timeline view is part of the Team and Enterprise plans.`,
  },
  {
    article_id: 'kb-timeline-gantt',
    version: 2,
    title: 'Planning with the timeline (Gantt) view',
    category: 'features',
    body: `The timeline shows tasks as bars across a calendar, so you can plan a project from start to finish and see overlaps at a glance. It is part of the Team and Enterprise plans.

Open a project and click the "Timeline" tab. Every task with a start date and a due date appears as a bar. Drag either end of a bar to change the dates, or drag the whole bar to move the task.

Tasks without dates are listed in the "Unscheduled" panel on the left. Drag one onto the timeline to give it dates.

Use the zoom selector in the top right corner to switch between days, weeks, months and quarters. Click "Today" to jump back to the current date.

To show that one task has to wait for another, drag from the small dot at the end of one bar to the other bar; see "Task dependencies" for details. To mark a key date, open a task and choose three dots > "Mark as milestone": it appears as a diamond on the timeline.

To share the plan with someone outside Nimbus Tasks, click "Share" > "Export image" and choose PDF or PNG.`,
  },
  {
    article_id: 'kb-calendar-view',
    version: 2,
    title: 'Using the calendar view',
    category: 'features',
    body: `The calendar view shows tasks on their due dates. Open a project and click the "Calendar" tab. It is available on every plan.

Drag a task to another day to change its due date. Click an empty day to create a task that is due on that day. Use the toggle in the top right corner to switch between month and week, and tick "Show weekends" to show or hide Saturdays and Sundays.

To see everything assigned to you across all projects, open "My calendar" in the left sidebar.

The first day of the week follows your preferences: go to Profile > Preferences > "First day of week" to change it.

To see your Nimbus tasks in another calendar app, open the calendar view, click "Subscribe" and copy the iCal link into your calendar app. This feed is read-only, and your calendar app decides how often it refreshes, often every few hours. For two-way sync with Google Calendar, use the Google Calendar integration instead. Keep the iCal link private: anyone with it can see the tasks in the feed. Click "Reset link" to stop an old link from working.`,
  },
  {
    article_id: 'kb-custom-fields',
    version: 2,
    title: 'Adding custom fields to tasks',
    category: 'features',
    body: `Custom fields let you track information that matters to your team, such as budget, priority, client or review status. They are part of the Team and Enterprise plans.

To add one, open the project, click "Fields" in the top right corner and choose "+ Add field". Pick a type: text, number, currency, date, single select (a dropdown), multi-select, checkbox, person, URL or progress. Give it a name, add options for select fields, and click "Save".

The field then appears in every task of that project and as a column in the list view. You can sort, filter and group by it, and use it in automations.

To reuse a field in many projects, create it once as a workspace field under Settings > Custom fields. Then, in any project, click "Fields" > "Add existing field" and pick it.

To rename a field or change its options, click "Fields", then the field's name. Deleting a field removes its values from every task and cannot be undone, so export the project first if you might need them.

A project can have up to 50 custom fields.`,
  },
  {
    article_id: 'kb-automations',
    version: 2,
    title: 'Automating work with rules',
    category: 'features',
    body: `Rules do repetitive work for you: when something happens to a task, Nimbus Tasks carries out the actions you chose. Automations are part of the Team plan (up to 50 active rules per workspace) and the Enterprise plan (no limit).

To create a rule, open the project and click "Automate" (the lightning icon) > "+ New rule". First choose a trigger, such as a task being created, moved to a section, assigned, completed, a custom field changing, or a due date getting close. Optionally add conditions, for example "only if the label is Urgent". Then add one or more actions: assign someone, set a field, move the task, add a label, create a subtask, post a comment or send a Slack message.

For example: "When a task is moved to Done, mark it complete and notify the project owner."

Rules run within a few seconds. The "Run history" tab shows every run and explains any that failed. Use the switch next to a rule to pause it.

A rule acts with the permissions of the person who created it. If that person leaves the workspace, the rule is paused; an admin can take it over with "Change owner". Admins can create rules that apply to every project under Settings > Automations.`,
  },
  {
    article_id: 'kb-templates',
    version: 2,
    title: 'Project and task templates',
    category: 'features',
    body: `Templates save you from building the same project again and again.

Built-in templates are available on every plan. Click "New project" > "Use a template" and pick one from the gallery, such as Sprint planning, Content calendar, Client onboarding, Event plan or Bug tracking. You get the sections, example tasks and fields, ready to edit.

On the Team and Enterprise plans you can save your own projects as templates. Open the project, click the project menu (three dots) > "Save as template", and choose what to include: sections, tasks, subtasks, custom fields, rules and assignees. Due dates are saved relative to the project's start date, and you pick a new start date each time you use the template.

For tasks you create often, such as a bug report or a new-hire checklist, click the arrow next to "New task" and choose "Create task template". The template then appears in the same menu.

Manage all your templates under Settings > Templates. There you can rename or delete them, and choose whether a template is shared with the whole workspace or kept private to you.`,
  },
  {
    article_id: 'kb-time-tracking',
    version: 2,
    title: 'Tracking time on tasks',
    category: 'features',
    body: `Time tracking shows how long work really takes. It is part of the Team and Enterprise plans.

To time your work, open a task and click the clock icon > "Start timer". The timer keeps running if you close the tab or switch to the mobile app. Click "Stop" when you are done. Only one timer runs at a time: starting a new one stops the previous one.

To log time afterwards, click the clock icon > "Add time manually" and enter the duration, the date and an optional note. Tick "Billable" for time you charge to a client.

To plan, set an "Estimate" on the task; the task then shows time logged against the estimate.

Everyone can edit or delete their own time entries from the task's "Time" tab. Admins can edit everyone's entries.

For reports, go to Reports > Time tracking. Filter by person, project, label or date range, and group the results by day, week or person. Click "Export CSV" to download the report, for example to prepare client invoices in your accounting software.`,
  },
  {
    article_id: 'kb-dependencies',
    version: 2,
    title: 'Task dependencies (blocked by and blocking)',
    category: 'features',
    body: `A dependency says that one task cannot start or finish until another one is done. Dependencies are part of the Team and Enterprise plans.

To add one, open the task, find the "Dependencies" field and click "Add dependency". Choose "Blocked by" or "Blocking", then search for the other task by name or ID. The other task can be in any project in the same workspace.

In the timeline view you can also drag from the dot at the end of one bar to another bar. An arrow then connects the two tasks.

A task that is waiting for others shows an orange "Blocked" badge until all the tasks blocking it are complete. The assignee is notified when the last blocking task is completed, so they know they can start.

To keep schedules consistent, open the timeline, click "Timeline settings" and switch on "Shift dependent tasks". Moving a task's dates then moves the tasks that depend on it by the same amount.

To remove a dependency, open the task, hover over the dependency and click the "x". Nimbus Tasks does not allow circular dependencies, where two tasks wait for each other, and tells you which task closes the loop.`,
  },
  {
    article_id: 'kb-mobile-app',
    version: 2,
    title: 'The Nimbus Tasks mobile app for iOS and Android',
    category: 'features',
    body: `The Nimbus Tasks app is free on every plan and runs on iPhone and iPad with iOS 16 or later, and on Android 10 or later. Search for "Nimbus Tasks" in the App Store or on Google Play.

Sign in the same way as on the web. If your company uses single sign-on, tap "Sign in with SSO" and enter your work email.

On your phone you can create and edit tasks, move cards on boards, use the list and calendar views, comment, @mention colleagues, attach photos straight from the camera, and start or stop time tracking. The timeline view can be viewed on phones and edited on tablets.

Allow notifications when the app asks, so you hear about new assignments and mentions. If you said no, turn them on in your phone's Settings > Notifications > Nimbus Tasks.

Add the "My tasks today" widget to your home screen to see what is due without opening the app: long-press the home screen, tap "Widgets" (Android) or the "+" button (iPhone) and choose Nimbus Tasks.

The app also works without a connection; see "Working offline".`,
  },
  {
    article_id: 'kb-offline-mode',
    version: 2,
    title: 'Working offline',
    category: 'features',
    body: `The mobile apps keep working when you have no internet connection, for example on a plane without Wi-Fi or in a basement meeting room.

Projects you opened recently are available offline automatically. To be sure a project is there when you need it, open it in the app and tap the project menu (three dots) > "Make available offline".

While you are offline you can create, edit, complete and comment on tasks. Your changes are saved on the device, and a cloud icon with a number shows how many are waiting. As soon as you are back online they are uploaded automatically; you do not need to do anything.

If someone else changed the same field while you were offline, the most recent change is kept, and the other version stays visible in the task's activity history, so nothing is lost.

Attachments are only available offline if you opened them before losing the connection.

The web app needs a connection. If it goes offline, a banner says "You are offline" and the page stays read-only until the connection returns. If changes do not appear on another device after you reconnect, see "Tasks not syncing between the mobile app and the web".`,
  },
  {
    article_id: 'kb-dark-mode',
    version: 2,
    title: 'Dark mode and display settings',
    category: 'features',
    body: `You can choose how Nimbus Tasks looks on each of your devices.

On the web, click your profile picture > Preferences > Appearance and choose "Light", "Dark" or "Match system". "Match system" follows your computer's setting and switches automatically if your computer changes between light and dark during the day.

In the mobile app, tap the "Profile" tab > Settings > Appearance and choose the same options.

On the same page you can pick a density: "Comfortable" shows more space around tasks, "Compact" fits more tasks on the screen. There is also a "High contrast" theme, which makes text and borders easier to read, and a "Reduce motion" switch that turns off animations.

These settings are saved per device, so you can use dark mode on your phone and light mode on your laptop. They only change how Nimbus Tasks looks for you, not for your colleagues.

To make a project easier to recognise in the sidebar, open the project menu (three dots) > "Colour and icon". Project colours are the same for everyone in the workspace.`,
  },
  {
    article_id: 'kb-keyboard-shortcuts',
    version: 2,
    title: 'Keyboard shortcuts',
    category: 'features',
    body: `Keyboard shortcuts help you move through Nimbus Tasks without the mouse. Press "?" anywhere in the web app to see the full list.

The most used shortcuts are:

N creates a new task in the current project. Press / to jump to the search bar. Ctrl+K (Cmd+K on a Mac) opens the command menu, where you can type the name of any project, task or action. J and K move down and up through tasks, and Enter opens the selected task. Esc closes the open task.

With a task selected, M assigns it to you, D sets the due date, L adds a label and C jumps to the comment box. Ctrl+Enter (Cmd+Enter on a Mac) marks the task complete.

In a project, press 1 for the list, 2 for the board, 3 for the timeline and 4 for the calendar.

Shortcuts cannot be remapped. If they get in the way, for example with a screen reader, turn them off under profile picture > Preferences > "Keyboard shortcuts". Shortcuts are not active while you are typing in a text field.`,
  },
  {
    article_id: 'kb-attachments-storage',
    version: 2,
    title: 'Attachments and storage limits',
    category: 'features',
    body: `You can attach files to any task or comment. Drag files onto the open task, or click the paperclip icon and choose files from your computer. You can also link files from Google Drive, Dropbox or OneDrive; linked files stay where they are and do not use your storage.

Images and PDFs show a preview, and videos play in the task. To replace a file with a newer version, open the file's menu and choose "Upload new version"; earlier versions stay available in the same menu.

The largest file you can upload is 25 MB on the Free plan and 250 MB on the Team and Enterprise plans. Each workspace has a total storage of 1 GB on Free, 100 GB on Team and 1 TB on Enterprise.

To see how much storage your workspace uses, go to Settings > Data > Storage. The page lists the largest files and the projects that use the most space. Deleted attachments still count until they leave the trash after 30 days; an admin can empty the trash sooner from the same page.

If an upload fails, see "File uploads failing".`,
  },
  {
    article_id: 'kb-recurring-tasks',
    version: 2,
    title: 'Creating recurring tasks',
    category: 'how-to',
    body: `A recurring task repeats on a schedule, which is handy for weekly reports, monthly invoices or daily stand-up notes. Recurring tasks are available on every plan.

Open a task, click the due date, and choose "Repeat". You can repeat daily, weekly on chosen days, monthly on a date, or every N days after completion. Pick "Custom" for patterns such as every second week or the last working day of the month.

When you complete a recurring task, the next one is created with the same assignee, description and checklist. Comments and attachments stay with the completed task. The next task appears as soon as you complete the current one, so it is easy to see in advance.

To change the schedule, open the latest task, click the due date and edit the "Repeat" setting; the change applies to future tasks only. To stop a recurrence, open the latest task and set "Repeat" to "Never".

A recurring task shows a circular arrow icon next to its due date in every view.`,
  },
  {
    article_id: 'kb-subtasks',
    version: 2,
    title: 'Subtasks and checklists',
    category: 'how-to',
    body: `Break big tasks into smaller steps with subtasks or checklists.

A subtask is a full task of its own: it can have an assignee, a due date, comments and attachments. To add one, open the task and click "Add subtask" below the description, type a name and press Enter. Subtasks can have their own subtasks, up to three levels deep.

A checklist is lighter: a list of items you tick off, without assignees or dates. Open the task and click "Add checklist". It suits things like a packing list or review steps.

The parent task shows progress, for example "3/5", so you can see how far along it is. When you complete a parent task that still has open subtasks, Nimbus Tasks asks whether to complete them too.

To show subtasks as their own rows in the list view, click "View options" and switch on "Show subtasks". To turn a subtask into a normal task, open its menu (three dots) and choose "Convert to task". To move a task under another task, drag it onto that task in the list view.`,
  },
  {
    article_id: 'kb-labels',
    version: 2,
    title: 'Organising tasks with labels',
    category: 'how-to',
    body: `Labels are coloured tags such as "Urgent", "Bug" or "Client A" that you can put on any task to group and find work quickly. Labels are shared by the whole workspace and available on every plan.

To add a label, open a task, click "Labels" and start typing. Choose an existing label from the list, or press Enter to create a new one. A task can have as many labels as you need. With a task selected, you can also press L.

To see all tasks with a label, click "Filter" in any project and choose Labels, or search for label:urgent in the search bar.

To rename a label, change its colour, merge two labels that mean the same thing, or delete one, go to Settings > Labels. Changes apply everywhere the label is used. Deleting a label removes it from all tasks, but the tasks themselves stay.

Labels are best for quick tagging. For information with fixed options that should be filled in on every task, such as a budget or a client name, custom fields are a better fit.`,
  },
  {
    article_id: 'kb-search-filters',
    version: 2,
    title: 'Finding tasks with search and filters',
    category: 'how-to',
    body: `Search looks through task names, descriptions, comments and attachment file names in every project you can access. Click the search bar at the top of the page or press "/" and start typing.

Narrow a search with filters typed into the search bar: assignee:me, label:urgent, due:this-week, due:overdue, is:open, is:completed, and in:"Project name". You can combine them, for example: assignee:me is:open due:this-week.

Inside a project, click "Filter" to filter the current view by assignee, due date, label, section, status or any custom field. Click "Sort" to order tasks by due date, priority, creation date or a custom field.

To keep a set of filters, click "Save view" and give it a name. Saved views appear as extra tabs at the top of the project. Share a saved view with the project, or keep it for yourself.

Archived projects and completed tasks are hidden from search by default. Tick "Include archived" or add is:completed to find them.

Search results only ever show tasks you have permission to see.`,
  },
  {
    article_id: 'kb-notification-settings',
    version: 2,
    title: 'Choosing which notifications you get',
    category: 'how-to',
    body: `You decide which events notify you and where. Click your profile picture > Notifications.

For each event you can choose the channels: in-app inbox, email, mobile push and desktop (browser). The events are: a task is assigned to you, you are @mentioned, someone comments on a task you follow, a due date is coming up, and a task you follow changes status.

If you get too many emails, switch on "Daily summary": you then receive one email each morning instead of one per event.

To stay undisturbed outside working hours, set "Quiet hours" on the same page. Push and desktop notifications are held during quiet hours and delivered afterwards.

You can also set notifications per project. Open the project, click the bell icon and choose "All activity", "Only mentions and assignments" or "Mute".

You automatically follow tasks you create, are assigned to or comment on. To follow any other task, open it and click "Follow"; click "Following" to stop.

If notifications are switched on but still do not reach you, see "Notifications not arriving".`,
  },
  {
    article_id: 'kb-email-to-task',
    version: 2,
    title: 'Creating tasks by email',
    category: 'how-to',
    body: `You can turn emails into tasks by forwarding them to Nimbus Tasks. This works on every plan.

Every project has its own email address. Open the project, click the project menu (three dots) > "Email tasks to this project" and copy the address. Add it to your contacts so it is easy to find.

When you send or forward an email to that address, the subject becomes the task name, the body becomes the description and attachments are attached to the task, within your plan's file size limit. The task appears in the project's first section.

You also have a personal address that puts tasks in "My tasks": find it under Profile > Email to task.

You can set details in the subject line: add #label to apply a label, and @name to assign a colleague. For example: "Prepare Q3 report #finance @sam".

Only emails sent from the address of a workspace member are accepted; others are ignored, which keeps spam out. If an address has been shared too widely, click "Regenerate address" in the same menu; the old address stops working at once.`,
  },
  {
    article_id: 'kb-trash-restore',
    version: 2,
    title: 'Restoring deleted or archived tasks and projects',
    category: 'how-to',
    body: `Deleted tasks and projects are not gone straight away: they go to the trash, where they stay for 30 days.

Right after you delete a task, an "Undo" button appears at the bottom of the screen for a few seconds. You can also press Ctrl+Z (Cmd+Z on a Mac).

Later, open "Trash" in the left sidebar. Use the search box to find the item, select it and click "Restore". A restored task returns to its original project and section, with its comments, subtasks and attachments. Members can restore the tasks they deleted; Owners and Admins can restore anything, including whole projects.

After 30 days, items in the trash are deleted permanently and cannot be recovered.

Archiving is different from deleting. An archived project is hidden from the sidebar but kept forever, read-only. To archive a project, open the project menu (three dots) > "Archive". To bring it back, go to Settings > Data > Archived projects and click "Unarchive".

Completed tasks are never deleted automatically. To see them, use the "Show completed" option in the view, or search with is:completed.`,
  },
  // ---------------------------------------------------------------- data in and out
  {
    article_id: 'kb-export-data',
    version: 2,
    title: 'Exporting your projects and tasks to CSV or JSON',
    category: 'how-to',
    body: `You can export a project at any time, on every plan. Open the project, click the three-dot menu in the top right corner and choose "Export". Pick CSV for spreadsheets or JSON for a complete export including comments, attachments links and custom fields.

CSV is the easiest format to read: it opens in Excel, Google Sheets or Numbers, with one row per task and one column per field. JSON is meant for developers and for moving data into other software.

Tick "Include completed tasks" and "Include archived tasks" if you want those too; by default only open tasks are exported.

Exports of large projects are prepared in the background; we email you a download link when the file is ready, usually within five minutes. Download links stay valid for seven days.

Workspace owners can export every project at once from Settings, then Data, then "Export workspace". Tick "Include attachments" to receive the files as well, in a ZIP archive.

To export only some tasks, filter the list view first, then choose "Export" > "Current view only".`,
  },
  {
    article_id: 'kb-import-csv',
    version: 2,
    title: 'Importing tasks from a CSV file',
    category: 'how-to',
    body: `You can bring tasks into Nimbus Tasks from a spreadsheet or from another tool. Most task and project tools can export a CSV file: export your data there first, then import the file here.

To start, click "New project" > "Import" > "CSV file", or open an existing project and choose the project menu (three dots) > "Import CSV".

The file must be a CSV saved with UTF-8 encoding, separated by commas or semicolons, with column names in the first row. One file can have up to 10,000 rows and be up to 20 MB.

Next, match your columns to Nimbus fields. Only "Task name" is required. You can also map description, assignee (matched by email address), start and due date, section, labels (several labels separated by commas) and any custom field. The preview shows your first five rows as they will be imported.

Click "Import". Small files are imported at once; large files are imported in the background, and we email you a summary when they are done. People who are not in the workspace yet are left unassigned, and the summary lists them.

Changed your mind? Within 24 hours, open the project menu > "Undo import" to remove everything that import created. If the import stops with an error, see "When a CSV import fails".`,
  },
  {
    article_id: 'kb-import-failures',
    version: 2,
    title: 'When a CSV import fails',
    category: 'troubleshooting',
    body: `If an import stops with an error or the tasks look wrong, the message or the import summary email tells you what happened. These are the usual causes and fixes.

"File could not be read": the file is not a plain CSV. In Excel, choose File > Save As and pick "CSV UTF-8 (Comma delimited)". In Google Sheets, choose File > Download > "Comma-separated values".

Accented letters or symbols turn into strange characters: the file was not saved as UTF-8. Save it again as described above and import again.

"Missing task name column": in the mapping step, match one of your columns to "Task name". Rows with an empty task name are skipped.

Dates are empty or wrong: in the mapping step, choose the date format your file uses, or change the dates in the file to YYYY-MM-DD.

"Too many rows": one file can have up to 10,000 rows. Split it into several files and import them one after the other into the same project.

Text that spreads over several lines inside one cell must be wrapped in double quotes, otherwise the rows get mixed up.

Some rows were skipped: click "Download import report" in the summary email. It lists every skipped row and the reason, so you can fix those rows and import just them.`,
  },
  // ---------------------------------------------------------------- integrations
  {
    article_id: 'kb-slack-integration',
    version: 2,
    title: 'Connecting Nimbus Tasks to Slack',
    category: 'integrations',
    body: `The Slack integration posts task updates to a channel and lets you create tasks from Slack messages. It is part of the Team and Enterprise plans. Go to Settings, then Integrations, and click "Connect" next to Slack. Approve the permissions in the Slack window that opens.

Then open a project, choose "Notifications" and pick the Slack channel that should receive updates. You can choose which events are posted: new tasks, completed tasks, comments or all activity.

To create a task from a message, use the message's "More actions" menu and choose "Create Nimbus task". You can also type /nimbus add followed by a task name in any channel.

To get your personal notifications, such as mentions and assignments, as Slack direct messages, go to Profile > Notifications and switch on the Slack column.

If notifications stop arriving, disconnect and reconnect the integration: Slack revokes tokens when the installing user leaves the Slack workspace.`,
  },
  {
    article_id: 'kb-google-calendar',
    version: 2,
    title: 'Syncing with Google Calendar',
    category: 'integrations',
    body: `The Google Calendar integration shows your Nimbus tasks in Google Calendar and your Google events in Nimbus Tasks. It is part of the Team and Enterprise plans, and each person connects their own calendar.

Go to Settings > Integrations and click "Connect" next to Google Calendar. Sign in with your Google account and allow access.

Then choose what to sync. "Show my tasks in Google Calendar" creates a calendar called "Nimbus Tasks" in your Google account with every task assigned to you that has a due date. The sync works both ways: moving the event in Google Calendar changes the task's due date. "Show Google events in Nimbus" adds your meetings to the Nimbus calendar view, so you can plan work around them.

Tasks with a due time appear at that time; tasks with only a date appear as all-day events. Tasks without a due date do not appear. Changes usually show up in the other calendar within five minutes.

To stop syncing, go back to Settings > Integrations and click "Disconnect" next to Google Calendar. The "Nimbus Tasks" calendar is then removed from your Google account; your tasks in Nimbus are not changed.`,
  },
  {
    article_id: 'kb-microsoft-teams',
    version: 2,
    title: 'Using Nimbus Tasks in Microsoft Teams',
    category: 'integrations',
    body: `The Microsoft Teams integration brings your projects into Teams channels. It is part of the Team and Enterprise plans.

Go to Settings > Integrations and click "Connect" next to Microsoft Teams, then sign in with your Microsoft work account. In some companies a Microsoft 365 administrator must approve the Nimbus Tasks app in the Teams admin center first; if you see a message asking for approval, forward it to your IT team.

To add a project to a channel, open the channel in Teams, click "+" at the top, search for "Nimbus Tasks" and choose the project. It appears as a tab that everyone in the channel can use.

To post updates to a channel, open the project in Nimbus Tasks, click "Notifications", choose Microsoft Teams and pick the team and channel.

To turn a Teams message into a task, click the three dots on the message > "More actions" > "Create Nimbus task".

Install the Nimbus Tasks personal app in Teams to receive reminders and mentions as chat messages.

To remove the integration, go to Settings > Integrations and click "Disconnect" next to Microsoft Teams.`,
  },
  {
    article_id: 'kb-github',
    version: 2,
    title: 'Linking GitHub commits and pull requests to tasks',
    category: 'integrations',
    body: `The GitHub integration shows the code work behind a task right inside the task. It is part of the Team and Enterprise plans, and an Owner or Admin sets it up.

Go to Settings > Integrations and click "Connect" next to GitHub. Install the Nimbus Tasks GitHub app on your organisation and choose which repositories it may see; private repositories are supported.

Every task has a short, readable ID, such as NT-1234, shown at the top of the open task. Click it to copy it. Put that ID in a branch name, a commit message or a pull request title, and the commit or pull request appears in the task's "Development" panel with its current status.

To close tasks automatically, open the project and go to the project menu (three dots) > Integrations > GitHub, then switch on "Complete task when a linked pull request is merged".

To change which repositories are connected, click "Configure" next to GitHub in Settings > Integrations. To stop the integration, click "Disconnect" there, and uninstall the app in your GitHub organisation settings.`,
  },
  {
    article_id: 'kb-zapier',
    version: 2,
    title: 'Connecting other apps with Zapier',
    category: 'integrations',
    body: `Zapier connects Nimbus Tasks with thousands of other apps without writing code. It is available on the Team and Enterprise plans. You need a Zapier account; Zapier's own plans are separate from Nimbus Tasks.

In Zapier, create a new Zap and search for "Nimbus Tasks" as the app. When asked, sign in to Nimbus Tasks and click "Allow" to connect your account.

Nimbus Tasks can start a Zap when a task is created, completed or moved to a section, or when a comment is added. Zaps can create a task, update a task, add a comment or find a task. For example: "When a new Google Forms response arrives, create a Nimbus task", "When a new row is added to a spreadsheet, create a Nimbus task", or "When a task is completed, send a message to a chat app".

A Zap acts with your permissions in Nimbus Tasks. If you leave the workspace or lose access to a project, the Zaps that use it stop working.

If a Zap stops running, open "My apps" in Zapier, find Nimbus Tasks and click "Reconnect". You can see and remove connected apps in Nimbus Tasks under Profile > Connected apps.`,
  },
  {
    article_id: 'kb-api-webhooks',
    version: 2,
    title: 'Using the API and webhooks',
    category: 'integrations',
    body: `The Nimbus Tasks REST API lets your own software read and change projects, tasks, comments and time entries. The API and webhooks are part of the Team and Enterprise plans.

To get a token, go to Profile > Developer and click "Generate token". Give it a name and copy it straight away; it is only shown once. Send it in the Authorization header of each request as "Bearer" followed by the token. The API base URL and the full reference are shown on the same Developer page.

A token acts with your permissions: it can only see what you can see. Revoke a token on the Developer page at any time.

Each token can make up to 100 requests per minute. Above that, the API answers with status 429 and a Retry-After header saying how many seconds to wait.

Webhooks tell your software when something changes. Go to Settings > Integrations > Webhooks and click "Add webhook". Enter an HTTPS address and choose the events, such as task created, task updated, task completed or comment added. Each delivery carries an X-Nimbus-Signature header, an HMAC-SHA256 of the body made with the webhook's secret, so you can check it came from us. If your address does not answer with a 2xx status, we retry up to five times over about an hour.`,
  },
  // ---------------------------------------------------------------- troubleshooting
  {
    article_id: 'kb-sync-troubleshooting',
    version: 2,
    title: 'Tasks not syncing between the mobile app and the web',
    category: 'troubleshooting',
    body: `If changes made on your phone do not show up on the web (or the other way round), first check that the mobile app is up to date and that the device is online. Pull down on the task list to force a sync.

Look for the cloud icon at the top of the app. A number next to it means changes are still waiting to be uploaded; tap it to see which ones and to retry.

If the problem continues, sign out of the mobile app and sign in again. This clears the local cache and downloads your tasks fresh; unsynced changes made offline are kept and uploaded first.

Sync issues can also come from the device clock: make sure date and time are set automatically in your phone settings.

On Android, battery saving can stop the app from syncing in the background. Go to your phone's Settings > Apps > Nimbus Tasks > Battery and choose "Unrestricted".

On the web, reload the page with Ctrl+Shift+R (Cmd+Shift+R on a Mac) to load the latest data. If only one project is affected, check that you still have access to it: a project that was made private or archived disappears from the app.`,
  },
  {
    article_id: 'kb-notifications-not-arriving',
    version: 2,
    title: 'Notifications not arriving',
    category: 'troubleshooting',
    body: `If you are missing notifications, first check that they are switched on: click your profile picture > Notifications and make sure the channel you expect (email, mobile push or desktop) is ticked for that event. Also check that "Quiet hours" are not active and that the project is not muted (the bell icon in the project).

You are not notified about your own actions, and you only get comment notifications for tasks you follow.

Email: look in your spam or junk folder and add notifications@nimbustasks.example to your contacts. Company mail filters sometimes hold automated emails; your IT team can allow that address.

Desktop: your browser must be allowed to show notifications. Click the padlock icon in the address bar, set Notifications to "Allow", and reload the page.

Mobile push: in your phone's Settings > Notifications > Nimbus Tasks, allow notifications. Focus or Do Not Disturb modes on the phone also hold them back. On Android, set the app's battery usage to "Unrestricted" under Settings > Apps > Nimbus Tasks > Battery.

If you use the app on several phones, only the ones you are signed in to receive push notifications. Signing out and back in registers the device again.`,
  },
  {
    article_id: 'kb-slow-loading',
    version: 2,
    title: 'Nimbus Tasks is slow or does not load',
    category: 'troubleshooting',
    body: `If Nimbus Tasks is slow, pages take a long time to open, or a big project takes a minute to load, these steps fix most cases.

First, check whether there is a known problem: open Help > "System status". If an incident is listed, we are already working on it and the page shows updates.

Reload the page without the cache: press Ctrl+Shift+R (Cmd+Shift+R on a Mac). If that helps, clear your browser's cache and cookies for Nimbus Tasks.

Try a private or incognito window. If Nimbus Tasks is fast there, a browser extension is slowing it down; ad blockers and privacy extensions are the usual suspects. Turn extensions off one by one to find it.

Make sure your browser is supported and up to date (see "Supported browsers and devices"), and that hardware acceleration is switched on in the browser settings.

Very large projects load faster when they hold fewer tasks. Filter the view, or use the project menu (three dots) > "Archive completed tasks". The list view loads faster than the timeline for projects with thousands of tasks.

A VPN or company proxy can slow things down; try another network to compare. If it is still slow, click Help > "Send diagnostics" and describe what you see: this adds technical details to your support request.`,
  },
  {
    article_id: 'kb-attachment-upload-failing',
    version: 2,
    title: 'File uploads failing',
    category: 'troubleshooting',
    body: `If a file will not attach to a task, the message shown usually tells you why.

"File too large": the largest file you can upload is 25 MB on the Free plan and 250 MB on the Team and Enterprise plans. Compress the file, split it, or link it from Google Drive, Dropbox or OneDrive instead.

"Workspace storage is full": an Owner or Admin can see what uses the space under Settings > Data > Storage, delete files that are no longer needed and empty the trash.

"File type not allowed": for safety, program files such as .exe, .bat, .msi and .sh cannot be uploaded. Put them in a ZIP file first.

Upload stuck at 0% or failing without a message: reload the page and try again. Try a private window to rule out browser extensions, and another network to rule out a VPN, firewall or company proxy that blocks uploads.

In the mobile app, make sure Nimbus Tasks may use your photos and files: on iPhone, go to Settings > Nimbus Tasks > Photos; on Android, Settings > Apps > Nimbus Tasks > Permissions.

Files with very long names (over 200 characters) can fail; rename the file and try again.`,
  },
  {
    article_id: 'kb-browser-support',
    version: 2,
    title: 'Supported browsers and devices',
    category: 'troubleshooting',
    body: `Nimbus Tasks works in the latest two versions of Google Chrome, Mozilla Firefox, Apple Safari and Microsoft Edge, on Windows, macOS, Linux and ChromeOS. Internet Explorer is not supported.

JavaScript and cookies must be enabled. If you use an unsupported or outdated browser, a yellow banner at the top of the page tells you so; update your browser to get rid of it.

The web app is designed for screens at least 1024 pixels wide. On smaller screens, such as phones, use the mobile app for iOS or Android instead (see "The Nimbus Tasks mobile app").

Desktop apps are available for macOS 12 or later and Windows 10 or later: go to Help > "Download apps". They work like the web app, with native notifications and a menu-bar shortcut for quick task entry. On other systems, use the web app in a supported browser.

To check which version of your browser you have, open its menu and look for "About" (for example Help > About Google Chrome). Most browsers update themselves; a restart of the browser finishes the update.`,
  },
  {
    article_id: 'kb-status-uptime',
    version: 2,
    title: 'Service status and planned maintenance',
    category: 'troubleshooting',
    body: `To check whether Nimbus Tasks is down or working normally, open Help > "System status" in the app. It opens our public status page, which shows the state of each part of the service: the web app, mobile sync, notifications, integrations and the API.

When something goes wrong, we post an incident on the status page with what is affected, and update it until it is resolved. To hear about incidents without checking, click "Subscribe to updates" on the status page and choose email or RSS.

Planned maintenance is announced on the status page and in a banner in the app at least 72 hours in advance. We schedule it outside European and North American working hours, and most maintenance causes no interruption at all.

The status page also shows the uptime of each part of the service over the last 90 days. Enterprise customers find the uptime commitment for their workspace in their agreement.

If Nimbus Tasks does not work for you but the status page shows everything as working, the cause is often local: see "Nimbus Tasks is slow or does not load". If that does not help, contact us and tell us the time, your browser and what you see.`,
  },
  // ---------------------------------------------------------------- plans and billing
  {
    article_id: 'kb-plans-overview',
    version: 2,
    title: 'Plans and what they include',
    category: 'plans',
    body: `Nimbus Tasks has three plans: Free, Team and Enterprise. The plan your workspace is on is shown under Settings > Billing.

Free includes up to 5 members and 3 projects. It has board, list and calendar views, subtasks, labels, recurring tasks, email-to-task, the mobile apps, 1 GB of storage and files up to 25 MB.

Team adds unlimited projects, timeline view, guest access and integrations. It also includes dependencies, custom fields, automations, time tracking, your own templates, the API and webhooks, 100 GB of storage and files up to 250 MB. The integrations cover Slack, Google Calendar, Microsoft Teams, GitHub and Zapier.

Enterprise adds single sign-on (SAML), audit logs, advanced permissions and a dedicated success manager. It also includes unlimited automations and 1 TB of storage.

You can upgrade or downgrade from Settings, then Billing. Upgrades apply immediately; downgrades take effect at the end of the current billing period. Prices depend on your currency and billing period and are shown on the Billing page for your currency. For more about switching, see "Upgrading, downgrading or changing seats".`,
  },
  {
    article_id: 'kb-change-plan',
    version: 2,
    title: 'Upgrading, downgrading or changing seats',
    category: 'billing',
    body: `Only the workspace Owner, or an Admin with billing access, can change the plan.

To upgrade, go to Settings > Billing > "Change plan", choose Team or Enterprise, and confirm. The new features are available immediately. The Billing page shows what will be charged for the rest of the current period before you confirm.

To downgrade, go to the same page and choose the lower plan. The change takes effect at the end of the current billing period, and you keep every feature until then. When a workspace moves to Free, nothing is deleted: you choose 3 projects to keep active and the others become read-only, the timeline, automations and integrations switch off, and guests lose access until you upgrade again.

To add or remove paid seats, go to Settings > Billing > "Seats". Removing a member from the workspace frees their seat.

To switch between monthly and yearly billing, click "Billing period" on the Billing page.

There is no separate cancel button: to stop paying, downgrade to Free. Your data stays available on the Free plan. Enterprise customers change their plan with their success manager.`,
  },
  {
    article_id: 'kb-billing-invoices',
    version: 2,
    title: 'Downloading invoices and changing the billing email',
    category: 'billing',
    body: `Every time your workspace is charged, we email an invoice to the billing contact. You can also download every invoice yourself.

Go to Settings > Billing > "Invoices" to see all past invoices with their date, number and status. Click "Download PDF" next to an invoice to save it. Only the Owner and Admins with billing access can see this page.

To change where invoices are sent, go to Settings > Billing > "Billing contact" and click "Edit". You can enter up to three email addresses, for example your finance team's shared mailbox. The billing contact does not need to be a member of the workspace.

To change the company name, address or purchase order number printed on invoices, edit "Billing details" on the same page. Changes apply to future invoices.

For an invoice issued before you changed your details, contact us with the invoice number and we will look into reissuing it.

If you do not see an invoice email, check spam and make sure the billing contact address is correct. Invoices are also in your account under Settings > Billing > "Invoices" at any time.`,
  },
  {
    article_id: 'kb-payment-method',
    version: 2,
    title: 'Updating your payment method',
    category: 'billing',
    body: `To change the card your subscription is paid with, go to Settings > Billing > "Payment method" and click "Update". Enter the new card details and click "Save". The new card is used for the next payment; we do not charge it when you save it.

We accept Visa, Mastercard and American Express. Yearly Team plans and Enterprise plans can also be paid by bank transfer against an invoice; to switch to bank transfer, contact us from the billing contact's email address.

Your bank may ask you to confirm the card with a code or in its app (3-D Secure). Keep the window open until the confirmation finishes.

Card details are stored by our payment provider. Nimbus Tasks never sees or stores your full card number.

If a payment fails, we email the billing contact and try again several times over 14 days. Update the payment method during that time to keep your plan. If the payment still fails, the workspace moves to the Free plan; nothing is deleted, and you can upgrade again at any time.

Only the Owner and Admins with billing access can change the payment method.`,
  },
  {
    article_id: 'kb-vat-tax-id',
    version: 2,
    title: 'Adding a VAT number or tax ID to your invoices',
    category: 'billing',
    body: `If your company has a VAT number or another tax ID, add it so that it appears on your invoices.

Go to Settings > Billing > "Billing details" and click "Tax ID". Choose your country, enter the number and click "Save". Enter it with its country prefix, for example DE123456789 for Germany or FR12345678901 for France.

EU VAT numbers are checked against the European Commission's VIES service when you save them. If the check fails, make sure the country prefix is included and that there are no spaces or dots, then try again. If VIES is temporarily unavailable, we check again automatically later.

We also accept UK VAT numbers, Swiss VAT numbers, Australian ABNs, Canadian GST/HST numbers and Norwegian organisation numbers.

The tax ID, together with your company name and address from "Billing details", is printed on every invoice issued after you save it. It is not added to invoices issued earlier; for those, contact us with the invoice numbers.

Only the Owner and Admins with billing access can change billing details.`,
  },
]

export const ARTICLES: Article[] = WRITTEN.map((a) => ({ ...a, questions: ARTICLE_QUESTIONS[a.article_id] ?? [] }))
