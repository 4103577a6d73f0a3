//! The Markdown report: per backend, per endpoint and connection count, the
//! API's p50/p99 and requests/s next to the raw SQL's, the overhead ratio, and
//! the targets checked; then memory.

use crate::dataset::size;
use crate::server::BackendResult;
use crate::{Args, Scale};
use anyhow::Result;
use std::fmt::Write;

/// Markers around the generated part of BENCHMARKS.md.
const START: &str = "<!-- bench:api:start -->";
const END: &str = "<!-- bench:api:end -->";

fn yes(ok: bool) -> &'static str {
    if ok { "yes" } else { "**no**" }
}

fn header(args: &Args) -> String {
    let s = size(args.scale);
    let date = time::OffsetDateTime::now_utc().date();
    let scale = if args.scale == Scale::Full {
        "full"
    } else {
        "small"
    };
    format!(
        "*{date}, `bench/run --scale {scale}`: {} customers, {} associates, {} stores, {} purchases, {} activities; \
         wrk {}s per run; raw SQL {} repetitions; {} cores ({}).*\n\n",
        s.customers,
        s.associates,
        s.stores,
        s.purchases,
        s.activities,
        args.seconds,
        args.raw_reps,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        machine(),
    )
}

/// The CPU model and memory of this machine, from /proc (Linux).
fn machine() -> String {
    let read = |path| std::fs::read_to_string(path).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split(':').nth(1))
        .map_or_else(|| "unknown CPU".to_owned(), |m| m.trim().to_owned());
    let kib: u64 = read("/proc/meminfo")
        .lines()
        .find_map(|l| {
            l.strip_prefix("MemTotal:")?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0);
    format!("{cpu}, {:.0} GiB", kib as f64 / (1024.0 * 1024.0))
}

fn backend_table(out: &mut String, r: &BackendResult) {
    let _ = writeln!(out, "#### {:?}\n", r.backend);
    out.push_str("| endpoint | conns | API p50 ms | API p99 ms | req/s | errors | raw SQL p50 ms | raw SQL p99 ms | p50 ratio | p99 ≤ 10 ms | p99 ≤ 1.5×raw+0.5 |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|\n");
    for (name, runs, raw) in &r.endpoints {
        for l in runs {
            let _ = writeln!(
                out,
                "| {name} | {} | {:.2} | {:.2} | {:.0} | {} | {:.2} | {:.2} | {:.1}× | {} | {} |",
                l.connections,
                l.p50_ms,
                l.p99_ms,
                l.rps,
                l.errors,
                raw.p50_ms,
                raw.p99_ms,
                l.p50_ms / raw.p50_ms.max(1e-6),
                yes(l.errors == 0 && l.p99_ms <= 10.0),
                yes(l.errors == 0 && l.p99_ms <= 1.5 * raw.p99_ms + 0.5),
            );
        }
    }
    let best = r
        .endpoints
        .iter()
        .find(|(n, _, _)| n == "my_book")
        .map(|(_, runs, _)| runs.iter().map(|l| l.rps).fold(0.0, f64::max))
        .unwrap_or(0.0);
    let _ = writeln!(
        out,
        "\nMy book first page, best throughput: {best:.0} req/s (target ≥ 5,000: {}). \
         Server RSS idle {:.0} MB, peak under load {:.0} MB (target ≤ 150 MB: {}); \
         of it private (anonymous) after the load: {:.0} MB.\n",
        yes(best >= 5000.0),
        r.rss_idle_kib as f64 / 1024.0,
        r.rss_peak_kib as f64 / 1024.0,
        yes(r.rss_peak_kib <= 150 * 1024),
        r.rss_anon_kib as f64 / 1024.0,
    );
}

/// The whole report.
pub fn markdown(args: &Args, results: &[BackendResult]) -> String {
    let mut out = String::from("### API latency and throughput against raw SQL\n\n");
    out.push_str(&header(args));
    for r in results {
        backend_table(&mut out, r);
    }
    out
}

/// Put `md` between the markers in BENCHMARKS.md (appended with them if absent).
pub fn update_benchmarks_md(md: &str) -> Result<()> {
    let path = "BENCHMARKS.md";
    let old = std::fs::read_to_string(path)?;
    let block = format!("{START}\n{md}{END}");
    let new = match (old.find(START), old.find(END)) {
        (Some(a), Some(b)) if b > a => format!("{}{block}{}", &old[..a], &old[b + END.len()..]),
        _ => format!("{old}\n## API benchmarks (issue 8)\n\n{block}\n"),
    };
    std::fs::write(path, new)?;
    Ok(())
}
