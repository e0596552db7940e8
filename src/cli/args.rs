//! Command-line arguments (the only place that knows clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "coquille",
    version,
    about = "A fast, corpus-aware linter for news text and machine-translation output"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint documents and report problems (exit 1 when findings reach --fail-on)
    Check(CheckArgs),
    /// Compare groups of documents (vendors, systems): finding rates with confidence intervals and tests
    Compare(CompareArgs),
    /// Write a self-contained HTML quality dashboard (overview, rules, worst documents, examples,
    /// text statistics and, with --by, the group comparison)
    Report(ReportArgs),
    /// List the rules with their group, severity and summary
    Rules(RulesArgs),
    /// Explain one rule: what it flags, why, examples
    Explain(ExplainArgs),
    /// Build, merge and inspect corpus index files
    #[command(subcommand)]
    Index(IndexCommand),
    /// Corpus statistics: counts, languages, vocabulary, readability, quality signals, n-grams
    Stats(StatsArgs),
    /// The most frequent word or character n-grams, with exact counts while memory allows
    Ngrams(NgramsArgs),
}

#[derive(Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// JSONL field holding the text
    #[arg(long, value_name = "FIELD")]
    pub text_field: Option<String>,
    /// JSONL field holding the document id
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// JSONL field holding the language code
    #[arg(long, value_name = "FIELD")]
    pub lang_field: Option<String>,
    /// Language of every document (ISO code such as fr or en), instead of the field or detection
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Configuration file (default: coquille.toml searched upward from the working directory)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any coquille.toml
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Bytes of text per work batch (for testing)
    #[arg(long, hide = true, value_name = "BYTES")]
    pub batch_bytes: Option<usize>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Json,
    Jsonl,
    Sarif,
    Github,
    Gitlab,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check (`-` reads standard input)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (gitlab: a Code Quality report)
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Lowest severity that makes the exit code 1
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOnArg>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Print the number of findings per rule instead of the findings (text format)
    #[arg(long)]
    pub statistics: bool,
    /// Print the time spent in each rule (summed over threads) to standard error
    #[arg(long)]
    pub timings: bool,
    /// Print only the findings: no summary, notices or progress
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Apply the safe fixes in place (plain and Markdown files) and report what is left
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes that need a human's eye (implies --fix)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them
    #[arg(long)]
    pub diff: bool,
    /// Also rewrite the text field of fixed JSONL records
    #[arg(long)]
    pub fix_jsonl: bool,
    /// Record the current findings in FILE (and exit 0): later runs with --baseline report only new ones
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<std::path::PathBuf>,
    /// Check only the files changed since a git revision (committed, staged, unstaged or untracked)
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// With --changed-since, report only findings on changed lines
    #[arg(long, requires = "changed_since")]
    pub lines: bool,
    /// Report only findings that are not in the baseline FILE
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<std::path::PathBuf>,
    /// Never color the output
    #[arg(long)]
    pub no_color: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Show the rules that would run with the configuration, not every rule
    #[arg(long)]
    pub enabled: bool,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Configuration file
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Rule id, e.g. glue/missing-space-after-punct
    pub rule: String,
    /// Configuration file (for user rule packs)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum IndexCommand {
    /// Build an index from documents
    Build {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output file
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Print nothing but errors
        #[arg(long, short = 'q')]
        quiet: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Merge index files (the result equals indexing all their documents at once)
    Merge {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output file
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Print what an index holds
    Show {
        file: PathBuf,
        /// Also list the N most frequent words per language
        #[arg(long, default_value_t = 0, value_name = "N")]
        top: usize,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareFormatArg {
    Text,
    Markdown,
    Csv,
    Json,
    Html,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for coquille::Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Error => coquille::Severity::Error,
            SeverityArg::Warning => coquille::Severity::Warning,
            SeverityArg::Info => coquille::Severity::Info,
        }
    }
}

/// Which rules run, and a reference index (`check`, `compare` and `report`).
#[derive(Args, Debug)]
pub struct RuleArgs {
    /// Run exactly these rules or groups (comma-separated ids or prefixes such as `glue/`)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Run these rules or groups in addition to the selected ones
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Do not run these rules or groups
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// A saved corpus index whose statistics are added to the inputs' own
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Files or folders to compare (`-` reads standard input)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// What defines the groups: a JSONL metadata field (`vendor`, `system`), `lang`, or `dir` (the
    /// first folder level under each given path); documents without it form the group `(none)`
    #[arg(long, value_name = "FIELD")]
    pub by: String,
    /// The field linking translations of the same source document, for paired tests (default: the
    /// document id)
    #[arg(long, value_name = "FIELD", conflicts_with = "no_pair")]
    pub pair_by: Option<String>,
    /// Never pair documents: compare groups as independent samples
    #[arg(long)]
    pub no_pair: bool,
    /// Keep only documents whose FIELD is VALUE (or, with `!=`, is not); repeat for several values
    /// of one field (any of them) or several fields (all of them)
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    pub filters: Vec<String>,
    /// Lowest severity counted as a finding
    #[arg(long, value_enum, default_value_t = SeverityArg::Warning, value_name = "LEVEL")]
    pub min_severity: SeverityArg,
    /// Output format
    #[arg(long, value_enum, default_value_t = CompareFormatArg::Text)]
    pub format: CompareFormatArg,
    /// Bootstrap replicates
    #[arg(long, default_value_t = coquille::compare::bootstrap::DEFAULT_REPLICATES, value_name = "B")]
    pub replicates: usize,
    /// Seed of the bootstrap weights
    #[arg(long, default_value_t = coquille::compare::bootstrap::DEFAULT_SEED, value_name = "N")]
    pub seed: u64,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Print nothing on standard error but errors
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Parses a byte size: a number with an optional K, M, G or T suffix (powers of 1024, an optional
/// trailing `B` or `iB`).
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let upper = t.to_ascii_uppercase();
    let body = upper
        .strip_suffix("IB")
        .or_else(|| upper.strip_suffix('B'))
        .unwrap_or(&upper);
    let (digits, shift) = match body.chars().last() {
        Some('K') => (&body[..body.len() - 1], 10),
        Some('M') => (&body[..body.len() - 1], 20),
        Some('G') => (&body[..body.len() - 1], 30),
        Some('T') => (&body[..body.len() - 1], 40),
        _ => (body, 0),
    };
    let n: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("invalid size `{s}` (expected e.g. 512M, 2G or a number of bytes)"))?;
    if !n.is_finite() || n < 0.0 {
        return Err(format!("invalid size `{s}`"));
    }
    Ok((n * (1u64 << shift) as f64) as u64)
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormatArg {
    Text,
    Json,
    Jsonl,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Files or folders to read (`-` reads standard input); with --merge, partial statistics files
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (--per-doc prints JSONL)
    #[arg(long, value_enum, default_value_t = StatsFormatArg::Text)]
    pub format: StatsFormatArg,
    /// Print one JSON line per document instead of the summary
    #[arg(long)]
    pub per_doc: bool,
    /// Also summarise each value of a metadata field (a JSONL field such as `vendor`, or `dir`: the
    /// first folder level under the path given)
    #[arg(long, value_name = "FIELD")]
    pub by: Option<String>,
    /// Order of the n-grams the summary lists (0: none)
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub ngram: usize,
    /// How many n-grams the summary lists
    #[arg(long, default_value_t = 20, value_name = "K")]
    pub top: usize,
    /// Count character n-grams instead of word n-grams
    #[arg(long)]
    pub chars: bool,
    /// Lowercase the n-grams
    #[arg(long)]
    pub lowercase: bool,
    /// List only n-grams seen at least this often
    #[arg(long, default_value_t = 1, value_name = "C")]
    pub min_count: u64,
    /// Memory budget of the n-gram counts (per group), e.g. 512M or 2G; beyond it counts become
    /// approximate and the output says so
    #[arg(long, default_value = "1G", value_parser = parse_bytes, value_name = "BYTES")]
    pub memory: u64,
    /// Also write the mergeable statistics to FILE (combine shards with --merge)
    #[arg(long, value_name = "FILE")]
    pub save_partial: Option<PathBuf>,
    /// Merge the partial statistics files given as PATHs instead of reading documents
    #[arg(long)]
    pub merge: bool,
    /// Print nothing on standard error but errors
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NgramsFormatArg {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct NgramsArgs {
    /// Files or folders to read (`-` reads standard input)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Length of the n-grams, in words (or characters with --chars)
    #[arg(short = 'n', default_value_t = 2, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub n: u64,
    /// How many n-grams to print
    #[arg(long, default_value_t = 20, value_name = "K")]
    pub top: usize,
    /// Character n-grams (whitespace runs count as one space) instead of word n-grams
    #[arg(long)]
    pub chars: bool,
    /// Print only n-grams seen at least this often
    #[arg(long, default_value_t = 1, value_name = "C")]
    pub min_count: u64,
    /// Lowercase before counting
    #[arg(long)]
    pub lowercase: bool,
    /// Memory budget of the counts, e.g. 512M or 2G; beyond it counts become approximate
    /// (Misra–Gries, with a stated error bound) and the output says so
    #[arg(long, default_value = "1G", value_parser = parse_bytes, value_name = "BYTES")]
    pub memory: u64,
    /// Output format
    #[arg(long, value_enum, default_value_t = NgramsFormatArg::Text)]
    pub format: NgramsFormatArg,
    /// Print nothing on standard error but errors
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Files or folders to report on (`-` reads standard input)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The HTML file to write (`-`: standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Also compare groups of documents: a JSONL metadata field (`vendor`, `system`), `lang`, or
    /// `dir` (the first folder level under each given path)
    #[arg(long, value_name = "FIELD")]
    pub by: Option<String>,
    /// The field linking translations of the same source document, for paired tests (default: the
    /// document id)
    #[arg(
        long,
        value_name = "FIELD",
        conflicts_with = "no_pair",
        requires = "by"
    )]
    pub pair_by: Option<String>,
    /// Never pair documents: compare groups as independent samples
    #[arg(long, requires = "by")]
    pub no_pair: bool,
    /// Keep only documents whose FIELD is VALUE (or, with `!=`, is not); repeat for several values
    /// of one field (any of them) or several fields (all of them)
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    pub filters: Vec<String>,
    /// Lowest severity counted as a finding
    #[arg(long, value_enum, default_value_t = SeverityArg::Warning, value_name = "LEVEL")]
    pub min_severity: SeverityArg,
    /// Page title
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Example findings shown per rule
    #[arg(long, default_value_t = coquille::dashboard::DEFAULT_EXAMPLES, value_name = "K")]
    pub examples: usize,
    /// Worst documents listed
    #[arg(long, default_value_t = coquille::dashboard::DEFAULT_WORST, value_name = "N")]
    pub worst: usize,
    /// Documents with fewer words are not ranked among the worst
    #[arg(long, default_value_t = coquille::dashboard::DEFAULT_MIN_WORDS, value_name = "N")]
    pub min_words: u64,
    /// Seed of the example sample
    #[arg(long, default_value_t = coquille::dashboard::DEFAULT_SEED, value_name = "N")]
    pub sample_seed: u64,
    /// Skip the text statistics (readability, sentence lengths, n-grams)
    #[arg(long)]
    pub no_text_stats: bool,
    /// Order of the n-grams listed (0: none)
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub ngram: usize,
    /// How many n-grams to list
    #[arg(long, default_value_t = 25, value_name = "K")]
    pub top_ngrams: usize,
    /// Write the time the page was made (the page is otherwise byte-for-byte reproducible)
    #[arg(long)]
    pub timestamp: bool,
    /// Bootstrap replicates of the comparison
    #[arg(long, default_value_t = coquille::compare::bootstrap::DEFAULT_REPLICATES, value_name = "B")]
    pub replicates: usize,
    /// Seed of the bootstrap weights
    #[arg(long, default_value_t = coquille::compare::bootstrap::DEFAULT_SEED, value_name = "N")]
    pub seed: u64,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Print nothing on standard error but errors
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}
