//! What several test binaries share: a `concord serve` started on a free loopback port.

use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Kills a child process however the test ends.
pub struct Kill(pub Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `concord serve` over the store at `db` on 127.0.0.1 and a free port; returns the
/// process (killed on drop) and the address it printed.
pub fn serve(db: &Path, extra: &[&str]) -> (Kill, String) {
    let mut child = Kill(
        Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("--db")
            .arg(db)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .expect("concord serve starts"),
    );
    let mut lines = std::io::BufReader::new(child.0.stderr.take().unwrap()).lines();
    let line = lines.next().expect("a startup line").unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (child, addr)
}
