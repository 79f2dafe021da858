//! `lwicontext`: keys, chat tokens, public key URL bodies and token diagnosis for Dynamics 365
//! Omnichannel authenticated chat, for everything a person does by hand.

mod codegen;
mod commands;
mod duration;
mod files;
mod http;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
use clap::{Args, Parser, Subcommand, ValueEnum};
use lwicontext::context::Encoding;

/// Keys, chat tokens, public key URL bodies and token diagnosis for Dynamics 365 Omnichannel
/// authenticated chat.
#[derive(Parser, Debug)]
#[command(name = "lwicontext", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Make an RSA key pair: DIR/private.pem (mode 0600) and DIR/public.pem.
    Keygen(Keygen),
    /// Mint a signed chat token and print it.
    Mint(Mint),
    /// Print what the chat authentication settings' "Public key URL" should serve.
    Publickey(Publickey),
    /// Say whether the widget and Omnichannel would accept a token, and which side would refuse
    /// it and why. Exits with 0 when they would, otherwise with the error code the widget
    /// reports (3 or 4); 64 to 66 when the command itself fails.
    Inspect(Inspect),
    /// Print a #[derive(LwiContext)] struct for a work stream export, checked against it at
    /// compile time.
    Codegen(Codegen),
    /// Write the page's typed glue for a work stream export: DIR/NAME.js (an ES module with
    /// checkToken, createTokenSource and the three ways to hand the token to the widget) and
    /// DIR/NAME.d.ts.
    Glue(Glue),
    /// Check the live set-up as the widget and Omnichannel's server see it: the token endpoint,
    /// the token, the Public key URL and its keys, one step each. Exits with 0 when the chat
    /// would work, with the first failure's widget error code (2, 3 or 4), or with 69 when a
    /// URL cannot be fetched.
    Doctor(Doctor),
}

#[derive(Args, Debug)]
struct Keygen {
    /// The folder to write private.pem and public.pem into (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The key size.
    #[arg(long, default_value_t = 2048)]
    bits: usize,
    /// A key id, shown with the files for the next commands.
    #[arg(long)]
    kid: Option<String>,
    /// Replace existing files.
    #[arg(long)]
    force: bool,
}

/// `--encoding`: the three names of [`Encoding`], each with its summary in `--help`.
fn encoding_parser() -> impl clap::builder::TypedValueParser<Value = Encoding> {
    PossibleValuesParser::new(
        Encoding::ALL
            .map(|encoding| PossibleValue::new(encoding.as_str()).help(encoding.summary())),
    )
    .try_map(|name| name.parse::<Encoding>())
}

#[derive(Args, Debug)]
struct Mint {
    /// The RSA private key (PKCS#8 or PKCS#1 PEM).
    #[arg(long, value_name = "PEM")]
    key: PathBuf,
    /// The issuer (`iss`), such as your site's domain.
    #[arg(long)]
    iss: String,
    /// The subject (`sub`): the contact's or account's GUID.
    #[arg(long)]
    sub: String,
    /// A key id for the header, when the Public key URL serves several keys.
    #[arg(long)]
    kid: Option<String>,
    /// How long the token is valid: 900, 900s, 15m, 1h.
    #[arg(long, default_value = "15m", value_parser = duration::parse)]
    lifetime: Duration,
    /// A JSON object of context variables.
    #[arg(long, value_name = "FILE.json")]
    context: Option<PathBuf>,
    /// One context variable. The value is read as JSON when it is JSON (10000, false,
    /// "quoted text"), otherwise as text; arrays and objects are refused. Applied after
    /// --context.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// How values are written into lwicontexts.
    #[arg(long, value_parser = encoding_parser(), default_value_t = Encoding::String)]
    encoding: Encoding,
}

/// What the Public key URL serves.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum KeyFormat {
    /// The PEM text of one key.
    Pem,
    /// Omnichannel's JSON array of {kid, publicKey, expiry}, for several keys.
    Omnichannel,
    /// A standard JSON Web Key Set, for other verifiers.
    Jwks,
}

#[derive(Args, Debug)]
struct Publickey {
    /// A private (or public) key; repeat with --kid for each key of a rotation.
    #[arg(long, value_name = "PEM", required = true)]
    key: Vec<PathBuf>,
    /// The key id of each --key, in the same order.
    #[arg(long)]
    kid: Vec<String>,
    /// What to print.
    #[arg(long, value_enum, default_value = "pem")]
    format: KeyFormat,
    /// How long from now the keys stay valid (the multi-key form's expiry): once for every key,
    /// or once per --key in the same order, so that the outgoing key can expire first.
    #[arg(long, default_value = "365d", value_parser = duration::parse)]
    valid_for: Vec<Duration>,
}

#[derive(Args, Debug)]
struct Inspect {
    /// The token; `-` or nothing reads it from standard input.
    token: Option<String>,
    /// Check the signature against this public key (PEM).
    #[arg(long, value_name = "PEM", conflicts_with = "key_set")]
    public_key: Option<PathBuf>,
    /// Check the signature against this key set (Omnichannel's JSON or a JWKS).
    #[arg(long, value_name = "FILE", conflicts_with = "public_key_url")]
    key_set: Option<PathBuf>,
    /// Fetch the chat authentication settings' Public key URL as Omnichannel's server would,
    /// judge its answer, and check the signature against the key it serves. Exits with 69 when
    /// the URL cannot be fetched.
    #[arg(long, value_name = "URL", conflicts_with = "public_key")]
    public_key_url: Option<String>,
    #[command(flatten)]
    fetch: FetchArgs,
    /// Refuse context variables that this work stream export (the Dataverse Web API's answer,
    /// saved) lacks as active Text or Number variables.
    #[arg(long, value_name = "FILE")]
    workstream: Option<PathBuf>,
    /// Print the diagnosis as JSON.
    #[arg(long)]
    json: bool,
    /// How far past exp a token still counts as valid.
    #[arg(long, default_value = "0s", value_parser = duration::parse)]
    leeway: Duration,
    /// Judge the token as at this time, in Unix seconds, instead of now: would it have been
    /// accepted when the chat failed?
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
}

/// How URLs are fetched.
#[derive(Args, Debug)]
struct FetchArgs {
    /// How long one request may take, redirects aside: 10s, 1m.
    #[arg(long, default_value = "10s", value_parser = duration::parse)]
    timeout: Duration,
    /// Trust only the certificates in this PEM file for https (a test CA, say), instead of the
    /// public web's roots that Omnichannel's server trusts.
    #[arg(long, value_name = "PEM")]
    ca_file: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct Doctor {
    /// The site's token endpoint, as the page fetches it.
    #[arg(long, value_name = "URL")]
    token_url: String,
    /// The Public key URL, as the chat authentication settings name it.
    #[arg(long, value_name = "URL")]
    public_key_url: String,
    /// A header for the token endpoint's request, such as a session cookie: 'NAME: VALUE'.
    /// Repeat for several. Only its name is ever shown.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// Refuse context variables that this work stream export lacks as active Text or Number
    /// variables.
    #[arg(long, value_name = "FILE")]
    workstream: Option<PathBuf>,
    /// Print the report as one JSON document.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Args, Debug)]
struct Codegen {
    /// The work stream export (the Dataverse Web API's answer, saved), as the generated
    /// `workstream` attribute should name it: relative to the Cargo.toml of the crate the file
    /// goes into.
    #[arg(long, value_name = "FILE")]
    workstream: PathBuf,
    /// The struct's name.
    #[arg(long, default_value = "ChatContext")]
    name: String,
    /// The struct's encoding.
    #[arg(long, value_parser = encoding_parser(), default_value_t = Encoding::String)]
    encoding: Encoding,
    /// f64 instead of i64 for Number variables.
    #[arg(long)]
    float_numbers: bool,
    /// A variable whose field is not an Option; repeat for several.
    #[arg(long, value_name = "NAME")]
    required: Vec<String>,
}

#[derive(Args, Debug)]
struct Glue {
    /// The work stream export (the Dataverse Web API's answer, saved).
    #[arg(long, value_name = "FILE")]
    workstream: PathBuf,
    /// The folder to write NAME.js and NAME.d.ts into (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    // In the help's words, not rustdoc's: the names are shown as typed.
    #[arg(
        long,
        default_value = "chat_context",
        help = "The files' name in snake_case; the interface takes it in PascalCase (chat_context: ChatContext)"
    )]
    name: String,
    /// How the server writes values into lwicontexts: it decides the properties' types.
    #[arg(long, value_parser = encoding_parser(), default_value_t = Encoding::String)]
    encoding: Encoding,
    /// A variable every token carries (not optional); repeat for several.
    #[arg(long, value_name = "NAME")]
    required: Vec<String>,
}

/// The exit status for arguments that do not parse or do not fit together (`EX_USAGE`).
const EXIT_USAGE: u8 = 64;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            use clap::error::ErrorKind;
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                let _ = error.print();
                return ExitCode::SUCCESS;
            }
            if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = error.print();
                return ExitCode::from(EXIT_USAGE);
            }
            // One line: what is wrong (clap's first paragraph), without the usage block.
            let text = error.to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|line| !line.is_empty())
                .collect();
            eprintln!(
                "lwicontext: {}",
                message.join(" ").trim_start_matches("error: ")
            );
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("lwicontext: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
