//! Load with `wrk` (latency distribution, requests/s, non-2xx count) and
//! memory readings from `/proc`.

use anyhow::{Context, Result, bail};
use std::process::Command;

/// One `wrk` run.
#[derive(Debug, Clone)]
pub struct LoadResult {
    /// Connections (wrk uses two threads, or one for a single connection).
    pub connections: u32,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Requests per second.
    pub rps: f64,
    /// Responses that were not 2xx/3xx, plus socket errors.
    pub errors: u64,
}

fn wrk_cmd(url: &str, token: &str, connections: u32, duration: &str) -> Command {
    let mut cmd = Command::new("wrk");
    cmd.args([
        "-t",
        &connections.clamp(1, 2).to_string(),
        "-c",
        &connections.to_string(),
        "-d",
        duration,
        "--latency",
        // Slow answers count in the distribution instead of timing out (wrk's
        // default of 2 s drops them and reports a p99 of the fast ones only).
        "--timeout",
        "30s",
        "-H",
        &format!("Authorization: Bearer {token}"),
        url,
    ]);
    cmd
}

/// A short run to warm caches and connections.
pub fn warm_up(url: &str, token: &str) -> Result<()> {
    let out = wrk_cmd(url, token, 2, "2s")
        .output()
        .context("running wrk")?;
    if !out.status.success() {
        bail!("wrk: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

/// Load `url` with `connections` for `seconds`.
pub fn wrk(url: &str, token: &str, connections: u32, seconds: u32) -> Result<LoadResult> {
    let out = wrk_cmd(url, token, connections, &format!("{seconds}s"))
        .output()
        .context("running wrk")?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("wrk: {}", String::from_utf8_lossy(&out.stderr));
    }
    parse(&text, connections).with_context(|| format!("parsing wrk output:\n{text}"))
}

/// A wrk duration such as `812.00us`, `1.20ms` or `2.01s`, in ms.
fn ms(s: &str) -> Option<f64> {
    let (num, factor) = if let Some(n) = s.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    num.parse::<f64>().ok().map(|v| v * factor)
}

fn parse(text: &str, connections: u32) -> Result<LoadResult> {
    let mut r = LoadResult {
        connections,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
        rps: f64::NAN,
        errors: 0,
    };
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", v] => r.p50_ms = ms(v).context("p50")?,
            ["99%", v] => r.p99_ms = ms(v).context("p99")?,
            ["Requests/sec:", v] => r.rps = v.parse()?,
            ["Non-2xx", "or", "3xx", "responses:", n] => r.errors += n.parse::<u64>()?,
            ["Socket", "errors:", rest @ ..] => {
                r.errors += rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    if r.p99_ms.is_nan() || r.rps.is_nan() {
        bail!("no latency distribution");
    }
    Ok(r)
}

/// A `/proc/PID/status` field in KiB (`VmRSS`, `VmHWM`).
pub fn rss_kib(pid: u32, field: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .with_context(|| format!("{field} of {pid}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Running 2s test @ http://127.0.0.1:1/x
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20ms  300.00us   5.00ms   90.00%
  Latency Distribution
     50%  812.00us
     75%    1.10ms
     90%    1.50ms
     99%    2.01s
  1000 requests in 2.00s, 1.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:    500.25
Transfer/sec:    512.00KB
";

    #[test]
    fn wrk_output_is_parsed() {
        let r = parse(SAMPLE, 16).unwrap();
        assert!((r.p50_ms - 0.812).abs() < 1e-9);
        assert!((r.p99_ms - 2010.0).abs() < 1e-9);
        assert!((r.rps - 500.25).abs() < 1e-9);
        assert_eq!(r.errors, 6);
    }

    #[test]
    fn output_without_a_distribution_is_an_error() {
        assert!(parse("Requests/sec: 1.0", 2).is_err());
    }
}
