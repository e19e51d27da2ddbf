//! The outbox (D8): `outbox list|show|approve|discard|mark-sent|export|send|overdue|agenda|templates|template`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use runway_core::Error;
use runway_core::Planner;
use runway_core::mail::{Address, Smtp};
use runway_core::settings::{MailSecurity, MailSettings, SettingsFile};
use runway_domain::notify::{Message, MessageState, Template, Trigger};

use super::{open, open_read};
use crate::output::{say, to_json};

#[derive(Args)]
pub struct OutboxArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: OutboxAction,
}

#[derive(Clone, Copy, ValueEnum)]
enum State {
    Pending,
    Approved,
    Sending,
    Sent,
    Failed,
    Discarded,
    Check,
}

impl State {
    fn state(self) -> MessageState {
        match self {
            State::Pending => MessageState::Pending,
            State::Approved => MessageState::Approved,
            State::Sending => MessageState::Sending,
            State::Sent => MessageState::Sent,
            State::Failed => MessageState::Failed,
            State::Discarded => MessageState::Discarded,
            State::Check => MessageState::Check,
        }
    }
}

#[derive(Subcommand)]
enum OutboxAction {
    /// The messages, newest first (all, or those in --state).
    List {
        #[arg(long, value_enum)]
        state: Vec<State>,
        #[arg(long)]
        json: bool,
    },
    /// One message exactly as it will go out: sender, recipients with their role, subject, body,
    /// invitation.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Approve messages to be sent (all of them, or none when one cannot be).
    Approve {
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        ids: Vec<i64>,
        /// Every message waiting for approval.
        #[arg(long)]
        all: bool,
    },
    /// Discard messages: they will not go out.
    Discard {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// A message whose send was cut off, checked: it went out.
    MarkSent { id: i64 },
    /// Change a message's subject and body before approving it.
    Edit {
        id: i64,
        #[arg(long)]
        subject: Option<String>,
        /// The body, from a text file (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        body: Option<PathBuf>,
    },
    /// Write one .eml file per message (IDs, or every one not discarded) into a folder.
    Export {
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
        ids: Vec<i64>,
    },
    /// Send the approved messages (and failed ones whose retry time has come) over SMTP. The
    /// server comes from the options, else from the app's Settings → Mail; the password from
    /// RUNWAY_SMTP_PASSWORD, else the desktop's secret store.
    Send {
        /// HOST:PORT of the mail server.
        #[arg(long, value_name = "HOST:PORT")]
        smtp: Option<String>,
        /// Upgrade the connection with STARTTLS (the default for port 587).
        #[arg(long, conflicts_with_all = ["tls", "plain"])]
        starttls: bool,
        /// TLS from the first byte (port 465).
        #[arg(long, conflicts_with = "plain")]
        tls: bool,
        /// No encryption: only for a relay on this machine or a test server.
        #[arg(long)]
        plain: bool,
        #[arg(long)]
        user: Option<String>,
        /// Send as this address (when the server sends only as its user).
        #[arg(long, value_name = "EMAIL")]
        from: Option<String>,
        /// Only these messages.
        #[arg(long = "id")]
        ids: Vec<i64>,
    },
    /// Make a message for each release overdue in its stage that was not told of yet.
    Overdue,
    /// Make the CAB agenda message for a range of days.
    Agenda {
        #[arg(long)]
        from: NaiveDate,
        #[arg(long)]
        to: NaiveDate,
    },
    /// The message templates (one per kind of event), with their placeholders.
    Templates {
        #[arg(long)]
        json: bool,
    },
    /// Replace a template from a JSON file ({"trigger", "subject", "body", "auto_approve"}).
    Template { file: PathBuf },
}

fn line(m: &Message) -> String {
    let about = m.release.as_deref().unwrap_or("portfolio");
    let invite = m.invite.as_ref().map(|i| format!(" [{} #{}]", i.method.as_str(), i.sequence)).unwrap_or_default();
    format!(
        "{:>5}  {:<26} {:<18} {:<16} {:>3} to  {}{invite}",
        m.id,
        m.state.label(),
        m.trigger.label(),
        about,
        m.recipients.len(),
        m.subject
    )
}

fn show(m: &Message) {
    say!("Message {} — {} ({})", m.id, m.state.label(), m.trigger.label());
    say!("From:       {} <{}>", m.from.name, m.from.email);
    for r in &m.recipients {
        say!("To:         {} <{}> — {} ({})", r.name, r.email, r.role.label(), r.why.join(", "));
    }
    say!("Subject:    {}", m.subject);
    say!("Message-ID: <{}>", m.message_id);
    if let Some(i) = &m.invite {
        say!("Invitation: {} {} SEQUENCE {} (invite.ics)", i.method.as_str(), i.uid, i.sequence);
    }
    if let Some(e) = &m.error {
        say!("Note:       {e}");
    }
    if let Some(r) = &m.reply {
        say!("Server:     {r}");
    }
    say!("");
    say!("{}", m.body);
}

fn mail_settings(
    smtp: Option<String>,
    (starttls, tls, plain): (bool, bool, bool),
    user: Option<String>,
    from: Option<String>,
) -> Result<MailSettings, Error> {
    let saved = std::env::var_os("RUNWAY_SETTINGS_DIR")
        .map(PathBuf::from)
        .and_then(|dir| SettingsFile::new(&dir).load().0.mail);
    let mut s = match (smtp, saved) {
        (Some(hp), _) => {
            let (host, port) = hp.rsplit_once(':').ok_or_else(|| {
                Error::field("smtp", format!("{hp:?}: give the server as HOST:PORT (e.g. mail.example.com:587)"))
            })?;
            let port: u16 =
                port.parse().map_err(|_| Error::field("smtp", format!("{port:?} is not a port number (1–65535)")))?;
            MailSettings { host: host.to_owned(), port, ..MailSettings::default() }
        }
        (None, Some(saved)) => saved,
        (None, None) => {
            return Err(Error::field(
                "smtp",
                "No mail server: give --smtp HOST:PORT, or set one in the app (Settings → Mail).",
            ));
        }
    };
    if starttls {
        s.security = MailSecurity::StartTls;
    } else if tls {
        s.security = MailSecurity::Tls;
    } else if plain {
        s.security = MailSecurity::None;
    }
    if user.is_some() {
        s.user = user;
    }
    if from.is_some() {
        s.from = from;
    }
    Ok(s)
}

fn read_body(path: &std::path::Path) -> Result<String, Error> {
    let text =
        if path.as_os_str() == "-" { std::io::read_to_string(std::io::stdin()) } else { std::fs::read_to_string(path) };
    text.map_err(|e| Error::io(format!("cannot read {}", path.display()), e))
}

pub fn outbox(args: OutboxArgs, who: &str) -> Result<(), Error> {
    let db = &args.db;
    let owner = |who: &str| -> Result<Planner, Error> { open(db, who) };
    match args.action {
        OutboxAction::List { state, json } => {
            let states: Vec<MessageState> = state.iter().map(|s| s.state()).collect();
            let messages = open_read(db, who)?.outbox(&states)?;
            if json {
                say!("{}", to_json(&messages)?);
            } else {
                for m in &messages {
                    say!("{}", line(m));
                }
                say!("{} messages", messages.len());
            }
        }
        OutboxAction::Show { id, json } => {
            let m = open_read(db, who)?.message(id)?;
            if json {
                say!("{}", to_json(&m)?);
            } else {
                show(&m);
            }
        }
        OutboxAction::Approve { ids, all } => {
            let mut p = owner(who)?;
            let done = if all { p.approve_all()? } else { p.approve_messages(&ids)? };
            say!("approved {} messages", done.len());
        }
        OutboxAction::Discard { ids, reason } => {
            let done = owner(who)?.discard_messages(&ids, &reason)?;
            say!("discarded {} messages", done.len());
        }
        OutboxAction::MarkSent { id } => {
            owner(who)?.mark_sent(id)?;
            say!("message {id} marked as sent");
        }
        OutboxAction::Edit { id, subject, body } => {
            let mut p = owner(who)?;
            let m = p.message(id)?;
            let subject = subject.unwrap_or(m.subject);
            let body = match body {
                Some(path) => read_body(&path)?,
                None => m.body,
            };
            show(&p.edit_message(id, &subject, &body)?);
        }
        OutboxAction::Export { dir, ids } => {
            let files = open_read(db, who)?.export_eml(&ids, &dir)?;
            for f in &files {
                say!("{}", f.display());
            }
            say!("{} .eml files in {}", files.len(), dir.display());
        }
        OutboxAction::Send { smtp, starttls, tls, plain, user, from, ids } => {
            let settings = mail_settings(smtp, (starttls, tls, plain), user, from)?;
            let smtp =
                Smtp::connect(&settings.smtp(settings.password())).map_err(|e| Error::field("smtp", e.to_string()))?;
            let from = settings.from.as_ref().map(|e| Address { name: String::new(), email: e.clone() });
            let mut p = owner(who)?;
            let only = (!ids.is_empty()).then_some(ids.as_slice());
            let (sent, failed) = p.send_due(&smtp, from.as_ref(), only, |m| match m.state {
                MessageState::Sent => {
                    say!("sent    {:>5}  {}  ({})", m.id, m.subject, m.reply.as_deref().unwrap_or(""))
                }
                _ => {
                    let retry = m.next_attempt.map_or_else(
                        || "not retried: fix it and approve it again".to_owned(),
                        |t| format!("retried after {t}"),
                    );
                    say!("failed  {:>5}  {}: {} ({retry})", m.id, m.subject, m.error.as_deref().unwrap_or(""));
                }
            })?;
            let waiting = p.outbox(&[MessageState::Approved, MessageState::Failed])?.len();
            let check = p.outbox(&[MessageState::Check])?;
            say!("{sent} sent, {failed} failed, {waiting} still queued");
            for m in check {
                say!("check   {:>5}  {}: {}", m.id, m.subject, m.error.as_deref().unwrap_or(""));
            }
            if failed > 0 {
                return Err(Error::Conflict(format!(
                    "{failed} messages were not sent; they stay queued with the reason."
                )));
            }
        }
        OutboxAction::Overdue => {
            let mut p = owner(who)?;
            let ids = p.check_overdue()?;
            for id in &ids {
                say!("{}", line(&p.message(*id)?));
            }
            say!("{} new messages for overdue stages", ids.len());
        }
        OutboxAction::Agenda { from, to } => {
            let m = owner(who)?.cab_agenda(from, to)?;
            show(&m);
        }
        OutboxAction::Templates { json } => {
            let t = open_read(db, who)?.templates()?;
            if json {
                say!("{}", to_json(&t)?);
            } else {
                for v in &t {
                    let auto = if v.template.auto_approve { ", approved without review" } else { "" };
                    let own = if v.built_in { "built in" } else { "the plan's own" };
                    say!("{} ({}; {own}{auto})", v.label, v.template.trigger.as_str());
                    say!("  Subject: {}", v.template.subject);
                    say!(
                        "  Placeholders: {}",
                        v.placeholders.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ")
                    );
                }
            }
        }
        OutboxAction::Template { file } => {
            let text = read_body(&file)?;
            let t: Template = serde_json::from_str(&text)
                .map_err(|e| Error::Import(format!("{}: {e} (triggers: {})", file.display(), triggers())))?;
            let v = owner(who)?.set_template(t)?;
            say!("{} template saved", v.label);
        }
    }
    Ok(())
}

fn triggers() -> String {
    Trigger::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
}
