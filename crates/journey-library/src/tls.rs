//! TLS for every connection to the team library: the main one ([`crate::Library`]) and the
//! listener's ([`crate::Listener`]) both connect through a [`Target`], which reads the
//! connection string's `sslmode` and `sslrootcert` as libpq does.
//!
//! - `disable`: no TLS.
//! - `prefer` (the default): TLS when the server offers it, plain otherwise. The
//!   certificate is not checked (as libpq): the link is private from onlookers, not from a
//!   server that pretends.
//! - `require`: TLS or no connection; the certificate is not checked, unless
//!   `sslrootcert=PATH` is given, which makes it `verify-ca` (as libpq).
//! - `verify-ca`: TLS, and the server's certificate must be signed by a trusted authority:
//!   one of the system's root certificates (its certificate store, read by
//!   `rustls-native-certs`) or one in the PEM file `sslrootcert=PATH`.
//! - `verify-full`: `verify-ca`, and the certificate must name the host connected to
//!   (`host`, even when `hostaddr` says where it is).
//!
//! `sslrootcert=system` trusts the system's roots only and makes `verify-full` the default
//! (as libpq 16). A Unix socket never uses TLS, whatever the mode (PostgreSQL offers none
//! there); in a string that lists both socket folders and TCP hosts, the mode applies to
//! every host.
//!
//! The `postgres` client reads neither `sslrootcert` nor the `verify-*` modes, so both are
//! taken out of the string here before it reads the rest. TLS is rustls with its `ring`
//! provider, joined to the client by `tokio-postgres-rustls`: no OpenSSL.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use postgres::config::{Host, SslMode};
use postgres::Client;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore};
use rustls::{SignatureScheme, SupportedProtocolVersion};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::{from_pg, LibraryError, Result};

/// What the connection string asks of TLS (`sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Disable => "disable",
            Mode::Prefer => "prefer",
            Mode::Require => "require",
            Mode::VerifyCa => "verify-ca",
            Mode::VerifyFull => "verify-full",
        }
    }
}

/// Where to connect and how: the client's settings, the TLS connector and the mode.
pub(crate) struct Target {
    config: postgres::Config,
    tls: MakeRustlsConnect,
    /// The mode as asked (before a socket-only string turned TLS off).
    mode: Mode,
    /// The connection string, masked.
    url: String,
}

impl Target {
    /// Reads `url` (both forms). [`LibraryError::Invalid`] for a string the client cannot
    /// read, an `sslmode` it does not know, or an `sslrootcert` that cannot be read; the
    /// messages name `masked`, never the password.
    pub(crate) fn parse(url: &str, masked: &str) -> Result<Target> {
        let invalid = || {
            LibraryError::Invalid(format!(
                "{masked} is not a PostgreSQL connection string such as \
                 postgres://user@host:5432/database or host=… user=… dbname=…"
            ))
        };
        let split = split_tls_params(url).ok_or_else(invalid)?;
        // The client's own message may quote the string; ours names it masked.
        let mut config: postgres::Config = split.rest.parse().map_err(|_| invalid())?;
        let root_cert = split.root_cert.as_deref().filter(|p| !p.is_empty());
        let system_only = root_cert == Some("system");
        let mode = match split.mode.as_deref() {
            None if system_only => Mode::VerifyFull,
            None | Some("prefer") => Mode::Prefer,
            Some("disable") => Mode::Disable,
            Some("require") => Mode::Require,
            Some("verify-ca") => Mode::VerifyCa,
            Some("verify-full") => Mode::VerifyFull,
            Some(other) => {
                return Err(LibraryError::Invalid(format!(
                    "sslmode={other} in {masked} is not one this app knows: use disable, \
                     prefer (the default), require, verify-ca or verify-full"
                )))
            }
        };
        if system_only && !matches!(mode, Mode::VerifyCa | Mode::VerifyFull) {
            return Err(LibraryError::Invalid(format!(
                "sslrootcert=system in {masked} asks for the server's certificate to be \
                 checked, which sslmode={} does not do: use verify-full",
                mode.name()
            )));
        }
        let sockets_only = !config.get_hosts().is_empty()
            && config.get_hostaddrs().is_empty()
            && config
                .get_hosts()
                .iter()
                .all(|h| !matches!(h, Host::Tcp(_)));
        // rustls 0.23.48 deprecates ring's provider because ring has no post-quantum key
        // exchange; the provider that has it (aws-lc-rs) is a C library built with every
        // build. ring's classical key exchange (X25519, P-256, P-384) is what PostgreSQL
        // servers offer today (ARCHITECTURE.md, "Decisions and dependencies").
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier: Arc<dyn ServerCertVerifier> = if sockets_only || mode == Mode::Disable {
            Arc::new(Unchecked(provider.clone()))
        } else {
            match (mode, root_cert) {
                (Mode::Prefer, _) | (Mode::Require, None) => Arc::new(Unchecked(provider.clone())),
                (Mode::Require | Mode::VerifyCa, file) => {
                    Arc::new(AnyName(webpki(file, &provider, mode, masked)?))
                }
                (_, file) => webpki(file, &provider, mode, masked)?,
            }
        };
        config.ssl_mode(match mode {
            _ if sockets_only => SslMode::Disable,
            Mode::Disable => SslMode::Disable,
            Mode::Prefer => SslMode::Prefer,
            Mode::Require | Mode::VerifyCa | Mode::VerifyFull => SslMode::Require,
        });
        let tls = ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(PROTOCOLS)
            .map_err(|e| LibraryError::Invalid(format!("TLS cannot be set up: {e}")))?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(Target {
            config,
            tls: MakeRustlsConnect::new(tls),
            mode,
            url: masked.to_string(),
        })
    }

    /// The client's settings, to give defaults the string left out.
    pub(crate) fn config_mut(&mut self) -> &mut postgres::Config {
        &mut self.config
    }

    /// A new connection. A TLS problem is [`LibraryError::Tls`], in words; anything else
    /// as every client error ([`from_pg`]).
    pub(crate) fn connect(&self) -> Result<Client> {
        self.config
            .connect(self.tls.clone())
            .map_err(|e| self.failure(e))
    }

    /// A client error on this target's connection, as a library error.
    pub(crate) fn failure(&self, e: postgres::Error) -> LibraryError {
        tls_problem(&e, self.mode, &self.url).unwrap_or_else(|| from_pg(e, &self.url))
    }
}

/// TLS 1.2 and 1.3 (PostgreSQL servers accept 1.2 and up by default).
static PROTOCOLS: &[&SupportedProtocolVersion] =
    &[&rustls::version::TLS13, &rustls::version::TLS12];

/// The verifier of `verify-ca` and `verify-full`: the system's root certificates, plus
/// those of the PEM file `file` (`system` names no file: the system's alone).
fn webpki(
    file: Option<&str>,
    provider: &Arc<CryptoProvider>,
    mode: Mode,
    masked: &str,
) -> Result<Arc<WebPkiServerVerifier>> {
    let mut roots = RootCertStore::empty();
    // The system's store; a machine without one simply adds nothing.
    let system = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(system.certs);
    if let Some(path) = file.filter(|f| *f != "system") {
        let shown = PathBuf::from(path);
        let unreadable = |why: String| {
            LibraryError::Invalid(format!(
                "the root certificate file sslrootcert={} of {masked} cannot be read: {why}",
                shown.display()
            ))
        };
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| unreadable(e.to_string()))?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| unreadable(e.to_string()))?;
        let (added, _) = roots.add_parsable_certificates(certs);
        if added == 0 {
            return Err(unreadable("it holds no PEM certificate".into()));
        }
    }
    if roots.is_empty() {
        return Err(LibraryError::Invalid(format!(
            "sslmode={} in {masked} checks the server's certificate, but this computer's \
             certificate store holds no root certificate to check it against: give the \
             authority's certificate as sslrootcert=PATH",
            mode.name()
        )));
    }
    WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| LibraryError::Invalid(format!("TLS cannot be set up: {e}")))
}

/// A TLS problem in words, or `None` when `e` is not one (a server that is down is
/// [`LibraryError::Unreachable`], as without TLS).
fn tls_problem(e: &postgres::Error, mode: Mode, url: &str) -> Option<LibraryError> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let found = s.downcast_ref::<rustls::Error>().or_else(|| {
            s.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(tls) = found {
            return Some(LibraryError::Tls(handshake_failure(tls, mode, url)));
        }
        match s.to_string().as_str() {
            // tokio-postgres's words when the server answers that it has no TLS.
            "server does not support TLS" => {
                return Some(LibraryError::Tls(format!(
                    "the team library at {url} does not offer TLS, which sslmode={} asks for",
                    mode.name()
                )))
            }
            "no hostname provided for TLS handshake" => {
                return Some(LibraryError::Tls(format!(
                    "the team library at {url} is given by hostaddr alone, and TLS needs its \
                     host name: give host= as well"
                )))
            }
            _ => {}
        }
        source = s.source();
    }
    None
}

/// What went wrong in the handshake, as a sentence naming `url`.
fn handshake_failure(e: &rustls::Error, mode: Mode, url: &str) -> String {
    let checked = format!("(sslmode={})", mode.name());
    let untrusted = |why: Cow<'_, str>| {
        format!("the team library at {url} was refused: the server's certificate is not trusted: {why} {checked}")
    };
    match e {
        rustls::Error::InvalidCertificate(c) => untrusted(match c {
            CertificateError::UnknownIssuer => Cow::Borrowed(
                "it is not signed by an authority this computer trusts (the system's root \
                 certificates, or sslrootcert)",
            ),
            CertificateError::NotValidForName => Cow::Borrowed("it is for another host name"),
            CertificateError::NotValidForNameContext {
                expected,
                presented,
            } => Cow::Owned(format!(
                "it is for {}, not for {}",
                if presented.is_empty() {
                    "no host name".to_string()
                } else {
                    presented
                        .iter()
                        .map(|n| shown_name(n))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                expected.to_str()
            )),
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                Cow::Borrowed("it has expired")
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                Cow::Borrowed("it is not valid yet")
            }
            CertificateError::Revoked => Cow::Borrowed("it has been revoked"),
            CertificateError::BadSignature => {
                Cow::Borrowed("its signature does not match its issuer")
            }
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                Cow::Borrowed("it is not a certificate for a server")
            }
            other => Cow::Owned(format!("{other:?}")),
        }),
        other => {
            format!("the TLS handshake with the team library at {url} failed: {other} {checked}")
        }
    }
}

/// A name of a certificate as rustls reports it (`DnsName("db.example")`,
/// `IpAddress(10.0.0.5)`), as a person writes it.
fn shown_name(reported: &str) -> &str {
    for (open, close) in [("DnsName(\"", "\")"), ("IpAddress(", ")")] {
        if let Some(inner) = reported
            .strip_prefix(open)
            .and_then(|r| r.strip_suffix(close))
        {
            return inner;
        }
    }
    reported
}

/// `verify-ca`: the certificate must be signed by a trusted authority, for whatever host.
/// The chain is checked before the name ([`WebPkiServerVerifier`] does both, in that
/// order), so a name error means the chain passed.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `prefer` and `require`: any certificate, as libpq. The handshake's signatures are still
/// checked, so the session is with the holder of the certificate's key.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// A connection string without its `sslmode` and `sslrootcert`, and their values.
#[derive(Debug, PartialEq, Eq)]
struct Split {
    rest: String,
    mode: Option<String>,
    root_cert: Option<String>,
}

/// Takes `sslmode` and `sslrootcert` out of `url`, read as the client reads it (the last
/// of a key wins). `None` when the string cannot be read that far (the client would refuse
/// it too).
fn split_tls_params(url: &str) -> Option<Split> {
    for prefix in ["postgres://", "postgresql://"] {
        if let Some(rest) = url.strip_prefix(prefix) {
            return split_url(prefix, rest);
        }
    }
    split_key_values(url)
}

/// The URL form: the parameters after the first `?` that follows the user information.
fn split_url(prefix: &str, rest: &str) -> Option<Split> {
    // The client takes the user information up to the first `@`, wherever it is.
    let after_credentials = rest.find('@').map_or(0, |at| at + 1);
    let Some(question) = rest[after_credentials..]
        .find('?')
        .map(|q| q + after_credentials)
    else {
        return Some(Split {
            rest: format!("{prefix}{rest}"),
            mode: None,
            root_cert: None,
        });
    };
    let mut split = Split {
        rest: format!("{prefix}{}", &rest[..question]),
        mode: None,
        root_cert: None,
    };
    let mut kept = Vec::new();
    let query = &rest[question + 1..];
    if !query.is_empty() {
        for param in query.split('&') {
            let (key, value) = param.split_once('=')?;
            match percent_decode(key)?.as_str() {
                "sslmode" => split.mode = Some(percent_decode(value)?),
                "sslrootcert" => split.root_cert = Some(percent_decode(value)?),
                _ => kept.push(param),
            }
        }
    }
    if !kept.is_empty() {
        split.rest.push('?');
        split.rest.push_str(&kept.join("&"));
    }
    Some(split)
}

/// `%XX` sequences decoded (the client's rule for URL parts); `None` for text that is not
/// UTF-8 once decoded.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The key=value form, read as the client reads it: keys end at whitespace or `=`; a value
/// is quoted (`'…'`) or ends at whitespace, and a backslash escapes the next character.
/// The other pairs are kept as written.
fn split_key_values(s: &str) -> Option<Split> {
    let mut split = Split {
        rest: String::new(),
        mode: None,
        root_cert: None,
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut chars = s.char_indices().peekable();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let Some(&(start, _)) = chars.peek() else {
            break;
        };
        let mut key_end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' {
                key_end = i;
                break;
            }
            chars.next();
        }
        let key = &s[start..key_end];
        if key.is_empty() {
            return None;
        }
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        chars.next_if(|(_, c)| *c == '=')?;
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        let quoted = chars.next_if(|(_, c)| *c == '\'').is_some();
        let mut closed = !quoted;
        while let Some(&(_, c)) = chars.peek() {
            if quoted && c == '\'' {
                chars.next();
                closed = true;
                break;
            }
            if !quoted && c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '\\' {
                if let Some((_, escaped)) = chars.next() {
                    value.push(escaped);
                }
            } else {
                value.push(c);
            }
        }
        if !closed || (!quoted && value.is_empty()) {
            return None;
        }
        let end = chars.peek().map_or(s.len(), |&(i, _)| i);
        match key {
            "sslmode" => split.mode = Some(value),
            "sslrootcert" => split.root_cert = Some(value),
            _ => kept.push(&s[start..end]),
        }
    }
    split.rest = kept.join(" ");
    Some(split)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(url: &str) -> (String, Option<String>, Option<String>) {
        let s = split_tls_params(url).expect(url);
        (s.rest, s.mode, s.root_cert)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn ssl_parameters_are_taken_out_of_urls() {
        assert_eq!(
            split("postgres://ana:s3c?r=t@db.example:5432/j?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.crt&application_name=jm"),
            (
                "postgres://ana:s3c?r=t@db.example:5432/j?application_name=jm".into(),
                some("verify-full"),
                some("/etc/ca.crt")
            )
        );
        assert_eq!(
            split("postgresql://db/j?sslmode=require"),
            ("postgresql://db/j".into(), some("require"), None)
        );
        assert_eq!(
            split("postgres://db/j"),
            ("postgres://db/j".into(), None, None)
        );
        assert_eq!(
            split("postgres://db/j?password=a%25b&%73slmode=disable"),
            (
                "postgres://db/j?password=a%25b".into(),
                some("disable"),
                None
            )
        );
        assert!(split_tls_params("postgres://db/j?sslmode").is_none());
    }

    #[test]
    fn ssl_parameters_are_taken_out_of_key_values() {
        assert_eq!(
            split("host=db.example  password='sec ret\\' sslmode=x' sslmode = verify-ca sslrootcert='/a b/ca.crt' dbname=j"),
            (
                "host=db.example password='sec ret\\' sslmode=x' dbname=j".into(),
                some("verify-ca"),
                some("/a b/ca.crt")
            )
        );
        assert_eq!(
            split("sslmode=require sslmode=disable"),
            (String::new(), some("disable"), None)
        );
        assert_eq!(split("host=/tmp"), ("host=/tmp".into(), None, None));
        for bad in ["host=/tmp password='open", "host=", "=x", "host"] {
            assert!(split_tls_params(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn certificate_names_are_shown_plainly() {
        assert_eq!(shown_name("DnsName(\"db.example\")"), "db.example");
        assert_eq!(shown_name("IpAddress(10.0.0.5)"), "10.0.0.5");
        assert_eq!(shown_name("DirectoryName"), "DirectoryName");
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%2Ftmp%2fx%").as_deref(), Some("/tmp/x%"));
        assert_eq!(percent_decode("a%2").as_deref(), Some("a%2"));
        assert_eq!(percent_decode("%zz").as_deref(), Some("%zz"));
        assert_eq!(percent_decode("%ff"), None);
    }

    #[test]
    fn modes_are_read_and_checked_before_connecting() {
        let mode =
            |url: &str| Target::parse(url, "masked").map(|t| (t.mode, t.config.get_ssl_mode()));
        assert_eq!(mode("host=db").unwrap(), (Mode::Prefer, SslMode::Prefer));
        assert_eq!(
            mode("host=db sslmode=disable").unwrap(),
            (Mode::Disable, SslMode::Disable)
        );
        assert_eq!(
            mode("host=db sslmode=require").unwrap(),
            (Mode::Require, SslMode::Require)
        );
        // A Unix socket never uses TLS.
        assert_eq!(
            mode("host=/run/postgresql sslmode=require").unwrap(),
            (Mode::Require, SslMode::Disable)
        );
        assert_eq!(
            mode("postgres://%2Frun%2Fpostgresql/j?sslmode=verify-full").unwrap(),
            (Mode::VerifyFull, SslMode::Disable)
        );
        for (url, words) in [
            (
                "host=db sslmode=allow password=hunter2",
                "sslmode=allow in masked is not one",
            ),
            (
                "host=db sslmode=require sslrootcert=system",
                "sslrootcert=system in masked",
            ),
            (
                "host=db sslmode=verify-ca sslrootcert=/nonexistent/ca.crt password=hunter2",
                "sslrootcert=/nonexistent/ca.crt of masked cannot be read",
            ),
            (
                "host=db password='hunter2",
                "masked is not a PostgreSQL connection string",
            ),
            (
                "host=db colour=blue password=hunter2",
                "masked is not a PostgreSQL connection string",
            ),
        ] {
            let err = mode(url).expect_err(url);
            assert!(matches!(err, LibraryError::Invalid(_)), "{err:?}");
            assert!(err.to_string().contains(words), "{err}");
            assert!(!err.to_string().contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn a_root_certificate_file_must_hold_a_certificate() {
        let dir = std::env::temp_dir().join(format!("jm-tls-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty.crt");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let err = Target::parse(
            &format!(
                "host=db sslmode=verify-full sslrootcert={}",
                empty.display()
            ),
            "masked",
        )
        .err()
        .expect("refused");
        assert!(
            err.to_string().contains("holds no PEM certificate"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
