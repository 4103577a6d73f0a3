"""Write a transactions CSV (`customer_id,date,amount`) from the BG/NBD +
Gamma-Gamma generative process, for benchmarking `clienteling insights` and
`lifetimes` on the same file.

    python bench/gen_transactions.py 1000000 /tmp/transactions_1m.csv

Defaults match the `fit_speed` example: CDNOW-like parameters (weeks)
r=0.243, alpha=4.414, a=0.793, b=2.426 and spend p=6.25, q=3.74, v=15.44
(major units); first purchases uniform over the 364 days before the
calibration end 2024-12-31, purchases followed up to the calibration end
(plus `--holdout-days`). Each customer buys on day `first + floor(7 t)` for
repeat times `t` (weeks) of a Poisson process, dropping out after each repeat
purchase with their own probability. Amounts have 2 decimals (at least 0.01).
Rows are sorted by date, then customer. Fixed seed: the same arguments give
the same file. Requires numpy and pandas (a `.gz` path is gzip-compressed).
"""
import argparse

import numpy as np
import pandas as pd

R, ALPHA, A, B = 0.243, 4.414, 0.793, 2.426
P, Q, V = 6.25, 3.74, 15.44


def repeat_purchases(rng, rate, dropout, age):
    """(customer index, repeat time in weeks) of every repeat purchase."""
    customers, times = [], []
    active = np.arange(rate.size)
    now = np.zeros(rate.size)
    while active.size:
        step = now[active] + rng.exponential(1.0 / rate[active])
        inside = step < age[active]
        active = active[inside]
        now[active] = step[inside]
        customers.append(active)
        times.append(now[active])
        active = active[rng.random(active.size) >= dropout[active]]
    return np.concatenate(customers), np.concatenate(times)


def transactions(n, seed, end, acquisition_days, holdout_days):
    """A DataFrame of transactions of customers 1..n."""
    rng = np.random.default_rng(seed)
    rate = np.maximum(rng.gamma(R, 1.0 / ALPHA, n), 1e-300)
    dropout = rng.beta(A, B, n)
    nu = rng.gamma(Q, 1.0 / V, n)
    first = end - rng.integers(0, acquisition_days, n)
    age = (end + holdout_days - first + 1) / 7.0
    repeat_c, repeat_t = repeat_purchases(rng, rate, dropout, age)
    customer = np.concatenate([np.arange(n), repeat_c])
    day = first[customer] + np.floor(np.concatenate([np.zeros(n), repeat_t]) * 7).astype(np.int64)
    amount = np.maximum(np.round(rng.gamma(P, 1.0 / nu[customer]), 2), 0.01)
    order = np.lexsort((customer, day))
    dates = (np.datetime64("1970-01-01", "D") + day[order]).astype(str)
    return pd.DataFrame({"customer_id": customer[order] + 1, "date": dates, "amount": amount[order]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("customers", type=int, nargs="?", default=1_000_000)
    parser.add_argument("path", nargs="?", default="/tmp/transactions_1m.csv")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--calibration-end", default="2024-12-31")
    parser.add_argument("--acquisition-days", type=int, default=364)
    parser.add_argument("--holdout-days", type=int, default=0)
    args = parser.parse_args()
    end = int((np.datetime64(args.calibration_end, "D") - np.datetime64("1970-01-01", "D")).astype(int))
    frame = transactions(args.customers, args.seed, end, args.acquisition_days, args.holdout_days)
    frame.to_csv(args.path, index=False, float_format="%.2f")
    print(f"{len(frame)} transactions of {args.customers} customers written to {args.path}")


if __name__ == "__main__":
    main()
