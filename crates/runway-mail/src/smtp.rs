//! Sending over SMTP with lettre's blocking transport. Each [`Smtp::send`] opens its own
//! connection (greeting, STARTTLS or TLS, login, MAIL FROM, RCPT TO, DATA, QUIT), so a server that
//! restarts between two notices costs nothing; failures become a [`SendError`] that says what went
//! wrong in the user's words and whether trying again later can help.

use std::io;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::response::Response;
use lettre::{SmtpTransport, Transport};

use crate::{Mail, Security, SendError, SmtpSettings, eml};

/// The wait for the server when the settings say 0.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A mail server to send through, made from the user's [`SmtpSettings`].
#[derive(Debug, Clone)]
pub struct Smtp {
    transport: SmtpTransport,
    /// `host:port`, as messages name the server.
    server: String,
    timeout: Duration,
}

impl Smtp {
    /// Gets ready to send through the server the settings name. Nothing is sent yet: the
    /// connection is opened by each [`Smtp::send`], so a wrong host or password shows there.
    /// The password is `settings.password` (fill it from [`crate::secret::password`]); it is used
    /// only when `user` is set.
    pub fn connect(settings: &SmtpSettings) -> Result<Smtp, SendError> {
        let host = settings.host.trim();
        let server = if host.contains(':') {
            format!("[{host}]:{}", settings.port)
        } else {
            format!("{host}:{}", settings.port)
        };
        let unusable = |why: String| SendError { permanent: false, unusable: true, message: why };
        if host.is_empty() {
            return Err(unusable("No mail server is set: enter the SMTP server's name in the settings".to_owned()));
        }
        if settings.port == 0 {
            return Err(unusable(format!(
                "The mail server {host} has no port: enter one (usually 587) in the settings"
            )));
        }
        let tls = |error: lettre::transport::smtp::Error| {
            unusable(format!("Cannot prepare a secure connection to the mail server {server}: {}", detail(&error)))
        };
        let builder = match settings.security {
            Security::None => SmtpTransport::builder_dangerous(host),
            Security::StartTls => SmtpTransport::starttls_relay(host).map_err(tls)?,
            Security::Tls => SmtpTransport::relay(host).map_err(tls)?,
        };
        let timeout = match settings.timeout_secs {
            0 => DEFAULT_TIMEOUT,
            secs => Duration::from_secs(secs),
        };
        let mut builder = builder.port(settings.port).timeout(Some(timeout));
        if let Some(user) = settings.user.as_deref().map(str::trim).filter(|user| !user.is_empty()) {
            let password = settings.password.clone().unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.to_owned(), password));
        }
        Ok(Smtp { transport: builder.build(), server, timeout })
    }

    /// Sends the message exactly as [`eml`] writes it, MAIL FROM the sender and RCPT TO every
    /// recipient, and returns the server's answer to the message, e.g.
    /// `250 2.0.0 Ok: queued as 1234` (the queue id is what the mail server's log knows it by).
    pub fn send(&self, mail: &Mail) -> Result<String, SendError> {
        let message = eml::message(mail)?;
        match self.transport.send(&message) {
            Ok(reply) => Ok(reply_text(&reply)),
            Err(error) => Err(self.send_error(&error)),
        }
    }

    fn send_error(&self, error: &lettre::transport::smtp::Error) -> SendError {
        let server = &self.server;
        let transient = |message: String| SendError { permanent: false, unusable: true, message };
        if let Some(code) = error.status() {
            let reply = format!("{code} {}", detail(error)).trim_end().to_owned();
            if error.is_permanent() {
                let what = if code.to_string() == "535" {
                    "The server refused the user name or password"
                } else {
                    "The server refused the message"
                };
                return SendError { permanent: true, unusable: false, message: format!("{what}: {reply}") };
            }
            return SendError {
                permanent: false,
                unusable: false,
                message: format!("The server cannot take the message now, try again later: {reply}"),
            };
        }
        if error.is_timeout() {
            let secs = self.timeout.as_secs();
            return transient(format!("The mail server {server} did not answer within {secs} seconds"));
        }
        if error.is_tls() {
            return transient(format!("The secure connection to the mail server {server} failed: {}", detail(error)));
        }
        if error.is_client() {
            return transient(format!("Cannot send through the mail server {server}: {}", detail(error)));
        }
        if error.is_response() {
            return transient(format!(
                "The mail server {server} answered something that is not SMTP: {}",
                detail(error)
            ));
        }
        // lettre says "Connection error" when the connection (TCP, then TLS) could not be opened,
        // and "network error" when it broke afterwards.
        if error.to_string().starts_with("Connection error") {
            let why = io_error(error).map_or_else(|| detail(error), reachability);
            return transient(format!("Cannot reach the mail server {server}: {why}"));
        }
        transient(format!("The connection to the mail server {server} broke: {}", detail(error)))
    }
}

/// `250 2.0.0 Ok: queued as 1234`: the code and every line of text.
fn reply_text(reply: &Response) -> String {
    let lines: Vec<&str> = reply.message().collect();
    format!("{} {}", reply.code(), lines.join(" ")).trim_end().to_owned()
}

/// What lettre's error carries beneath its kind: the server's text, or the system's reason.
fn detail(error: &lettre::transport::smtp::Error) -> String {
    match std::error::Error::source(error) {
        Some(source) => source.to_string(),
        None => error.to_string(),
    }
}

fn io_error(error: &lettre::transport::smtp::Error) -> Option<&io::Error> {
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            return Some(io);
        }
        source = cause.source();
    }
    None
}

/// Why a connection could not be opened, in words (the system's own text otherwise).
fn reachability(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        io::ErrorKind::HostUnreachable => "the host is unreachable".to_owned(),
        io::ErrorKind::NetworkUnreachable => "the network is unreachable".to_owned(),
        _ => error.to_string(),
    }
}
