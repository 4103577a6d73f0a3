//! Rebuild when message files are added or removed (their contents are
//! tracked by `include_str!` already).

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
