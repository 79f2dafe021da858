//! The subcommands.

use std::fmt;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use lwicontext::ContextError;
use lwicontext::context::JsonContext;
use lwicontext::diagnose::{DiagnoseOptions, diagnose};
use lwicontext::doctor::{EXIT_UNAVAILABLE, FetchError, Header, PublicKeyUrl, Setup, doctor};
use lwicontext::glue::{self, GlueOptions, GlueSource};
use lwicontext::keys::{KeyError, KeySet, PublicKey, Signer};
use lwicontext::token::{FixedClock, TokenBuilder, TokenError};
use lwicontext::workstream::Workstream;

use crate::codegen::{CodegenError, RustStructOptions, rust_struct};
use crate::files::{Existing, Readers, write_file};
use crate::http::Client;
use crate::{
    Codegen, Command, Doctor, FetchArgs, Glue, Inspect, KeyFormat, Keygen, Mint, Publickey,
};

/// What went wrong, in one line, naming the file, key or variable at fault.
#[derive(Debug)]
pub(crate) enum CliError {
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A key file is not a usable key.
    Key { path: PathBuf, error: KeyError },
    /// A JSON file is not what it should be.
    Json { path: PathBuf, error: String },
    /// A context variable cannot be sent.
    Context(ContextError),
    /// The token could not be minted.
    Token(TokenError),
    /// Arguments that do not fit together.
    Usage(String),
    /// No struct could be written.
    Codegen(CodegenError),
    /// A URL could not be fetched at all.
    Unavailable(FetchError),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Self::Key { path, error } => write!(f, "{}: {error}", path.display()),
            Self::Json { path, error } => write!(f, "{}: {error}", path.display()),
            Self::Context(error) => error.fmt(f),
            Self::Token(error) => error.fmt(f),
            Self::Usage(message) => f.write_str(message),
            Self::Codegen(error) => error.fmt(f),
            Self::Unavailable(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for CliError {}

impl CliError {
    /// The exit status, from the BSD `sysexits` convention, so that none is mistaken for the
    /// widget error code `inspect` exits with: 64 for arguments that do not fit, 65 for bad
    /// input data, 66 for a file that cannot be read or written, 69 for a URL that cannot be
    /// fetched.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Unavailable(_) => EXIT_UNAVAILABLE,
            Self::Usage(_) => crate::EXIT_USAGE,
            Self::Io { .. } => 66,
            Self::Key { .. }
            | Self::Json { .. }
            | Self::Context(_)
            | Self::Token(_)
            | Self::Codegen(_) => 65,
        }
    }
}

type Result<T> = std::result::Result<T, CliError>;

pub(crate) fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Keygen(args) => keygen(&args).map(|()| ExitCode::SUCCESS),
        Command::Mint(args) => mint(&args).map(|()| ExitCode::SUCCESS),
        Command::Publickey(args) => publickey(&args).map(|()| ExitCode::SUCCESS),
        Command::Inspect(args) => inspect(&args),
        Command::Codegen(args) => codegen(&args).map(|()| ExitCode::SUCCESS),
        Command::Glue(args) => glue(&args).map(|()| ExitCode::SUCCESS),
        Command::Doctor(args) => run_doctor(&args),
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|error| CliError::Io {
        path: path.to_owned(),
        error,
    })
}

fn read_signer(path: &Path) -> Result<Signer> {
    Signer::from_pem(&read(path)?).map_err(|error| CliError::Key {
        path: path.to_owned(),
        error,
    })
}

/// A public key from a private or public key file.
fn read_public_key(path: &Path) -> Result<PublicKey> {
    let bytes = read(path)?;
    match Signer::from_pem(&bytes) {
        Ok(signer) => Ok(signer.public_key().clone()),
        Err(KeyError::PublicKeyGiven) => PublicKey::from_pem(&bytes),
        Err(error) => Err(error),
    }
    .map_err(|error| CliError::Key {
        path: path.to_owned(),
        error,
    })
}

fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", text.trim_end()).map_err(|error| CliError::Io {
        path: "standard output".into(),
        error,
    })
}

fn keygen(args: &Keygen) -> Result<()> {
    // A file that is there, or that appears before the write (which refuses it too).
    let refused = |path: &Path| {
        let path = path.to_owned();
        move |error: std::io::Error| {
            if error.kind() == std::io::ErrorKind::AlreadyExists {
                CliError::Usage(format!(
                    "{} exists; pass --force to replace it",
                    path.display()
                ))
            } else {
                CliError::Io { path, error }
            }
        }
    };
    std::fs::create_dir_all(&args.out).map_err(|error| CliError::Io {
        path: args.out.clone(),
        error,
    })?;
    let private = args.out.join("private.pem");
    let public = args.out.join("public.pem");
    if !args.force {
        // Checked first only to spare making a key that could not be written.
        for path in [&private, &public] {
            if path.exists() {
                return Err(refused(path)(std::io::ErrorKind::AlreadyExists.into()));
            }
        }
    }
    let signer =
        Signer::generate(args.bits).map_err(|error| CliError::Usage(format!("--bits: {error}")))?;
    // Cleared once written.
    let private_pem =
        zeroize::Zeroizing::new(signer.private_key_pem().map_err(|error| CliError::Key {
            path: private.clone(),
            error,
        })?);
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Keep
    };
    write_file(&private, private_pem.as_bytes(), Readers::Owner, existing)
        .map_err(refused(&private))?;
    if let Err(error) = write_file(
        &public,
        signer.public_key_pem().as_bytes(),
        Readers::Anyone,
        existing,
    ) {
        // Not half a pair: the private key just written goes too.
        if existing == Existing::Keep {
            let _ = std::fs::remove_file(&private);
        }
        return Err(refused(&public)(error));
    }
    let kid = args
        .kid
        .as_deref()
        .map(|kid| format!(", kid {kid}"))
        .unwrap_or_default();
    print(&format!(
        "wrote {} (mode 0600) and {} ({}-bit RSA{kid})",
        private.display(),
        public.display(),
        args.bits
    ))
}

fn mint(args: &Mint) -> Result<()> {
    let mut signer = read_signer(&args.key)?;
    if let Some(kid) = &args.kid {
        signer = signer.with_kid(kid.clone());
    }
    let mut context = match &args.context {
        Some(path) => {
            let text = String::from_utf8(read(path)?).map_err(|_| CliError::Json {
                path: path.clone(),
                error: "not UTF-8 text".into(),
            })?;
            JsonContext::parse(&text).map_err(|error| CliError::Json {
                path: path.clone(),
                error: format!("not a JSON object of context variables: {error}"),
            })?
        }
        None => JsonContext::default(),
    };
    for assignment in &args.set {
        let Some((name, value)) = assignment.split_once('=') else {
            return Err(CliError::Usage(format!(
                "--set {assignment}: expected NAME=VALUE"
            )));
        };
        // JSON text keeps its digits; arrays and objects stay what they are, so that they are
        // refused by name; anything else, `null` included, is text.
        if value.trim() == "null" || context.set_json(name, value).is_err() {
            context.set_text(name, value);
        }
    }
    let mut builder = TokenBuilder::new(args.iss.clone(), args.sub.clone()).lifetime(args.lifetime);
    if args.context.is_some() || !args.set.is_empty() {
        let lwicontexts = context
            .to_lwicontexts(args.encoding)
            .map_err(CliError::Context)?;
        builder = builder.lwicontexts(lwicontexts);
    }
    let token = builder.sign(&signer).map_err(CliError::Token)?;
    print(&token)
}

fn publickey(args: &Publickey) -> Result<()> {
    let keys = args
        .key
        .iter()
        .map(|path| read_public_key(path))
        .collect::<Result<Vec<_>>>()?;
    match args.format {
        KeyFormat::Pem => {
            if !args.kid.is_empty() {
                return Err(CliError::Usage(
                    "--kid has no place in the PEM form, which serves one key without an id; use --format omnichannel or jwks".into(),
                ));
            }
            let [key] = keys.as_slice() else {
                return Err(CliError::Usage(format!(
                    "--format pem serves one key, and {} were given; use --format omnichannel for several",
                    keys.len()
                )));
            };
            print(key.pem())
        }
        KeyFormat::Omnichannel | KeyFormat::Jwks => {
            if args.kid.len() != keys.len() {
                return Err(CliError::Usage(format!(
                    "{} --key and {} --kid: each key of a key set needs its --kid, in the same order",
                    keys.len(),
                    args.kid.len()
                )));
            }
            let valid_for = match args.valid_for.as_slice() {
                [one] => vec![*one; keys.len()],
                each if each.len() == keys.len() => each.to_vec(),
                each => {
                    return Err(CliError::Usage(format!(
                        "{} --valid-for for {} --key: give one for all keys, or one per key",
                        each.len(),
                        keys.len()
                    )));
                }
            };
            let mut set = KeySet::new();
            for ((key, kid), valid_for) in keys.into_iter().zip(&args.kid).zip(valid_for) {
                let expiry = SystemTime::now().checked_add(valid_for).ok_or_else(|| {
                    CliError::Usage(format!("--valid-for of --kid {kid}: too far in the future"))
                })?;
                set.add(kid.clone(), key, expiry)
                    .map_err(|error| CliError::Usage(format!("--kid {kid}: {error}")))?;
            }
            print(&match args.format {
                KeyFormat::Jwks => set.to_jwks(),
                _ => set.to_omnichannel_json(),
            })
        }
    }
}

fn inspect(args: &Inspect) -> Result<ExitCode> {
    let token = match args.token.as_deref() {
        Some(token) if token != "-" => token.to_owned(),
        _ => {
            let mut input = String::new();
            std::io::stdin()
                .read_to_string(&mut input)
                .map_err(|error| CliError::Io {
                    path: "standard input".into(),
                    error,
                })?;
            // The line end that ends the input is not part of the token: `echo "" |` gives none.
            input.trim_end_matches(['\n', '\r']).to_owned()
        }
    };
    let mut options = DiagnoseOptions::new().leeway(args.leeway);
    if let Some(now) = args.now {
        options = options.clock(FixedClock::at_unix_seconds(now));
    }
    if let Some(path) = &args.public_key {
        options = options.public_key(read_public_key(path)?);
    }
    if let Some(path) = &args.key_set {
        let text = String::from_utf8_lossy(&read(path)?).into_owned();
        let set = KeySet::parse(&text).map_err(|error| CliError::Key {
            path: path.clone(),
            error,
        })?;
        options = options.key_set(set);
    }
    if let Some(path) = &args.workstream {
        options = with_workstream(options, path)?;
    }
    let diagnosis = match &args.public_key_url {
        Some(url) => {
            let client = client(&args.fetch)?;
            let url = PublicKeyUrl::fetch(&client, url).map_err(CliError::Unavailable)?;
            url.diagnose(&token, &options)
        }
        None => diagnose(&token, &options),
    };
    if args.json {
        print_json(&diagnosis.to_json())?;
    } else {
        print(&diagnosis.to_string())?;
    }
    Ok(diagnosis
        .error
        .map_or(ExitCode::SUCCESS, |error| ExitCode::from(error.code())))
}

fn client(args: &FetchArgs) -> Result<Client> {
    Client::new(args.timeout, args.ca_file.as_deref())
}

fn print_json(json: &serde_json::Value) -> Result<()> {
    print(&serde_json::to_string_pretty(json).unwrap_or_default())
}

/// `options` refusing the variables the work stream export at `path` lacks.
fn with_workstream(options: DiagnoseOptions, path: &Path) -> Result<DiagnoseOptions> {
    let workstream = read_workstream(path)?;
    Ok(options.variable_names(workstream.fillable().map(|v| v.name.clone())))
}

fn run_doctor(args: &Doctor) -> Result<ExitCode> {
    let mut setup = Setup::new(&args.token_url, &args.public_key_url);
    for line in &args.headers {
        let header =
            Header::parse(line).map_err(|error| CliError::Usage(format!("--header: {error}")))?;
        setup = setup.header(header);
    }
    let mut options = DiagnoseOptions::new();
    if let Some(path) = &args.workstream {
        options = with_workstream(options, path)?;
    }
    let report = doctor(&client(&args.fetch)?, &setup, &options);
    if args.json {
        print_json(&report.to_json())?;
    } else {
        print(&report.to_string())?;
    }
    Ok(ExitCode::from(report.exit_code()))
}

fn read_workstream(path: &Path) -> Result<Workstream> {
    let text = String::from_utf8_lossy(&read(path)?).into_owned();
    Workstream::parse(&text).map_err(|error| CliError::Json {
        path: path.to_owned(),
        error: error.to_string(),
    })
}

fn codegen(args: &Codegen) -> Result<()> {
    let workstream = read_workstream(&args.workstream)?;
    let options = RustStructOptions {
        name: args.name.clone(),
        // The attribute's path, with forward slashes on every platform.
        workstream_path: args.workstream.to_string_lossy().replace('\\', "/"),
        encoding: args.encoding,
        float_numbers: args.float_numbers,
        required: args.required.clone(),
    };
    print(&rust_struct(&workstream, &options).map_err(CliError::Codegen)?)
}

fn glue(args: &Glue) -> Result<()> {
    let workstream = read_workstream(&args.workstream)?;
    if let Some(unknown) = args.required.iter().find(|name| {
        !workstream
            .fillable()
            .any(|variable| &variable.name == *name)
    }) {
        return Err(CliError::Usage(format!(
            "--required {unknown}: not an active Text or Number variable of the export"
        )));
    }
    let options = GlueOptions::new()
        .name(&args.name)
        .map_err(|error| CliError::Usage(format!("--name: {error}")))?;
    let origin = format!(
        "the work stream export `{}`",
        args.workstream
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    );
    let type_name = glue::pascal_case(&args.name);
    let source = GlueSource::from_workstream(
        &type_name,
        origin,
        &workstream,
        args.encoding,
        &args.required,
    );
    let rendered = glue::render_source(&source, &options);
    std::fs::create_dir_all(&args.out).map_err(|error| CliError::Io {
        path: args.out.clone(),
        error,
    })?;
    let written = rendered.write_to(&args.out).map_err(|error| CliError::Io {
        path: args.out.clone(),
        error,
    })?;
    let [js, dts] = written.map(|path| path.display().to_string());
    print(&format!(
        "wrote {js} and {dts} ({} variables, interface {type_name})",
        source.variables.len()
    ))
}
