//! What a launch pays for the link handler when everything is in place
//! (compare only) versus what every launch paid before (spawning `xdg-mime
//! default` and `update-desktop-database`). Uses a private XDG tree; prints
//! medians. Not a test: the numbers depend on the machine's load.
//!
//! cargo run --release -p link-handler --example check_cost

fn main() {
    #[cfg(unix)]
    imp::main();
    #[cfg(not(unix))]
    eprintln!("check_cost measures the Linux registration only");
}

#[cfg(unix)]
mod imp {
    use std::path::PathBuf;
    use std::process::Command;
    use std::time::{Duration, Instant};

    use link_handler::linux::{Outcome, Registration};
    use link_handler::location::Policy;
    use link_handler::xdg::XdgDirs;

    fn median(mut v: Vec<Duration>) -> Duration {
        v.sort();
        v[v.len() / 2]
    }

    pub fn main() {
        let root = tempfile::tempdir().expect("tempdir");
        let r = root.path();
        let exe = std::env::current_exe().expect("exe");
        let dirs = XdgDirs {
            config_home: r.join("config"),
            config_dirs: vec![PathBuf::from("/etc/xdg")],
            data_home: r.join("data"),
            data_dirs: vec![
                PathBuf::from("/usr/local/share"),
                PathBuf::from("/usr/share"),
            ],
            desktops: vec![],
            path: vec![PathBuf::from("/usr/bin")],
        };
        let reg = Registration {
            exe,
            scheme: "upsoptin".into(),
            dirs,
            policy: Policy {
                temp_roots: vec![],
                ..Policy::system()
            },
            installed: false,
        };
        let first = Instant::now();
        let outcome = reg.ensure().expect("first registration");
        println!(
            "first ensure (writes, spawns xdg-mime + update-desktop-database): {:?} -> {outcome:?}",
            first.elapsed()
        );
        let runs = 51;
        let ensure: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                assert_eq!(reg.ensure().expect("ensure"), Outcome::UpToDate);
                t.elapsed()
            })
            .collect();
        println!(
            "ensure when all is in place (compare only), median of {runs}: {:?}",
            median(ensure)
        );
        let env = |c: &mut Command| {
            c.env("XDG_CONFIG_HOME", r.join("config"))
                .env("XDG_DATA_HOME", r.join("data"));
        };
        let old: Vec<Duration> = (0..11)
            .map(|_| {
                let t = Instant::now();
                let mut a = Command::new("xdg-mime");
                a.args([
                    "default",
                    "ups-optin-wizard-handler.desktop",
                    "x-scheme-handler/upsoptin",
                ]);
                env(&mut a);
                a.status().expect("xdg-mime");
                let mut b = Command::new("update-desktop-database");
                b.arg(r.join("data/applications"));
                env(&mut b);
                b.status().expect("update-desktop-database");
                t.elapsed()
            })
            .collect();
        println!(
            "before: xdg-mime default + update-desktop-database at every launch, median of 11: {:?}",
            median(old)
        );
    }
}
