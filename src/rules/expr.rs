//! The rule language of the template's `formula` column: arithmetic over
//! indicator codes (`+ - * /`, parentheses, numbers) and at most one
//! comparison (`==`, `<=`, `>=`).
//!
//! ```text
//! rule  := sum (('==' | '<=' | '>=') sum)?
//! sum   := prod (('+' | '-') prod)*
//! prod  := unary (('*' | '/') unary)*
//! unary := '-' unary | atom
//! atom  := NUMBER | code ('[' COLUMN ']')? | '(' sum ')'
//! code  := CODE | '[' any text but ']' ']'
//! ```
//!
//! A CODE starts with a letter or `_` and goes on with letters, digits, `_`
//! and `.` (`HC02`, `KT.01.1`). A code of any other shape (`3.2a`, which
//! would read as a number) is written in square brackets: `[3.2a]`. The
//! template brackets its own codes of other shapes before anything parses
//! a formula ([`bracket_codes`]): `MT-02 <= MT-01` is read as the catalog
//! says, not as `MT − 02`.
//!
//! An operand may name the column its figure is taken from, in square
//! brackets right after its code (no space): `DT.02 / DT.01[KH] * 100`,
//! the disbursement rate, is the DT.02 figure of the column evaluated
//! over DT.01's KH (the plan, stated in KH alone) in every column. COLUMN
//! is KH, TH, LK or CK in any case, as the template's `[columns]` name
//! them; anything else there is [`RuleProblem::Column`].
//!
//! A relation may end with the columns it holds in, in square brackets
//! after a space (see [`columns_of`]): `TT.02 <= TT.01 [LK, KH, CK]`
//! (what is harvested in a quarter may exceed what was sown in it: not in
//! TH). Written right after a code, one column is that operand's:
//! `TT.02 <= TT.01[LK]` compares with TT.01's LK in every column.

use crate::memo::{remembered, TextMemo};
use crate::model::ValueColumn;
use std::cell::RefCell;
use std::fmt;

/// An arithmetic expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(f64),
    Code(String),
    /// An indicator's figure in one column, whatever column the
    /// expression is evaluated in: `DT.01[KH]`.
    At(String, ValueColumn),
    Neg(Box<Expr>),
    Bin(Box<Expr>, Op, Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Le,
    Ge,
}

impl Cmp {
    pub fn as_str(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Le => "<=",
            Cmp::Ge => ">=",
        }
    }
}

/// A parsed formula: a relation, or a bare expression (a rate's
/// definition).
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    Relation(Expr, Cmp, Expr),
    Definition(Expr),
}

/// A formula that does not parse: where and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// 0-based character position in the formula.
    pub position: usize,
    pub problem: RuleProblem,
}

/// What is wrong where a formula stops parsing; `messages` puts it in
/// words (`RuleProblem::words`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleProblem {
    /// Digits and dots that make no number (`1.2.3`).
    NotANumber(String),
    /// A `[` that no `]` closes.
    Unclosed,
    /// `[]`.
    EmptyCode,
    /// `=`, `<` or `>` alone.
    Comparison,
    /// A character no formula holds.
    Character(char),
    /// A `(` that no `)` closes.
    Paren,
    /// Something else where a code, a number or `(` is wanted.
    Operand,
    /// The formula ends where a code, a number or `(` is wanted.
    EndsEarly,
    /// Two operands in a row.
    Operator,
    /// A column marker right after a code (`DT.01[năm]`) that names no
    /// column of figures: what it holds.
    Column(String),
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.problem.words(crate::diagnostic::Lang::En);
        write!(f, "at character {}: {what}", self.position + 1)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    /// A code, with the column its marker names (`DT.01[KH]`).
    Code(String, Option<ValueColumn>),
    Op(char),
    Cmp(Cmp),
    LParen,
    RParen,
}

fn tokenize(s: &str) -> Result<Vec<(usize, Tok)>, RuleError> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let v = text.parse::<f64>().map_err(|_| RuleError {
                position: start,
                problem: RuleProblem::NotANumber(text.clone()),
            })?;
            out.push((start, Tok::Num(v)));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.')) {
                i += 1;
            }
            out.push((start, Tok::Code(chars[start..i].iter().collect(), None)));
            i = column_marker(&chars, i, &mut out)?;
        } else if c == '[' {
            let start = i;
            let Some(len) = chars[i + 1..].iter().position(|&x| x == ']') else {
                return Err(RuleError {
                    position: start,
                    problem: RuleProblem::Unclosed,
                });
            };
            let code: String = chars[i + 1..i + 1 + len].iter().collect();
            let code = code.trim().to_string();
            if code.is_empty() {
                return Err(RuleError {
                    position: start,
                    problem: RuleProblem::EmptyCode,
                });
            }
            out.push((start, Tok::Code(code, None)));
            i = column_marker(&chars, i + len + 2, &mut out)?;
        } else if matches!(c, '+' | '-' | '*' | '/') {
            out.push((i, Tok::Op(c)));
            i += 1;
        } else if c == '(' {
            out.push((i, Tok::LParen));
            i += 1;
        } else if c == ')' {
            out.push((i, Tok::RParen));
            i += 1;
        } else if matches!(c, '=' | '<' | '>') {
            let next = chars.get(i + 1).copied();
            let cmp = match (c, next) {
                ('=', Some('=')) => Cmp::Eq,
                ('<', Some('=')) => Cmp::Le,
                ('>', Some('=')) => Cmp::Ge,
                _ => {
                    return Err(RuleError {
                        position: i,
                        problem: RuleProblem::Comparison,
                    })
                }
            };
            out.push((i, Tok::Cmp(cmp)));
            i += 2;
        } else {
            return Err(RuleError {
                position: i,
                problem: RuleProblem::Character(c),
            });
        }
    }
    Ok(out)
}

/// Reads the column marker written right after a code (`DT.01[KH]`), if
/// one starts at `i`, into the code just read; returns where reading goes
/// on. A bracket that lists several columns (`TT.01[LK, CK]`) is the
/// relation's list of [`columns_of`], written without its space: an
/// error here, which [`parse`] then reads as that list.
fn column_marker(chars: &[char], i: usize, out: &mut [(usize, Tok)]) -> Result<usize, RuleError> {
    if chars.get(i) != Some(&'[') {
        return Ok(i);
    }
    let Some(len) = chars[i + 1..].iter().position(|&x| x == ']') else {
        return Err(RuleError {
            position: i,
            problem: RuleProblem::Unclosed,
        });
    };
    let text: String = chars[i + 1..i + 1 + len].iter().collect();
    let column = ValueColumn::QUANTITIES
        .into_iter()
        .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()));
    match (column, out.last_mut()) {
        (Some(c), Some((_, Tok::Code(_, pin)))) => {
            *pin = Some(c);
            Ok(i + len + 2)
        }
        _ => Err(RuleError {
            position: i,
            problem: RuleProblem::Column(text.trim().to_string()),
        }),
    }
}

/// Is `c` one of the characters a plain code (`KT.01.1`) goes on with?
fn code_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.')
}

/// The formula with the catalog's codes that a plain reading would split
/// or misread written in square brackets: `MT-02 <= MT-01` (read `MT − 02`
/// otherwise) becomes `[MT-02] <= [MT-01]`, `3.2a == 3.2a.1 + 1` becomes
/// `[3.2a] == [3.2a.1] + 1`. At each place a word starts, the longest
/// catalog code written there (`is_code`; none longer than `longest`
/// characters, no spaces) is taken, when no letter, digit, `_` or `.`
/// follows it; a word the catalog does not have is left as it is (`MT -
/// 02` with spaces stays arithmetic). A code that reads as a number (`5.2`)
/// is bracketed only with `numbers` (the suggestion of a `rule-invalid`
/// message: `5.2 / 5.1 * 100` is a constant as written). What is already
/// in brackets is left alone.
pub fn bracket_codes(
    formula: &str,
    is_code: &dyn Fn(&str) -> bool,
    longest: usize,
    numbers: bool,
) -> String {
    let chars: Vec<char> = formula.chars().collect();
    let mut out = String::with_capacity(formula.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '[' {
            let end = bracket_end(&chars, i);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if !code_char(c) {
            out.push(c);
            i += 1;
            continue;
        }
        // A word starts here: the longest catalog code written at it.
        let found = (i + 1..=chars.len().min(i + longest))
            .rev()
            .filter(|&j| !chars.get(j).copied().is_some_and(code_char))
            .map(|j| (j, chars[i..j].iter().collect::<String>()))
            .find(|(_, w)| !w.chars().any(char::is_whitespace) && is_code(w));
        match found {
            Some((j, w)) => {
                let number = w.chars().all(|x| x.is_ascii_digit() || x == '.');
                let plain = (c.is_alphabetic() || c == '_') && w.chars().all(code_char);
                if plain || (number && !numbers) {
                    out.push_str(&w);
                } else {
                    out.push('[');
                    out.push_str(&w);
                    out.push(']');
                }
                i = j;
            }
            None => {
                while i < chars.len() && code_char(chars[i]) {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
    }
    out
}

/// Where a code written in square brackets from `open` ends: past its
/// `]`, or at the end of the formula when it is never closed.
fn bracket_end(chars: &[char], open: usize) -> usize {
    chars[open..]
        .iter()
        .position(|&x| x == ']')
        .map_or(chars.len(), |n| open + n + 1)
}

/// The formula with each word that mixes letters with a `-` (`MT-2`) or
/// starts with a digit and holds a letter (`3.2a`) in square brackets: the
/// reading a `rule-invalid` message names when the catalog has none of
/// its codes (`MT-2` unknown, rather than `MT`).
pub fn bracket_words(formula: &str) -> String {
    let chars: Vec<char> = formula.chars().collect();
    let mut out = String::with_capacity(formula.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' {
            let end = bracket_end(&chars, i);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if !code_char(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (code_char(chars[i]) || chars[i] == '-') {
            i += 1;
        }
        // A trailing '-' is subtraction.
        while i > start + 1 && chars[i - 1] == '-' {
            i -= 1;
        }
        let word: String = chars[start..i].iter().collect();
        let letters = word.chars().any(char::is_alphabetic);
        let odd = letters && (word.contains('-') || chars[start].is_ascii_digit());
        if odd {
            out.push('[');
            out.push_str(&word);
            out.push(']');
        } else {
            out.push_str(&word);
        }
    }
    out
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn here(&self) -> usize {
        self.toks.get(self.pos).map(|(p, _)| *p).unwrap_or(self.end)
    }

    fn err<T>(&self, problem: RuleProblem) -> Result<T, RuleError> {
        Err(RuleError {
            position: self.here(),
            problem,
        })
    }

    fn sum(&mut self) -> Result<Expr, RuleError> {
        let mut left = self.prod()?;
        while let Some(Tok::Op(c @ ('+' | '-'))) = self.peek() {
            let op = if *c == '+' { Op::Add } else { Op::Sub };
            self.pos += 1;
            let right = self.prod()?;
            left = Expr::Bin(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn prod(&mut self) -> Result<Expr, RuleError> {
        let mut left = self.unary()?;
        while let Some(Tok::Op(c @ ('*' | '/'))) = self.peek() {
            let op = if *c == '*' { Op::Mul } else { Op::Div };
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::Bin(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, RuleError> {
        if let Some(Tok::Op('-')) = self.peek() {
            self.pos += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, RuleError> {
        match self.peek().cloned() {
            Some(Tok::Num(v)) => {
                self.pos += 1;
                Ok(Expr::Num(v))
            }
            Some(Tok::Code(c, pin)) => {
                self.pos += 1;
                Ok(match pin {
                    Some(column) => Expr::At(c, column),
                    None => Expr::Code(c),
                })
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.sum()?;
                if self.peek() != Some(&Tok::RParen) {
                    return self.err(RuleProblem::Paren);
                }
                self.pos += 1;
                Ok(e)
            }
            Some(_) => self.err(RuleProblem::Operand),
            None => self.err(RuleProblem::EndsEarly),
        }
    }
}

thread_local! {
    /// Formulas already parsed on this thread: the checks of every
    /// submission ask again for the same few formulas of the template.
    static PARSED: RefCell<TextMemo<Result<Rule, RuleError>>> = RefCell::default();
}

/// Parses a formula of the template (a relation's columns, when it ends
/// with them, are left to [`columns_of`]); remembered per thread.
///
/// # Errors
/// Where the formula stops making sense and what was expected there.
pub fn parse(formula: &str) -> Result<Rule, RuleError> {
    remembered(&PARSED, formula, || parse_uncached(formula))
}

fn parse_uncached(formula: &str) -> Result<Rule, RuleError> {
    match parse_whole(formula) {
        Err(e) => match split_columns(formula) {
            Some((rule, _)) => Ok(rule),
            None => Err(e),
        },
        ok => ok,
    }
}

/// The columns a relation holds in when its formula ends with them in
/// square brackets (`TT.02 <= TT.01 [LK, KH, CK]`: KH, TH, LK or CK, any
/// case, separated by commas, semicolons or spaces); `None` when it holds
/// in every column.
pub fn columns_of(formula: &str) -> Option<Vec<ValueColumn>> {
    if parse_whole(formula).is_ok() {
        return None;
    }
    split_columns(formula).map(|(_, columns)| columns)
}

/// A relation followed by a list of columns in square brackets, split.
fn split_columns(formula: &str) -> Option<(Rule, Vec<ValueColumn>)> {
    let body = formula.trim_end().strip_suffix(']')?;
    let open = body.rfind('[')?;
    let (rule, list) = (&body[..open], &body[open + 1..]);
    // "LK, CK" (quoted in the CSV), "LK; CK" or "LK CK".
    let columns = list
        .split([',', ';', ' '])
        .filter(|name| !name.trim().is_empty())
        .map(|name| {
            ValueColumn::QUANTITIES
                .into_iter()
                .find(|c| c.as_str().eq_ignore_ascii_case(name.trim()))
        })
        .collect::<Option<Vec<_>>>()
        .filter(|c| !c.is_empty())?;
    match parse_whole(rule) {
        Ok(r @ Rule::Relation(..)) => Some((r, columns)),
        _ => None,
    }
}

fn parse_whole(formula: &str) -> Result<Rule, RuleError> {
    let toks = tokenize(formula)?;
    let mut p = Parser {
        toks,
        pos: 0,
        end: formula.chars().count(),
    };
    let left = p.sum()?;
    let rule = if let Some(Tok::Cmp(cmp)) = p.peek().cloned() {
        p.pos += 1;
        let right = p.sum()?;
        Rule::Relation(left, cmp, right)
    } else {
        Rule::Definition(left)
    };
    if p.pos < p.toks.len() {
        return p.err(RuleProblem::Operator);
    }
    Ok(rule)
}

impl Expr {
    /// Evaluates with the values `lookup` gives, all of one column;
    /// `None` when an operand is missing, names another column
    /// (`DT.01[KH]`: see [`Expr::eval_in`]) or a division by zero occurs.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
        self.eval_with(&|code, pin| match pin {
            None => lookup(code),
            Some(_) => None,
        })
    }

    /// Evaluates in `column`: each operand's figure in that column, or in
    /// the one its marker names (`DT.01[KH]`), as `lookup(code, column)`
    /// gives it; `None` when one is missing, a marker names this year's
    /// figure while last year's column is evaluated (see
    /// [`Expr::reaches_across_years`]) or a division by zero occurs.
    pub fn eval_in(
        &self,
        column: ValueColumn,
        lookup: &dyn Fn(&str, ValueColumn) -> Option<f64>,
    ) -> Option<f64> {
        if self.reaches_across_years(column) {
            return None;
        }
        self.eval_with(&|code, pin| lookup(code, pin.unwrap_or(column)))
    }

    /// Whether, evaluated in last year's column (CK), an operand's marker
    /// names a figure the report does not hold: this year's (`DT.01[KH]`:
    /// last year's disbursement rate is over last year's plan, never this
    /// year's) or last year's own (`HN.02[CK]`: the fall in poverty since
    /// last year, worked in CK, would need the year before last, and
    /// `HN.02[CK] - HN.02` there is always 0). The rate has no figure there.
    pub fn reaches_across_years(&self, column: ValueColumn) -> bool {
        column == ValueColumn::Ck && self.operands().iter().any(|(_, pin)| pin.is_some())
    }

    fn eval_with(&self, lookup: &dyn Fn(&str, Option<ValueColumn>) -> Option<f64>) -> Option<f64> {
        match self {
            Expr::Num(v) => Some(*v),
            Expr::Code(c) => lookup(c, None),
            Expr::At(c, column) => lookup(c, Some(*column)),
            Expr::Neg(e) => e.eval_with(lookup).map(|v| -v),
            Expr::Bin(a, op, b) => {
                let (x, y) = (a.eval_with(lookup)?, b.eval_with(lookup)?);
                match op {
                    Op::Add => Some(x + y),
                    Op::Sub => Some(x - y),
                    Op::Mul => Some(x * y),
                    Op::Div => (y != 0.0).then(|| x / y),
                }
            }
        }
    }

    /// Every code the expression names, in order of appearance, with a
    /// column marker or without.
    pub fn codes(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for (c, _) in self.operands() {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Every operand the expression names, in order of appearance: its
    /// code and the column its marker names (`None`: the column
    /// evaluated). `DT.02 / DT.01[KH]` has ("DT.02", None) and ("DT.01",
    /// Some(KH)).
    pub fn operands(&self) -> Vec<(&str, Option<ValueColumn>)> {
        let mut out = Vec::new();
        self.collect_operands(&mut out);
        out
    }

    /// Whether an operand names a column of its own (`DT.01[KH]`).
    pub fn has_marker(&self) -> bool {
        self.operands().iter().any(|(_, pin)| pin.is_some())
    }

    fn collect_operands<'a>(&'a self, out: &mut Vec<(&'a str, Option<ValueColumn>)>) {
        let operand = match self {
            Expr::Num(_) => return,
            Expr::Code(c) => (c.as_str(), None),
            Expr::At(c, column) => (c.as_str(), Some(*column)),
            Expr::Neg(e) => return e.collect_operands(out),
            Expr::Bin(a, _, b) => {
                a.collect_operands(out);
                return b.collect_operands(out);
            }
        };
        if !out.contains(&operand) {
            out.push(operand);
        }
    }

    /// The codes the expression takes away (`C` of `B - C`, `B` of
    /// `A - (B + C)`, `A` of `-A + B`): an indicator subtracted from the
    /// others is no part of them.
    pub fn subtracted(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_signed(false, &mut out);
        out
    }

    fn collect_signed<'a>(&'a self, minus: bool, out: &mut Vec<&'a str>) {
        match self {
            Expr::Num(_) => {}
            Expr::Code(c) | Expr::At(c, _) => {
                if minus && !out.contains(&c.as_str()) {
                    out.push(c)
                }
            }
            Expr::Neg(e) => e.collect_signed(!minus, out),
            Expr::Bin(a, Op::Add, b) => {
                a.collect_signed(minus, out);
                b.collect_signed(minus, out);
            }
            Expr::Bin(a, Op::Sub, b) => {
                a.collect_signed(minus, out);
                b.collect_signed(!minus, out);
            }
            // A product or a quotient has no sign of its own to say.
            Expr::Bin(..) => {}
        }
    }

    /// The value of an expression that names no indicator (`100`, `1 / 4`).
    pub fn constant_value(&self) -> Option<f64> {
        if self.codes().is_empty() {
            self.eval(&|_| None)
        } else {
            None
        }
    }

    /// The terms of a sum of codes (`A + B + C`), or `None` when the
    /// expression is anything else.
    pub fn sum_terms(&self) -> Option<Vec<&str>> {
        match self {
            Expr::Code(c) => Some(vec![c.as_str()]),
            Expr::Bin(a, Op::Add, b) => {
                let mut t = a.sum_terms()?;
                t.extend(b.sum_terms()?);
                Some(t)
            }
            _ => None,
        }
    }

    /// The expression as a spreadsheet formula (without `=`), each
    /// operand replaced by the cell `cell` gives it (`E12`; its code and
    /// the column its marker names, `None` for the column of the formula's
    /// own cell) and every operation in brackets, so that Excel's
    /// precedence cannot differ from ours: `HC03 / HC02 * 100` →
    /// `((E12/E11)*100)`. `None` when an operand has no cell.
    pub fn to_spreadsheet(
        &self,
        cell: &dyn Fn(&str, Option<ValueColumn>) -> Option<String>,
    ) -> Option<String> {
        Some(match self {
            Expr::Num(v) => format!("{v}"),
            Expr::Code(c) => cell(c, None)?,
            Expr::At(c, column) => cell(c, Some(*column))?,
            Expr::Neg(e) => format!("(-{})", e.to_spreadsheet(cell)?),
            Expr::Bin(a, op, b) => {
                let o = match op {
                    Op::Add => '+',
                    Op::Sub => '-',
                    Op::Mul => '*',
                    Op::Div => '/',
                };
                format!(
                    "({}{o}{})",
                    a.to_spreadsheet(cell)?,
                    b.to_spreadsheet(cell)?
                )
            }
        })
    }

    /// A ratio times 100 (`A / B * 100`): numerator and denominator codes.
    pub fn as_percent_ratio(&self) -> Option<(&str, &str)> {
        if let Expr::Bin(ratio, Op::Mul, hundred) = self {
            if **hundred == Expr::Num(100.0) {
                if let Expr::Bin(n, Op::Div, d) = &**ratio {
                    if let (Expr::Code(n), Expr::Code(d)) = (&**n, &**d) {
                        return Some((n, d));
                    }
                }
            }
        }
        None
    }

    /// `(numerator, denominator, factor)` of a rate `N / D * k` (or
    /// `N * k / D`): TV01 / DS02 * 1000 is ("TV01", "DS02", 1000).
    pub fn scaled_ratio(&self) -> Option<(&str, &str, f64)> {
        let (n, d, k) = match self {
            Expr::Bin(ratio, Op::Mul, k) => match &**ratio {
                Expr::Bin(n, Op::Div, d) => (n, d, k),
                _ => return None,
            },
            Expr::Bin(scaled, Op::Div, d) => match &**scaled {
                Expr::Bin(n, Op::Mul, k) => (n, d, k),
                _ => return None,
            },
            _ => return None,
        };
        match (&**n, &**d, k.constant_value()) {
            (Expr::Code(n), Expr::Code(d), Some(k)) if k > 0.0 => Some((n, d, k)),
            _ => None,
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Num(v) => write!(f, "{v}"),
            Expr::Code(c) => {
                let plain = c
                    .chars()
                    .next()
                    .is_some_and(|x| x.is_alphabetic() || x == '_')
                    && c.chars()
                        .all(|x| x.is_alphanumeric() || matches!(x, '_' | '.'));
                if plain {
                    f.write_str(c)
                } else {
                    write!(f, "[{c}]")
                }
            }
            Expr::At(c, column) => {
                write!(f, "{}[{}]", Expr::Code(c.clone()), column.as_str())
            }
            Expr::Neg(e) => write!(f, "-{e}"),
            Expr::Bin(a, op, b) => {
                let o = match op {
                    Op::Add => "+",
                    Op::Sub => "-",
                    Op::Mul => "*",
                    Op::Div => "/",
                };
                write!(f, "{a} {o} {b}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A formula parsed again on the same thread gives what it gave the
    /// first time: the rule, or the same error.
    #[test]
    fn a_formula_parsed_again_gives_the_same() {
        let formulas = [
            "HC06 / HC05 * 100",
            "TT.02 <= TT.01 [LK, KH, CK]",
            "KT.01 == KT.01.1 + [3.2a]",
            "HC06 / * 100",
            "",
        ];
        for _ in 0..2 {
            for f in formulas {
                assert_eq!(parse(f), parse_uncached(f), "{f}");
            }
        }
        assert!(parse("HC06 / * 100").is_err());
        assert!(matches!(
            parse("HC06 / HC05 * 100"),
            Ok(Rule::Definition(_))
        ));
    }

    #[test]
    fn the_catalogs_codes_are_bracketed_longest_first() {
        let catalog = ["MT", "MT-02", "MT-01", "MT-02.1", "5.2", "3.2a", "KT.01"];
        let is_code = |w: &str| catalog.contains(&w);
        let b = |f: &str| bracket_codes(f, &is_code, 7, false);
        assert_eq!(b("MT-02 <= MT-01"), "[MT-02] <= [MT-01]");
        assert_eq!(b("MT-02.1<=MT-02-MT-01"), "[MT-02.1]<=[MT-02]-[MT-01]");
        // Spaces, a code the catalog lacks, a plain code: as written.
        assert_eq!(b("MT - 02 / MT-03"), "MT - 02 / MT-03");
        assert_eq!(b("KT.01 == KT.01.1 + 3.2a"), "KT.01 == KT.01.1 + [3.2a]");
        // A number stays a number unless asked; brackets are left alone.
        assert_eq!(b("5.2 * 100 [LK, CK]"), "5.2 * 100 [LK, CK]");
        assert_eq!(
            bracket_codes("5.2 / [MT-01] * 100", &is_code, 7, true),
            "[5.2] / [MT-01] * 100"
        );
        let Ok(Rule::Definition(e)) = parse(&b("MT-02 / MT-01 * 100")) else {
            panic!()
        };
        assert_eq!(e.as_percent_ratio(), Some(("MT-02", "MT-01")));
        assert_eq!(bracket_words("MT-2 <= MT-01 - 1"), "[MT-2] <= [MT-01] - 1");
        assert_eq!(bracket_words("3.2a - KT.01"), "[3.2a] - KT.01");
    }

    #[test]
    fn a_relation_may_name_the_columns_it_holds_in() {
        let f = "TT.02 <= TT.01 [LK, kh;CK]";
        let Ok(Rule::Relation(l, Cmp::Le, r)) = parse(f) else {
            panic!("{:?}", parse(f))
        };
        assert_eq!(
            (l.to_string(), r.to_string()),
            ("TT.02".into(), "TT.01".into())
        );
        assert_eq!(
            columns_of(f),
            Some(vec![ValueColumn::Lk, ValueColumn::Kh, ValueColumn::Ck])
        );
        // Every column: no list, or a bracketed code that is an operand.
        assert_eq!(columns_of("TT.02 <= TT.01"), None);
        assert_eq!(columns_of("A == B + [3.2a]"), None);
        assert!(parse("A == B + [3.2a]").is_ok());
        // A list of anything but columns, or after no relation, is an error.
        assert_eq!(
            columns_of("A <= B [LK CK]"),
            Some(vec![ValueColumn::Lk, ValueColumn::Ck])
        );
        assert!(parse("TT.02 <= TT.01 [LK, năm]").is_err());
        assert!(parse("TT.02 <= TT.01 []").is_err());
        assert!(parse("TT.03 / TT.02 [LK]").is_err());
    }

    #[test]
    fn codes_of_any_shape_are_written_in_brackets() {
        let r = parse("[3.2a] == [3.2a.1] + KT.01.1").unwrap();
        let Rule::Relation(l, Cmp::Eq, rr) = r else {
            panic!()
        };
        assert_eq!(l, Expr::Code("3.2a".into()));
        assert_eq!(rr.sum_terms(), Some(vec!["3.2a.1", "KT.01.1"]));
        assert_eq!(rr.to_string(), "[3.2a.1] + KT.01.1");
        assert!(parse("[3.2a == 1").is_err());
        assert!(parse("[] == 1").is_err());
    }

    #[test]
    fn an_expression_becomes_a_spreadsheet_formula_with_its_brackets() {
        let Rule::Definition(e) = parse("(KT.01 + [5.2]) / HC02 * 100 - -1").unwrap() else {
            panic!()
        };
        let cell = |c: &str, _: Option<ValueColumn>| match c {
            "KT.01" => Some("E8".to_string()),
            "5.2" => Some("E9".to_string()),
            "HC02" => Some("E10".to_string()),
            _ => None,
        };
        assert_eq!(
            e.to_spreadsheet(&cell).as_deref(),
            Some("((((E8+E9)/E10)*100)-(-1))")
        );
        assert_eq!(e.to_spreadsheet(&|_, _| None), None);
    }

    #[test]
    fn relations_and_definitions_parse() {
        let r = parse("HC02 == HC03 + HC04").unwrap();
        let Rule::Relation(l, Cmp::Eq, rr) = r else {
            panic!()
        };
        assert_eq!(l, Expr::Code("HC02".into()));
        assert_eq!(rr.sum_terms(), Some(vec!["HC03", "HC04"]));
        let Rule::Definition(d) = parse("HC06 / HC07 * 100").unwrap() else {
            panic!()
        };
        assert_eq!(d.as_percent_ratio(), Some(("HC06", "HC07")));
        let Rule::Relation(l, Cmp::Eq, _) = parse("TT10 + TT11 == TT12 + TT13").unwrap() else {
            panic!()
        };
        assert_eq!(l.sum_terms(), Some(vec!["TT10", "TT11"]));
    }

    #[test]
    fn evaluation_respects_precedence_and_missing_operands() {
        let Rule::Relation(_, _, r) = parse("TT07 == TT05 - TT06 * 2").unwrap() else {
            panic!()
        };
        let v = |c: &str| match c {
            "TT05" => Some(10.0),
            "TT06" => Some(3.0),
            _ => None,
        };
        assert_eq!(r.eval(&v), Some(4.0));
        let Rule::Definition(d) = parse("(A - B) / C").unwrap() else {
            panic!()
        };
        assert_eq!(d.eval(&v), None);
        assert_eq!(
            parse("-A + 2").unwrap(),
            Rule::Definition(Expr::Bin(
                Box::new(Expr::Neg(Box::new(Expr::Code("A".into())))),
                Op::Add,
                Box::new(Expr::Num(2.0))
            ))
        );
    }

    /// A difference rate marked with last year's column (`HN.02[CK] -
    /// HN.02`, the fall in poverty since last year) has no figure in CK:
    /// there it would need the year before last, and was always 0 (the
    /// consolidated CK showed 0,0 and the forms `=ROUND(G30-G30,2)`,
    /// tester CU). Near miss: its LK is worked, and an unmarked formula
    /// still has its CK.
    #[test]
    fn a_rate_marked_with_last_years_column_has_no_figure_in_ck() {
        let Ok(Rule::Definition(e)) = parse("HN.02[CK] - HN.02") else {
            panic!()
        };
        let figures = |code: &str, c: ValueColumn| match (code, c) {
            ("HN.02", ValueColumn::Ck) => Some(3.92),
            ("HN.02", ValueColumn::Lk) => Some(3.1),
            _ => None,
        };
        assert!(e.reaches_across_years(ValueColumn::Ck));
        assert_eq!(e.eval_in(ValueColumn::Ck, &figures), None);
        let lk = e.eval_in(ValueColumn::Lk, &figures).unwrap_or_default();
        assert!((lk - 0.82).abs() < 1e-9, "{lk}");
        let Ok(Rule::Definition(plain)) = parse("HN.01 / HN.00 * 100") else {
            panic!()
        };
        assert!(!plain.reaches_across_years(ValueColumn::Ck));
        let counts = |code: &str, _: ValueColumn| match code {
            "HN.01" => Some(5.0),
            _ => Some(200.0),
        };
        assert_eq!(plain.eval_in(ValueColumn::Ck, &counts), Some(2.5));
    }

    /// `DT.01[KH]` is DT.01's KH in whatever column is evaluated; with a
    /// space, or listing several columns, the bracket is still the list of
    /// columns a relation holds in.
    #[test]
    fn an_operand_may_name_its_column() {
        let Ok(Rule::Definition(e)) = parse("DT.02 / DT.01[kh] * 100") else {
            panic!("{:?}", parse("DT.02 / DT.01[kh] * 100"))
        };
        assert_eq!(
            e.operands(),
            vec![("DT.02", None), ("DT.01", Some(ValueColumn::Kh))]
        );
        assert_eq!(e.codes(), vec!["DT.02", "DT.01"]);
        assert!(e.has_marker());
        assert_eq!(e.to_string(), "DT.02 / DT.01[KH] * 100");
        // Not a plain ratio: its operands are not of one column.
        assert_eq!(e.as_percent_ratio(), None);
        assert_eq!(e.scaled_ratio(), None);
        let figures = |code: &str, c: ValueColumn| match (code, c) {
            ("DT.02", ValueColumn::Lk) => Some(300.0),
            ("DT.02", ValueColumn::Th) => Some(120.0),
            ("DT.01", ValueColumn::Kh) => Some(1200.0),
            _ => None,
        };
        assert_eq!(e.eval_in(ValueColumn::Lk, &figures), Some(25.0));
        assert_eq!(e.eval_in(ValueColumn::Th, &figures), Some(10.0));
        assert_eq!(e.eval_in(ValueColumn::Ck, &figures), None);
        // A lookup of one column knows no other column's figure.
        assert_eq!(e.eval(&|_| Some(1.0)), None);
        let cell = |code: &str, c: Option<ValueColumn>| {
            Some(format!("{code}{}", c.map_or("", ValueColumn::as_str)))
        };
        assert_eq!(
            e.to_spreadsheet(&cell).as_deref(),
            Some("((DT.02/DT.01KH)*100)")
        );
        let Ok(Rule::Definition(e)) = parse("[3.2a][LK] / [3.2b] * 100") else {
            panic!()
        };
        assert_eq!(e.to_string(), "[3.2a][LK] / [3.2b] * 100");
        // Plain formulas are as they were.
        let Ok(Rule::Definition(plain)) = parse("DT.02 / DT.01 * 100") else {
            panic!()
        };
        assert!(!plain.has_marker());
        assert_eq!(plain.as_percent_ratio(), Some(("DT.02", "DT.01")));
        // A relation's list of columns: after a space, or several.
        assert_eq!(
            columns_of("TT.02 <= TT.01 [LK]"),
            Some(vec![ValueColumn::Lk])
        );
        assert_eq!(
            columns_of("TT.02 <= TT.01[LK, CK]"),
            Some(vec![ValueColumn::Lk, ValueColumn::Ck])
        );
        let Ok(Rule::Relation(_, Cmp::Le, r)) = parse("TT.02 <= TT.01[LK]") else {
            panic!()
        };
        assert_eq!(r, Expr::At("TT.01".into(), ValueColumn::Lk));
        assert_eq!(columns_of("TT.02 <= TT.01[LK]"), None);
    }

    #[test]
    fn a_marker_naming_no_column_says_what_it_holds() {
        let e = parse("DT.02 / DT.01[năm] * 100").unwrap_err();
        assert_eq!(e.position, 13);
        assert_eq!(e.problem, RuleProblem::Column("năm".into()));
        let e = parse("DT.02 / DT.01[%KH] * 100").unwrap_err();
        assert_eq!(e.problem, RuleProblem::Column("%KH".into()));
        let e = parse("DT.02 / DT.01[KH * 100").unwrap_err();
        assert_eq!(e.problem, RuleProblem::Unclosed);
    }

    #[test]
    fn bad_rules_say_where_and_what() {
        let e = parse("HC02 == HC03 +").unwrap_err();
        assert_eq!(e.position, 14);
        assert!(e.to_string().contains("expected an indicator code"));
        let e = parse("HC02 = HC03").unwrap_err();
        assert!(e.to_string().contains("'=='"));
        let e = parse("(HC02 + HC03").unwrap_err();
        assert!(e.to_string().contains("')'"));
        let e = parse("HC02 HC03").unwrap_err();
        assert!(e.to_string().contains("expected an operator"));
    }
}
