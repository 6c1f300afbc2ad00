//! The real binary: bad configuration gives one clear line and a non-zero exit, no panic trace.

use std::process::Command;

use super::support::Fixture;

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mentora-server"))
}

#[track_caller]
fn check_fails_with(mut command: Command, expected: &str) {
    let output = command.output().expect("run server");
    assert!(!output.status.success(), "should fail");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let error_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error_lines.len(), 1, "one error line expected:\n{stderr}");
    assert!(error_lines[0].contains(expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn help_lists_every_option() {
    let output = server().args(["serve", "--help"]).output().expect("run");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--bind",
        "--port",
        "--data-dir",
        "--site-dir",
        "--demo",
        "MENTORA_PORT",
    ] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

#[test]
fn a_port_in_use_is_one_clear_error() {
    let fixture = Fixture::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let mut command = server();
    command
        .args(["serve", "--port", &port, "--data-dir"])
        .arg(fixture.dir.path().join("data"))
        .arg("--site-dir")
        .arg(fixture.site());
    check_fails_with(command, "cannot listen on 127.0.0.1:");
}

#[test]
fn an_unusable_data_dir_is_one_clear_error() {
    let fixture = Fixture::new();
    let file = fixture.dir.path().join("plain-file");
    std::fs::write(&file, "x").expect("write");
    let mut command = server();
    command
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(&file)
        .arg("--site-dir")
        .arg(fixture.site());
    check_fails_with(command, "plain-file");
}

#[test]
fn a_missing_site_is_one_clear_error() {
    let fixture = Fixture::new();
    let mut command = server();
    command
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(fixture.dir.path().join("data"))
        .arg("--site-dir")
        .arg(fixture.dir.path().join("nowhere"));
    check_fails_with(command, "no built app");
}
