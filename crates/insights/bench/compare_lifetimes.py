"""Fit lifetimes 0.11.3 on the summary written by the `fit_speed` example and
print times and parameters, for comparison with the Rust crate.

    cargo run --release -p clienteling-insights --example fit_speed -- 1000000 /tmp/fit_speed_summary.csv
    python bench/compare_lifetimes.py /tmp/fit_speed_summary.csv

Requires `pip install lifetimes==0.11.3` (works with current numpy/pandas/scipy).
Fits both on one row per customer (lifetimes' usual use) and on distinct
(frequency, recency, T) rows with weights (lifetimes' `weights` argument).
"""
import sys
import time

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main(path):
    data = timed("read csv", lambda: pd.read_csv(path))
    print(f"customers: {len(data)}")

    grouped = data.groupby(["frequency", "recency", "T"]).size().reset_index(name="weights")
    print(f"distinct (frequency, recency, T): {len(grouped)}")
    bgf = timed(
        "BG/NBD fit on distinct tuples with weights",
        lambda: BetaGeoFitter().fit(grouped["frequency"], grouped["recency"], grouped["T"], weights=grouped["weights"]),
    )
    print("  params:", bgf.params_.to_dict())

    bgf_raw = timed(
        "BG/NBD fit on one row per customer",
        lambda: BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"]),
    )
    print("  params:", bgf_raw.params_.to_dict())
    print("  mean negative log-likelihood (lifetimes' scaled time):", bgf_raw._negative_log_likelihood_)

    repeat = data[(data["frequency"] > 0) & (data["monetary_value"] > 0)]
    ggf = timed(
        f"Gamma-Gamma fit on {len(repeat)} repeat customers",
        lambda: GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"]),
    )
    print("  params:", ggf.params_.to_dict())

    # Scoring every customer, as the insights job does: P(alive), expected
    # purchases in 52 weeks, and a 12-month CLV at 1 % monthly discount
    # (lifetimes' freq="W": the summary is in weeks).
    f, r, t, m = data["frequency"], data["recency"], data["T"], data["monetary_value"]
    start = time.perf_counter()
    timed("P(alive) for every customer", lambda: bgf_raw.conditional_probability_alive(f, r, t))
    timed(
        "expected purchases (52 weeks) for every customer",
        lambda: bgf_raw.conditional_expected_number_of_purchases_up_to_time(52, f, r, t),
    )
    timed(
        "12-month CLV for every customer",
        lambda: ggf.customer_lifetime_value(bgf_raw, f, r, t, m, time=12, discount_rate=0.01, freq="W"),
    )
    print(f"scoring total: {time.perf_counter() - start:.2f} s")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/fit_speed_summary.csv")
