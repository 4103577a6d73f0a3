"""Golden values for the crate's tests (run once by hand; tests do not need Python).

Requires: mpmath, lifetimes==0.11.3. Prints Rust-ready tuples.
Independent formulas in mpmath (50 digits) are the reference; lifetimes is
used for the CLV convention.
"""
from mpmath import mp, mpf, hyp2f1, loggamma, log, exp, beta

mp.dps = 50

def bgnbd_ll(r, alpha, a, b, x, tx, T):
    r, alpha, a, b, tx, T = map(mpf, (r, alpha, a, b, tx, T))
    common = beta(a, b + x) / beta(a, b) * exp(loggamma(r + x) - loggamma(r)) * alpha**r
    L = common / (alpha + T) ** (r + x)
    if x > 0:
        L += beta(a + 1, b + x - 1) / beta(a, b) * exp(loggamma(r + x) - loggamma(r)) * alpha**r / (alpha + tx) ** (r + x)
    return log(L)

def p_alive(r, alpha, a, b, x, tx, T):
    r, alpha, a, b, tx, T = map(mpf, (r, alpha, a, b, tx, T))
    if x == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))

def cond_exp(r, alpha, a, b, x, tx, T, t):
    r, alpha, a, b, tx, T, t = map(mpf, (r, alpha, a, b, tx, T, t))
    z = t / (alpha + T + t)
    first = (a + b + x - 1) / (a - 1)
    second = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
    return first * second * p_alive(r, alpha, a, b, x, tx, T)

def uncond_exp(r, alpha, a, b, t):
    r, alpha, a, b, t = map(mpf, (r, alpha, a, b, t))
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))

def gg_ll(p, q, v, x, m):
    p, q, v, m = map(mpf, (p, q, v, m))
    return (loggamma(p * x + q) - loggamma(p * x) - loggamma(q) + q * log(v)
            + (p * x - 1) * log(m) + p * x * log(x) - (p * x + q) * log(x * m + v))

def s(v):
    return mp.nstr(v, 20)

print("// hyp2f1 (a, b, c, z, value)")
for a, b, c, z in [
    (1, 1, 2, 0.5), (0.5, 0.5, 1.5, 0.25), (2.3, 1.7, 4.1, 0.9), (2.3, 1.7, 3.1, 0.95),
    (1.5, 2.5, 4.0, 0.99), (1, 2, 3, 0.999), (0.3, 4.2, 2.5, -3.0), (0.242, 3.4, 2.2, 0.7),
    (25.2, 27.4, 28.2, 0.6), (-3, 2, 5, 0.7), (1, 1, 2, -0.5), (1, 1, 2, -20), (1, 1, 4, 0.97),
    (0.2, 0.3, 0.4, 0.8), (3.0, -0.2, 2.5, 0.999), (0.7, -0.21, 5.3, 0.9999), (2.5, 1.5, 3.5, 0.75),
    (2.5, 1.5, 3.5, 0.76), (1.3, 0.4, 1.2000001, 0.9), (4.5, 0.25, 0.3, -0.9), (0.05, 0.1, 0.2, 0.5),
    (7.0, 9.5, 3.2, 0.3), (1.4, -0.7, 0.9, -50.0), (2.41, -0.21, 40.2, 0.93), (0.45, -0.21, 1.22, 0.5),
    (0.45, -0.21, 1.22, 0.995), (0.45, -0.21, 1.22, 0.99995), (1.0, 1.0, 2.0, 0.9999999),
    (3.3, 1.2, 5.5, 1.0), (1.2, 2.3, 3.5, 0.9995), (1.5, 2.5, 4.0004, 0.9995), (1.5, 2.5, 4.0000001, 0.99999),
    (2.0, 3.0, 6.0002, 0.9999), (0.8, 1.1, 0.9, 0.85), (12.5, 0.6, 30.1, 0.98),
]:
    print(f"    ({a!r}, {b!r}, {c!r}, {z!r}, {s(hyp2f1(mpf(a), mpf(b), mpf(c), mpf(z)))}),")

obs = [(0, 0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (5, 20.5, 30.0), (30, 35.0, 39.0), (120, 38.0, 38.5)]
for params in [(0.243, 4.414, 0.793, 2.426), (1.5, 20.0, 2.5, 4.0)]:
    print(f"// BG/NBD {params}: (x, tx, T, ll, p_alive, E[10], E[52], E[520])")
    for x, tx, T in obs:
        vals = [bgnbd_ll(*params, x, tx, T), p_alive(*params, x, tx, T)] + [cond_exp(*params, x, tx, T, t) for t in (10, 52, 520)]
        print(f"    ({x}, {tx!r}, {T!r}, " + ", ".join(s(v) for v in vals) + "),")
    print("// unconditional (t, E)")
    for t in (1, 52, 1000):
        print(f"    ({t!r}.0, {s(uncond_exp(*params, t))}),")

print("// Gamma-Gamma (6.25, 3.74, 15.44): (x, m, ll)")
for x, m in [(1, 10.0), (5, 35.3), (20, 2.1)]:
    print(f"    ({x}, {m!r}, {s(gg_ll(6.25, 3.74, 15.44, x, m))}),")

# CLV with lifetimes, parameters fixed
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
bg = BetaGeoFitter(); bg.params_ = pd.Series(dict(r=0.243, alpha=4.414, a=0.793, b=2.426)); bg.predict = bg.conditional_expected_number_of_purchases_up_to_time
gg = GammaGammaFitter(); gg.params_ = pd.Series(dict(p=6.25, q=3.74, v=15.44))
f = pd.Series([0, 2, 1, 5, 30]); rec = pd.Series([0, 30.43, 1.71, 20.5, 35.0]); T = pd.Series([38.86, 38.86, 38.86, 30.0, 39.0])
m = pd.Series([0.0, 22.35, 11.77, 40.0, 15.5])
for freq in ("W",):
    clv = gg.customer_lifetime_value(bg, f, rec, T, m, time=12, discount_rate=0.01, freq=freq)
    print(f"// lifetimes CLV freq={freq} (x, tx, T, m, clv)")
    for i in range(len(f)):
        print(f"    ({int(f[i])}, {float(rec[i])!r}, {float(T[i])!r}, {float(m[i])!r}, {float(clv.iloc[i])!r}),")
print("// conditional expected average profit", [float(v) for v in gg.conditional_expected_average_profit(f, m)])
