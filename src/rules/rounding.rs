//! The rounding rule of the checks, as pure interval arithmetic.
//!
//! A figure written with `d` decimals stands for the interval of half a unit
//! in its last place around it (`17,29` is `[17.285, 17.295]`). A stated
//! percent is consistent when its interval meets the interval computed from
//! its operands' intervals; it is off by rounding only (`pct-rounding`, a
//! warning) when the gap is at most one unit in its last place, and wrong
//! (`pct-mismatch`, an error) beyond. The prose checks and the table checks
//! both judge percents with [`judge_percent`].

/// A closed interval of real numbers, `lo <= hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

/// Float noise allowance: relative to the magnitudes compared, so that
/// `0.1 + 0.2` meets `0.3`.
const NOISE: f64 = 1e-9;

impl Interval {
    /// The interval of an exact value (a count of people is exact).
    pub fn exact(value: f64) -> Interval {
        Interval {
            lo: value,
            hi: value,
        }
    }

    /// The interval a figure written with `decimals` decimals stands for:
    /// half a unit in its last place either side.
    pub fn written(value: f64, decimals: impl Into<i32>) -> Interval {
        let half = half_unit(decimals);
        Interval {
            lo: value - half,
            hi: value + half,
        }
    }

    /// Builds an interval from two bounds in any order.
    pub fn new(a: f64, b: f64) -> Interval {
        Interval {
            lo: a.min(b),
            hi: a.max(b),
        }
    }

    pub fn width(self) -> f64 {
        self.hi - self.lo
    }

    /// The distance between two intervals: 0 when they meet.
    pub fn gap(self, other: Interval) -> f64 {
        if self.hi < other.lo {
            other.lo - self.hi
        } else if other.hi < self.lo {
            self.lo - other.hi
        } else {
            0.0
        }
    }

    /// True when the intervals share a point (up to float noise).
    pub fn meets(self, other: Interval) -> bool {
        self.gap(other) <= noise(self, other)
    }

    /// Every quotient `a / b` with `a` in `self` and `b` in `den`, or `None`
    /// when `den` holds zero.
    pub fn divide(self, den: Interval) -> Option<Interval> {
        if den.lo <= 0.0 && den.hi >= 0.0 {
            return None;
        }
        let c = [
            self.lo / den.lo,
            self.lo / den.hi,
            self.hi / den.lo,
            self.hi / den.hi,
        ];
        let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo.is_finite() && hi.is_finite()).then_some(Interval { lo, hi })
    }

    /// Multiplies by a positive constant and then adds one.
    fn affine(self, factor: f64, offset: f64) -> Interval {
        Interval::new(self.lo * factor + offset, self.hi * factor + offset)
    }
}

impl std::ops::Add for Interval {
    type Output = Interval;

    /// Every sum `a + b` with `a` in `self` and `b` in `other`.
    fn add(self, other: Interval) -> Interval {
        Interval {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
        }
    }
}

impl From<(f64, f64)> for Interval {
    fn from((a, b): (f64, f64)) -> Interval {
        Interval::new(a, b)
    }
}

/// Half a unit in the last place of a figure written with `decimals`
/// decimals; negative for a figure converted to a smaller unit (a
/// tỷ đồng figure with two decimals is −1 in triệu đồng: ±5).
pub fn half_unit(decimals: impl Into<i32>) -> f64 {
    0.5 * 10f64.powi(-decimals.into().clamp(-18, 12))
}

fn noise(a: Interval, b: Interval) -> f64 {
    let scale =
        a.lo.abs()
            .max(a.hi.abs())
            .max(b.lo.abs())
            .max(b.hi.abs())
            .max(1.0);
    scale * NOISE
}

/// `a / b × 100` over the operands' intervals ("đạt X% kế hoạch (a/b)"),
/// or `None` when `b` may be zero.
pub fn percent_of(num: Interval, den: Interval) -> Option<Interval> {
    num.divide(den).map(|q| q.affine(100.0, 0.0))
}

/// `a / b × 100 − 100` over the operands' intervals ("tăng X% so với cùng
/// kỳ (a/b)"; a fall is negative), or `None` when `b` may be zero.
pub fn growth_of(current: Interval, previous: Interval) -> Option<Interval> {
    current.divide(previous).map(|q| q.affine(100.0, -100.0))
}

/// What the rounding rule says about a stated figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The stated interval meets the computed one.
    Consistent,
    /// Off by no more than one unit in the last place: `pct-rounding`.
    Rounding,
    /// Off by more: `pct-mismatch`.
    Mismatch,
}

/// Judges a figure stated with `stated_decimals` decimals against the
/// interval computed from its operands.
///
/// ```
/// use tonghop::rules::rounding::{judge_percent, percent_of, Interval, Verdict};
/// let computed = percent_of(Interval::written(145.2, 1), Interval::exact(840.0)).unwrap();
/// assert_eq!(judge_percent(17.29, 2, computed), Verdict::Consistent);
/// assert_eq!(judge_percent(21.35, 2, computed), Verdict::Mismatch);
/// ```
pub fn judge_percent(stated: f64, stated_decimals: u8, computed: impl Into<Interval>) -> Verdict {
    let computed = computed.into();
    let stated_iv = Interval::written(stated, stated_decimals);
    let gap = stated_iv.gap(computed);
    let slack = noise(stated_iv, computed);
    if gap <= slack {
        Verdict::Consistent
    } else if gap <= 2.0 * half_unit(stated_decimals) + slack {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    }
}

/// Rounds half away from zero to `decimals` decimals (what a clerk's
/// spreadsheet shows), for the `expected` value of a finding.
pub fn round_to(value: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(i32::from(decimals));
    (value * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(v: f64, d: u8) -> Interval {
        Interval::written(v, d)
    }

    #[test]
    fn written_figures_stand_for_half_a_unit_either_side() {
        let i = w(17.29, 2);
        assert!((i.lo - 17.285).abs() < 1e-12 && (i.hi - 17.295).abs() < 1e-12);
        let i = w(410.0, 0);
        assert_eq!((i.lo, i.hi), (409.5, 410.5));
        assert_eq!(Interval::exact(3.0).width(), 0.0);
    }

    #[test]
    fn division_covers_every_quotient_and_refuses_zero() {
        let q = w(10.0, 0).divide(w(4.0, 0)).unwrap();
        assert!((q.lo - 9.5 / 4.5).abs() < 1e-12);
        assert!((q.hi - 10.5 / 3.5).abs() < 1e-12);
        assert!(w(1.0, 0).divide(w(0.0, 0)).is_none());
        assert!(
            w(1.0, 0).divide(w(0.4, 0)).is_none(),
            "0,4 written with no decimals may be 0"
        );
        let neg = Interval::new(-2.0, -1.0)
            .divide(Interval::exact(2.0))
            .unwrap();
        assert_eq!((neg.lo, neg.hi), (-1.0, -0.5));
    }

    #[test]
    fn the_domain_examples() {
        // "đạt 21,35% dự toán (145,2/840 tỷ đồng)": 145,2/840 = 17,29%.
        let c = percent_of(w(145.2, 1), Interval::exact(840.0)).unwrap();
        assert_eq!(judge_percent(21.35, 2, c), Verdict::Mismatch);
        assert_eq!(judge_percent(17.29, 2, c), Verdict::Consistent);
        // Stated 31,9% where the figures give 31,84%: rounding only.
        let c = percent_of(Interval::exact(3184.0), Interval::exact(10000.0)).unwrap();
        assert_eq!(judge_percent(31.9, 1, c), Verdict::Rounding);
        assert_eq!(judge_percent(31.8, 1, c), Verdict::Consistent);
        assert_eq!(judge_percent(32.0, 1, c), Verdict::Mismatch);
    }

    #[test]
    fn growth_and_falls() {
        // 145,2 against 134,3: +8,116…%
        let g = growth_of(w(145.2, 1), w(134.3, 1)).unwrap();
        assert_eq!(judge_percent(8.1, 1, g), Verdict::Consistent);
        assert_eq!(judge_percent(8.12, 2, g), Verdict::Consistent);
        assert_eq!(judge_percent(10.93, 2, g), Verdict::Mismatch);
        // 1.345 against 1.355 exact: −0,738…%, "giảm 0,74%".
        let g = growth_of(Interval::exact(1345.0), Interval::exact(1355.0)).unwrap();
        assert_eq!(judge_percent(-0.74, 2, g), Verdict::Consistent);
        assert_eq!(judge_percent(-0.73, 2, g), Verdict::Rounding);
        assert_eq!(
            judge_percent(0.74, 2, g),
            Verdict::Mismatch,
            "a fall written as a rise"
        );
    }

    #[test]
    fn no_decimals_and_three_decimal_operands() {
        // 21/31 = 67,74…%
        let c = percent_of(Interval::exact(21.0), Interval::exact(31.0)).unwrap();
        assert_eq!(judge_percent(68.0, 0, c), Verdict::Consistent);
        assert_eq!(judge_percent(67.0, 0, c), Verdict::Rounding);
        assert_eq!(judge_percent(66.0, 0, c), Verdict::Mismatch);
        assert_eq!(judge_percent(67.74, 2, c), Verdict::Consistent);
        assert_eq!(judge_percent(67.75, 2, c), Verdict::Rounding);
        // 12,345/50,125 = 24,628…%; the operands' own rounding widens the
        // computed interval only a little.
        let c = percent_of(w(12.345, 3), w(50.125, 3)).unwrap();
        assert_eq!(judge_percent(24.63, 2, c), Verdict::Consistent);
        assert_eq!(judge_percent(24.64, 2, c), Verdict::Rounding);
        assert_eq!(judge_percent(24.8, 2, c), Verdict::Mismatch);
    }

    #[test]
    fn wide_operands_make_a_wide_interval() {
        // 1/3 written with no decimals can be anything from 0,5/3,5 to 1,5/2,5.
        let c = percent_of(w(1.0, 0), w(3.0, 0)).unwrap();
        assert_eq!(judge_percent(50.0, 0, c), Verdict::Consistent);
        assert_eq!(judge_percent(14.29, 2, c), Verdict::Consistent);
    }

    #[test]
    fn float_noise_is_not_a_gap() {
        let c = Interval::exact(0.1 + 0.2 + 0.005);
        assert_eq!(judge_percent(0.3, 2, c), Verdict::Consistent);
        assert!(Interval::exact(0.1 + 0.2).meets(Interval::exact(0.3)));
    }

    #[test]
    fn gaps_and_sums() {
        assert_eq!(w(10.0, 0).gap(w(12.0, 0)), 1.0);
        assert_eq!(w(12.0, 0).gap(w(10.0, 0)), 1.0);
        assert_eq!(w(10.0, 0).gap(w(11.0, 0)), 0.0);
        let s = w(35.0, 0) + w(290.0, 0);
        assert_eq!((s.lo, s.hi), (324.0, 326.0));
        assert_eq!(Interval::from((3.0, 1.0)), Interval { lo: 1.0, hi: 3.0 });
    }

    #[test]
    fn rounding_for_display() {
        assert_eq!(round_to(17.285714, 2), 17.29);
        assert_eq!(round_to(-0.738, 2), -0.74);
        assert_eq!(round_to(67.7419, 0), 68.0);
    }
}
