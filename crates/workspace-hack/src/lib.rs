//! No code: this crate's manifest pins one feature set per dependency for the
//! workspace's release builds (see its Cargo.toml and `scripts/feature-unity.sh`).
