//! The `lwicontext` binary, run as a person runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

mod common;

use common::{lwicontext, stderr, stdout};

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(dir: &Path, file: &str) -> String {
    dir.join(file).to_str().unwrap().to_owned()
}

fn keygen(dir: &Path) {
    let output = lwicontext(&["keygen", "--out", dir.to_str().unwrap(), "--kid", "k1"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn keygen_mint_and_verify() {
    let dir = scratch("keygen_mint_and_verify");
    keygen(&dir);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.join("private.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    std::fs::write(
        dir.join("ctx.json"),
        r#"{"msdyn_isvip": false, "msdyn_cartvalue": 10000}"#,
    )
    .unwrap();
    let output = lwicontext(&[
        "mint",
        "--key",
        &path(&dir, "private.pem"),
        "--iss",
        "contosohelp.com",
        "--sub",
        "87b4",
        "--kid",
        "k1",
        "--lifetime",
        "10m",
        "--context",
        &path(&dir, "ctx.json"),
        "--set",
        "msdyn_tier=gold",
        "--set",
        "msdyn_cartvalue=12",
        "--encoding",
        "native",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let token = stdout(&output).trim().to_owned();

    let public = std::fs::read(dir.join("public.pem")).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&["contosohelp.com"]);
    let data = jsonwebtoken::decode::<Value>(
        &token,
        &DecodingKey::from_rsa_pem(&public).unwrap(),
        &validation,
    )
    .unwrap();
    assert_eq!(data.header.kid.as_deref(), Some("k1"));
    // The file's order is kept; --set replaces in place and appends.
    assert_eq!(
        data.claims["lwicontexts"],
        r#"{"msdyn_isvip":false,"msdyn_cartvalue":12,"msdyn_tier":"gold"}"#
    );
    assert_eq!(
        data.claims["exp"].as_u64().unwrap() - data.claims["iat"].as_u64().unwrap(),
        600
    );

    // inspect agrees, and exits 0.
    let output = lwicontext(&["inspect", &token, "--public-key", &path(&dir, "public.pem")]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("the widget and Omnichannel would accept it"));
    assert!(
        !stdout(&output).contains(&token[token.len() - 20..]),
        "never the whole token"
    );
}

#[test]
fn mint_keeps_numbers_exact() {
    let dir = scratch("mint_keeps_numbers_exact");
    keygen(&dir);
    // Numbers keep their digits; native refuses what JavaScript would change.
    let key = path(&dir, "private.pem");
    let mint = |extra: &[&str]| {
        let mut args = vec!["mint", "--key", &key, "--iss", "i", "--sub", "s"];
        args.extend_from_slice(extra);
        lwicontext(&args)
    };
    let phone = "msdyn_phone=123456789012345678901234";
    let big = mint(&[
        "--set",
        phone,
        "--set",
        "msdyn_version=1.10",
        "--set",
        "msdyn_note=null",
    ]);
    let claims = jsonwebtoken::dangerous::insecure_decode::<Value>(stdout(&big).trim())
        .unwrap()
        .claims;
    assert_eq!(
        claims["lwicontexts"],
        r#"{"msdyn_phone":"123456789012345678901234","msdyn_version":"1.10","msdyn_note":"null"}"#
    );
    let native = mint(&["--set", phone, "--encoding", "native"]);
    assert!(
        stderr(&native).contains("`msdyn_phone`"),
        "{}",
        stderr(&native)
    );
}

#[test]
fn keygen_keeps_existing_keys() {
    let dir = scratch("keygen_keeps_existing_keys");
    keygen(&dir);
    let before = std::fs::read(dir.join("private.pem")).unwrap();
    let output = lwicontext(&["keygen", "--out", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(64));
    assert!(
        stderr(&output).contains("exists; pass --force"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(dir.join("private.pem")).unwrap(), before);
    let output = lwicontext(&["keygen", "--out", dir.to_str().unwrap(), "--force"]);
    assert!(output.status.success());
    assert_ne!(std::fs::read(dir.join("private.pem")).unwrap(), before);
}

/// Six `keygen`s into one empty folder at once: whichever writes first wins, every other one
/// refuses as for a key that was there before (even one that appeared after its own check),
/// and what is left is one whole pair, the private key 0600, with no temporary file.
#[test]
fn keygen_racing_for_one_folder_leaves_one_whole_pair() {
    let dir = scratch("keygen_racing_for_one_folder_leaves_one_whole_pair");
    let out = dir.join("keys");
    let racers: Vec<_> = (0..6)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_lwicontext"))
                .args(["keygen", "--out", out.to_str().unwrap()])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = racers
        .into_iter()
        .map(|racer| racer.wait_with_output().unwrap())
        .collect();
    let won = outputs
        .iter()
        .filter(|output| output.status.success())
        .count();
    assert_eq!(
        won,
        1,
        "{:?}",
        outputs.iter().map(stderr).collect::<Vec<_>>()
    );
    for output in outputs.iter().filter(|output| !output.status.success()) {
        assert_eq!(output.status.code(), Some(64), "{}", stderr(output));
        assert!(
            stderr(output).contains("exists; pass --force"),
            "{}",
            stderr(output)
        );
        assert_eq!(stderr(output).lines().count(), 1, "{}", stderr(output));
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["private.pem", "public.pem"]);
    // The public key is the private key's own.
    let derived = lwicontext(&["publickey", "--key", &path(&out, "private.pem")]);
    assert_eq!(
        stdout(&derived),
        std::fs::read_to_string(out.join("public.pem")).unwrap()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(out.join("private.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn publickey_prints_each_form() {
    let dir = scratch("publickey_prints_each_form");
    keygen(&dir);
    let other = dir.join("other");
    keygen(&other);
    let key = path(&dir, "private.pem");
    let output = lwicontext(&["publickey", "--key", &key]);
    assert_eq!(
        stdout(&output),
        String::from_utf8(std::fs::read(dir.join("public.pem")).unwrap()).unwrap()
    );

    let other_key = path(&other, "private.pem");
    let output = lwicontext(&[
        "publickey",
        "--key",
        &key,
        "--kid",
        "a",
        "--key",
        &other_key,
        "--kid",
        "b",
        "--format",
        "omnichannel",
    ]);
    let keys: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(keys.as_array().unwrap().len(), 2);
    assert_eq!(keys[1]["kid"], "b");
    // The outgoing key can expire first.
    let output = lwicontext(&[
        "publickey",
        "--format",
        "omnichannel",
        "--key",
        &key,
        "--kid",
        "old",
        "--valid-for",
        "30d",
        "--key",
        &other_key,
        "--kid",
        "new",
        "--valid-for",
        "365d",
    ]);
    let keys: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let days = (keys[1]["expiry"].as_u64().unwrap() - keys[0]["expiry"].as_u64().unwrap()) / 86_400;
    assert_eq!(days, 335);

    let output = lwicontext(&["publickey", "--key", &key, "--kid", "a", "--format", "jwks"]);
    let jwks: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(jwks["keys"][0]["alg"], "RS256");

    // A public key file works as input too.
    let output = lwicontext(&[
        "publickey",
        "--key",
        &path(&dir, "public.pem"),
        "--kid",
        "a",
        "--format",
        "jwks",
    ]);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&output)).unwrap(),
        jwks
    );
}

#[test]
fn inspect_exits_with_the_widget_error_code() {
    use std::io::Write as _;
    let output = lwicontext(&["inspect", ""]);
    assert_eq!(output.status.code(), Some(3));
    let output = lwicontext(&["inspect", "not.a.jwt", "--json"]);
    assert_eq!(output.status.code(), Some(4));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["errorCode"], 4);
    assert_eq!(
        json["errorMessage"],
        "Auth token provider provided invalid token"
    );
    // Against the work stream export: a variable it lacks is named.
    let dir = scratch("inspect_exits_with_the_widget_error_code");
    keygen(&dir);
    let export =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/workstream/contextvariables.json");
    let token = stdout(&lwicontext(&[
        "mint",
        "--key",
        &path(&dir, "private.pem"),
        "--iss",
        "i",
        "--sub",
        "s",
        "--set",
        "msdyn_cartvalu=1",
    ]));
    let output = lwicontext(&[
        "inspect",
        token.trim(),
        "--workstream",
        export.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(4));
    assert!(
        stdout(&output).contains("did you mean `msdyn_cartvalue`?"),
        "{}",
        stdout(&output)
    );
    // From standard input.
    let mut child = Command::new(env!("CARGO_BIN_EXE_lwicontext"))
        .args(["inspect", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"a.b").unwrap();
    assert_eq!(child.wait_with_output().unwrap().status.code(), Some(4));
}

/// `inspect` exits with the code the shared token table gives each case (0 when accepted), so
/// that it agrees with the widget's own code too (`tests/js/widget.test.mjs`); a 13-digit exp
/// is a warning, and each error says which side refuses.
#[test]
fn inspect_agrees_with_the_shared_token_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let table: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/cases/tokens.json")).unwrap(),
    )
    .unwrap();
    let key = root.join("tests/keys/rsa2048.pkcs8.pem");
    // The table's variables as a work stream export, for the unknown-variable cases.
    let dir = scratch("inspect_agrees_with_the_shared_token_cases");
    let export: Vec<Value> = table["variables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|name| serde_json::json!({"msdyn_name": name, "msdyn_datatype": 192_350_000}))
        .collect();
    let export_path = dir.join("contextvariables.json");
    std::fs::write(&export_path, Value::Array(export).to_string()).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() > 20);
    for case in cases {
        let now = case["now"].to_string();
        let output = lwicontext(&[
            "inspect",
            case["token"].as_str().unwrap(),
            "--public-key",
            key.to_str().unwrap(),
            "--workstream",
            export_path.to_str().unwrap(),
            "--now",
            &now,
        ]);
        let expected = case["errorCode"]
            .as_i64()
            .map_or(0, |code| i32::try_from(code).unwrap());
        let shown = stdout(&output);
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{}: {shown}",
            case["name"]
        );
        let side = match case["refusedBy"].as_str() {
            Some("widget") => "the widget refuses: ",
            Some("server") => "Omnichannel's server refuses: ",
            _ => "would accept it",
        };
        assert!(shown.contains(side), "{}: {shown}", case["name"]);
        if case["name"] == "exp_in_milliseconds" {
            assert!(
                shown.contains("warning  exp is") && shown.contains("millennia"),
                "{shown}"
            );
        }
    }
}

/// `codegen` writes the golden files in `tests/golden/` exactly; `tests/codegen.rs` compiles them.
/// After a deliberate change, `UPDATE_GOLDEN=1` writes them anew: review the diff.
#[test]
fn codegen_writes_the_golden_files() {
    // Run from this crate's root, as users run it from theirs: the path resolves from here.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workstream = "../examples/workstream/contextvariables.json";
    let cases: [(&str, &[&str]); 2] = [
        ("chat_context.rs", &["--required", "msdyn_cartvalue"]),
        (
            "shop_context.rs",
            &[
                "--name",
                "ShopContext",
                "--float-numbers",
                "--encoding",
                "native",
            ],
        ),
    ];
    for (file, options) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_lwicontext"))
            .current_dir(root)
            .args(["codegen", "--workstream", workstream])
            .args(options)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let golden = root.join("tests/golden").join(file);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &output.stdout).unwrap();
        }
        assert_eq!(
            stdout(&output),
            std::fs::read_to_string(&golden).unwrap(),
            "{file}"
        );
    }
}

/// Generated modules are as rustfmt writes them, for names of every width up to the limit.
#[test]
fn codegen_output_is_rustfmt_clean() {
    let dir = scratch("codegen_output_is_rustfmt_clean");
    let variables: Vec<Value> = (52..=100)
        .flat_map(|width| {
            [true, false].map(|displayable| {
                let name = format!("{}{}", if displayable { "d" } else { "h" }, "x".repeat(width - 1));
                serde_json::json!({
                    "msdyn_name": name,
                    "msdyn_datatype": if width % 2 == 0 { 192_350_000 } else { 192_350_001 },
                    "msdyn_isdisplayable": displayable,
                    "msdyn_displayname": if width == 53 { String::new() } else { format!("Width {width}") },
                })
            })
        })
        .collect();
    std::fs::write(dir.join("wide.json"), Value::from(variables).to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_lwicontext"))
        .current_dir(&dir)
        .args([
            "codegen",
            "--workstream",
            "wide.json",
            "--encoding",
            "nested",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::write(dir.join("wide.rs"), &output.stdout).unwrap();
    let rustfmt = Command::new("rustfmt")
        .args(["--edition", "2024", "--check"])
        .arg(dir.join("wide.rs"))
        .output()
        .expect("rustfmt is part of the pinned toolchain");
    assert!(
        rustfmt.status.success(),
        "{}",
        String::from_utf8_lossy(&rustfmt.stdout)
    );
}

/// Each bad input, with `DIR` for the scratch folder, and what its one line must say.
fn bad_inputs() -> Vec<(String, &'static str)> {
    let mint = "mint --iss i --sub s --key";
    vec![
        (format!("{mint} DIR/missing.pem"), "missing.pem"),
        (format!("{mint} DIR/public.pem"), "public key"),
        (format!("{mint} DIR/garbage.pem"), "not a PEM key"),
        (
            format!("{mint} DIR/private.pem --context DIR/array.json"),
            "`msdyn_tags`",
        ),
        (
            format!("{mint} DIR/private.pem --context DIR/broken.json"),
            "broken.json",
        ),
        (format!("{mint} DIR/private.pem --set x={{}}"), "`x`"),
        (
            format!("{mint} DIR/private.pem --set novalue"),
            "NAME=VALUE",
        ),
        (
            format!("{mint} DIR/private.pem --lifetime soon"),
            "invalid duration",
        ),
        ("mint --key DIR/private.pem".to_owned(), "--iss"),
        ("keygen --out DIR/k --bits 1024".to_owned(), "1024 bits"),
        (
            "publickey --key DIR/private.pem --format omnichannel".to_owned(),
            "--kid",
        ),
        (
            "publickey --format jwks --key DIR/private.pem --kid a --key DIR/public.pem --kid a"
                .to_owned(),
            "unique",
        ),
        (
            "inspect x --key-set DIR/broken.json".to_owned(),
            "broken.json",
        ),
        ("frobnicate".to_owned(), "frobnicate"),
        ("publickey --key DIR/private.pem --kid a".to_owned(), "PEM form"),
        (
            "publickey --format jwks --key DIR/private.pem --kid a --valid-for 1d --valid-for 2d"
                .to_owned(),
            "one per key",
        ),
        ("codegen --workstream DIR/missing.json".to_owned(), "missing.json"),
        ("codegen --workstream DIR/broken.json".to_owned(), "not JSON"),
        ("codegen --workstream DIR/array.json".to_owned(), "no `value` array"),
        (
            "codegen --workstream ../examples/workstream/contextvariables.json --required msdyn_lastorder"
                .to_owned(),
            "--required msdyn_lastorder",
        ),
        (
            "codegen --workstream ../examples/workstream/contextvariables.json --name chat-context"
                .to_owned(),
            "not a Rust type name",
        ),
        (
            "glue --workstream DIR/missing.json --out DIR/glue".to_owned(),
            "missing.json",
        ),
        (
            "glue --workstream ../examples/workstream/contextvariables.json --out DIR/glue --name chat-context"
                .to_owned(),
            "snake_case",
        ),
        (
            "glue --workstream ../examples/workstream/contextvariables.json --out DIR/glue --required msdyn_lastorder"
                .to_owned(),
            "--required msdyn_lastorder",
        ),
        (
            "glue --workstream ../examples/workstream/contextvariables.json --out DIR/garbage.pem/x"
                .to_owned(),
            "garbage.pem",
        ),
    ]
}

/// Every bad input: one line on stderr, a non-zero exit, no panic, no backtrace.
#[test]
fn bad_input_is_one_clear_line() {
    let dir = scratch("bad_input_is_one_clear_line");
    keygen(&dir);
    std::fs::write(dir.join("array.json"), r#"{"msdyn_tags": ["a"]}"#).unwrap();
    std::fs::write(dir.join("broken.json"), "{").unwrap();
    std::fs::write(dir.join("garbage.pem"), "hello").unwrap();
    let cases = bad_inputs();
    let dir = dir.to_str().unwrap();
    for (command, expected) in cases {
        let command = command.replace("DIR", dir);
        let args: Vec<&str> = command.split_whitespace().collect();
        let output = lwicontext(&args);
        let err = stderr(&output);
        // sysexits: never 0, and never a widget error code that inspect exits with.
        assert!(
            matches!(output.status.code(), Some(64..=66)),
            "{command}: {:?}",
            output.status
        );
        assert_eq!(err.lines().count(), 1, "{command}: {err}");
        assert!(
            err.starts_with("lwicontext: ") && err.contains(expected),
            "{command}: {err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{command}: {err}"
        );
        assert!(stdout(&output).is_empty(), "{command}");
    }
}

/// Every command but `mint`, on a key and a token of its own, successes and failures alike:
/// stdout and stderr hold neither the private key (its secret lines, past the modulus) nor the
/// whole token or its signature.
#[test]
fn no_command_but_mint_shows_a_private_key_or_a_whole_token() {
    let dir = scratch("no_command_but_mint_shows_a_private_key_or_a_whole_token");
    keygen(&dir);
    let private = std::fs::read_to_string(dir.join("private.pem")).unwrap();
    let minted = lwicontext(&[
        "mint",
        "--key",
        &path(&dir, "private.pem"),
        "--iss",
        "contoso",
        "--sub",
        "87b4",
        "--set",
        "msdyn_cartvalue=10000",
    ]);
    assert!(minted.status.success(), "{}", stderr(&minted));
    let token = stdout(&minted).trim().to_owned();
    let mut needles: Vec<String> =
        vec![token.clone(), token.rsplit('.').next().unwrap().to_owned()];
    needles.extend(
        private
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .skip(7)
            .map(str::to_owned),
    );
    // The check finds what it looks for.
    assert!(
        needles
            .iter()
            .skip(2)
            .all(|line| private.contains(line.as_str()))
    );
    assert!(needles.len() > 12);

    std::fs::write(dir.join("damaged.pem"), private.replacen("MII", "MIX", 1)).unwrap();
    std::fs::write(dir.join("token.jwt"), &token).unwrap();
    let key = path(&dir, "private.pem");
    let public = path(&dir, "public.pem");
    let damaged = path(&dir, "damaged.pem");
    let tampered = format!("{}A", &token[..token.len() - 1]);
    let runs: Vec<Vec<&str>> = vec![
        vec!["publickey", "--key", &key],
        vec![
            "publickey",
            "--key",
            &key,
            "--format",
            "jwks",
            "--kid",
            "k1",
        ],
        vec![
            "publickey",
            "--key",
            &key,
            "--format",
            "omnichannel",
            "--kid",
            "k1",
        ],
        vec!["publickey", "--key", &damaged],
        vec!["inspect", &token],
        vec!["inspect", &token, "--public-key", &public],
        vec!["inspect", &token, "--public-key", &public, "--json"],
        vec!["inspect", &tampered, "--public-key", &public],
        vec!["inspect", &tampered, "--json"],
        vec!["inspect", &token, "--public-key", &key],
        vec![
            "mint", "--key", &damaged, "--iss", "contoso", "--sub", "87b4",
        ],
        vec!["keygen", "--out", dir.to_str().unwrap()],
    ];
    for args in &runs {
        let output = lwicontext(args);
        let shown = format!("{}{}", stdout(&output), stderr(&output));
        for needle in &needles {
            assert!(
                !shown.contains(needle.as_str()),
                "lwicontext {args:?} shows secrets:\n{shown}"
            );
        }
    }
}
