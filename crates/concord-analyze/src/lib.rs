//! Analyze: turns an article's text into sentences and tokens that later stages compare.
//!
//! - language: the article's own `language`; else the language expected for it (its story's or
//!   feed's) when its function words confirm it ([`reads_as`]); else whatlang's guess when it is
//!   confident; else English;
//! - sentences: sentencex (knows "U.S.", "Mr.", "Sept. 17"), after splitting the text into blocks at
//!   blank lines and at line breaks that end a heading or a sentence, so that a title line without
//!   final punctuation never fuses with the paragraph below it, and without the wire's notes to
//!   editors; English sentences that sentencex ends at a title ("Ms.") or inside a state's
//!   initialism ("D-N.Y.") are joined back;
//! - tokens: words with their byte offsets, a lower-cased Snowball stem (rust-stemmers), and flags for
//!   stopwords (NLTK lists from the `stop-words` crate), capitalization and numbers.
//!
//! Invariant: every [`Sentence`] and [`Token`] offset points into the exact text it was computed from;
//! `&text[s.bytes.clone()]` is the sentence, trimmed of surrounding whitespace.

pub mod fingerprint;

use concord_core::CharSpan;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet as HashSet;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;

/// A word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the analyzed text.
    pub bytes: Range<usize>,
    /// Lower-cased Snowball stem ("Netanyahu's" → "netanyahu"), shared with every other
    /// occurrence of the word (a reference count, not a copy per token).
    pub stem: std::sync::Arc<str>,
    /// [`concord_core::fnv1a`] of the stem, computed once: later stages compare hashed stems.
    pub hash: u64,
    /// A function word of the language (NLTK list).
    pub stop: bool,
    /// Starts with an upper-case letter (a name candidate).
    pub capitalized: bool,
    /// First word of its sentence: capitalization there says nothing about names.
    pub sentence_initial: bool,
    /// Contains a digit ("17", "3,197", "1701").
    pub numeric: bool,
}

impl Token {
    /// A capitalized word that is not just capitalized because it starts the sentence.
    pub fn is_name(&self) -> bool {
        is_name(self.capitalized, self.stop, self.sentence_initial)
    }
}

/// The one rule for [`Token::is_name`] and [`Word::is_name`].
fn is_name(capitalized: bool, stop: bool, sentence_initial: bool) -> bool {
    capitalized && !stop && !sentence_initial
}

/// A word as the scanner reads it: what a [`Token`] holds, with the stem borrowed. Callers that
/// only count words ([`Analyzer::for_each_word`]) take these and keep no token list.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// Byte range in the analyzed text.
    pub bytes: Range<usize>,
    pub stem: &'a std::sync::Arc<str>,
    /// The stem's length in chars, up to 255: known without reading the stem, whose bytes lie
    /// elsewhere in memory (reading them for every word of every article was the largest cost
    /// of counting an article's terms for clustering).
    pub stem_chars: u8,
    pub hash: u64,
    pub stop: bool,
    pub capitalized: bool,
    pub sentence_initial: bool,
    pub numeric: bool,
}

impl Word<'_> {
    /// As [`Token::is_name`].
    pub fn is_name(&self) -> bool {
        is_name(self.capitalized, self.stop, self.sentence_initial)
    }

    fn to_token(&self) -> Token {
        Token {
            bytes: self.bytes.clone(),
            stem: self.stem.clone(),
            hash: self.hash,
            stop: self.stop,
            capitalized: self.capitalized,
            sentence_initial: self.sentence_initial,
            numeric: self.numeric,
        }
    }
}

/// A sentence with its place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the analyzed text, whitespace trimmed.
    pub bytes: Range<usize>,
    /// The same range in Unicode scalar values.
    pub chars: CharSpan,
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The sentence's text within `text` (the string that was analyzed).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.bytes.clone()]
    }

    /// Stems of the words that carry content (not stopwords, not punctuation).
    pub fn content_stems(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().filter(|t| !t.stop).map(|t| &*t.stem)
    }
}

/// The analysis of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// ISO 639-1 code used for the rules (stated, detected, or "en").
    pub language: String,
    /// True when `language` came from the article or from a confident detection.
    pub language_known: bool,
    pub sentences: Vec<Sentence>,
}

impl Analysis {
    pub fn tokens(&self) -> impl Iterator<Item = &Token> {
        self.sentences.iter().flat_map(|s| s.tokens.iter())
    }

    pub fn word_count(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// How each of `stems` is written in `text`, from its `tokens` (computed on `text`): the
/// form it takes most often away from a sentence start (where a capital says nothing), else
/// anywhere, earliest on a tie, as written but for a possessive "'s"; `None` for a stem no
/// token has. Stems are what the stages compare, and unreadable ("evacu", "marseill"); this is
/// what to show people instead ("evacuated", "Marseille").
pub fn written_forms<'t>(
    tokens: impl IntoIterator<Item = &'t Token>,
    text: &str,
    stems: &[String],
) -> Vec<Option<String>> {
    if stems.is_empty() {
        // A founding article explains nothing: no tokens to read.
        return Vec::new();
    }
    // Per stem: each form with (uses away from a sentence start, uses, -first position).
    let mut forms: Vec<Vec<(&str, [i64; 3])>> = vec![Vec::new(); stems.len()];
    for (pos, t) in tokens.into_iter().enumerate() {
        let Some(i) = stems.iter().position(|s| **s == *t.stem) else {
            continue;
        };
        let word = &text[t.bytes.clone()];
        let word = ["'s", "\u{2019}s"]
            .iter()
            .find_map(|p| word.strip_suffix(p))
            .filter(|w| !w.is_empty())
            .unwrap_or(word);
        let entry = match forms[i].iter_mut().find(|(f, _)| *f == word) {
            Some((_, counts)) => counts,
            None => {
                forms[i].push((word, [0, 0, -(pos as i64)]));
                &mut forms[i].last_mut().expect("pushed").1
            }
        };
        entry[0] += i64::from(!t.sentence_initial);
        entry[1] += 1;
    }
    forms
        .into_iter()
        .map(|f| {
            f.into_iter()
                .max_by_key(|(_, counts)| *counts)
                .map(|(w, _)| w.to_string())
        })
        .collect()
}

/// An analyzed article, as the comparing and summarizing stages read it.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub published: Option<concord_core::Published>,
    pub outlet: Option<&'a str>,
}

/// Analyzes articles and keeps each beside its analysis, for building [`Doc`]s.
///
/// The articles are taken to be one story's or one feed's: each article's language is first
/// checked against the last language found in the batch ([`Analyzer::analyze_expecting`]), and
/// whatlang runs only where that check does not hold.
pub fn analyze_all(analyzer: &Analyzer, articles: &[concord_core::Article]) -> Vec<Analysis> {
    let mut expected = ExpectedLanguage::default();
    articles
        .iter()
        .map(|a| expected.analyze(analyzer, &a.text, a.language.as_deref()))
        .collect()
}

/// The language a run of articles (a story, a feed, a stream) is expected in: the last one
/// found with confidence. Each article is analyzed expecting it
/// ([`Analyzer::analyze_expecting`]), and its own language, when known, becomes the next one's.
#[derive(Debug, Default, Clone)]
pub struct ExpectedLanguage(Option<String>);

impl ExpectedLanguage {
    /// Analyzes `text` (with its stated language, if any) and updates the expectation.
    pub fn analyze(&mut self, analyzer: &Analyzer, text: &str, stated: Option<&str>) -> Analysis {
        let an = analyzer.analyze_expecting(text, stated, self.0.as_deref());
        self.found(&an.language, an.language_known);
        an
    }

    /// The language expected, if any.
    pub fn expected(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// Takes `lang` as the next article's expectation when it is `known` (as
    /// [`ExpectedLanguage::analyze`] does with the language it found): for callers that find
    /// the language themselves ([`Analyzer::for_each_word`] with [`ExpectedLanguage::expected`]).
    pub fn found(&mut self, lang: &str, known: bool) {
        if known && self.0.as_deref() != Some(lang) {
            self.0 = Some(lang.to_string());
        }
    }
}

/// Pairs articles with their analyses.
pub fn docs<'a>(articles: &'a [concord_core::Article], analyses: &'a [Analysis]) -> Vec<Doc<'a>> {
    articles
        .iter()
        .zip(analyses)
        .map(|(a, an)| Doc {
            id: &a.id,
            text: &a.text,
            analysis: an,
            published: a.published,
            outlet: a.outlet.as_deref(),
        })
        .collect()
}

/// Per-language resources, built once and shared; cheap to call from many threads.
pub struct Analyzer {
    stemmers: Mutex<HashMap<String, Option<std::sync::Arc<Stemmer>>>>,
    stopwords: Mutex<HashMap<String, std::sync::Arc<HashSet<String>>>>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer {
            stemmers: Mutex::new(HashMap::new()),
            stopwords: Mutex::new(HashMap::new()),
        }
    }

    /// The language of `text` as an ISO 639-1 code, when whatlang is confident.
    pub fn detect_language(text: &str) -> Option<String> {
        // A paragraph or two decides the language; more only costs time (whatlang was the
        // largest single cost of analysis at 4,000 characters, and a fifth of it at 1,500).
        let sample = prefix_chars(text, 600);
        let info = whatlang::detect(sample)?;
        if !info.is_reliable() {
            return None;
        }
        Some(iso639_1(info.lang().code()).to_string())
    }

    /// Analyzes `text`; `language` is the article's stated ISO 639-1 code, if any.
    pub fn analyze(&self, text: &str, language: Option<&str>) -> Analysis {
        self.analyze_expecting(text, language, None)
    }

    /// Analyzes `text` when its language is probably `expected` (the language of the story or
    /// feed it came with): if the text's function words say so unambiguously
    /// ([`reads_as`]), whatlang is not asked. Whatlang's profile comparison is a fixed cost of
    /// about 650 k instructions a call, the largest single cost of summarizing a story; the
    /// check is about 100 hash lookups.
    pub fn analyze_expecting(
        &self,
        text: &str,
        language: Option<&str>,
        expected: Option<&str>,
    ) -> Analysis {
        let (lang, known) = self.language_of(text, language, expected);
        let stemmer = self.stemmer(&lang);
        let stop = self.stopwords(&lang);
        let mut sentences = Vec::new();
        sentence_ranges(text, &lang, |bytes| {
            let tokens = tokenize(
                text,
                bytes.clone(),
                stemmer.as_deref().map(|st| (lang.as_str(), st)),
                &stop,
            );
            sentences.push(Sentence {
                bytes,
                chars: CharSpan { start: 0, end: 0 },
                tokens,
            });
        });
        fill_char_spans(text, &mut sentences);
        Analysis {
            language: lang,
            language_known: known,
            sentences,
        }
    }

    /// The words of `text` given to `f` with whether they are in its first `lead` sentences,
    /// without building an [`Analysis`]: for callers that only count words and need no sentence
    /// but the lead's (clustering). No token or sentence list is built and no reference count
    /// taken per word (building and dropping them was a tenth of the work), and sentencex reads
    /// only a head of the text long enough for the lead (splitting whole articles into
    /// sentences was a sixth of it). So a word is [`Word::sentence_initial`] when it follows
    /// an end mark that is no abbreviation's stop ("Mr.", "U.S.", an initial), or a blank line,
    /// or starts the text; words of wire pick-up lines are read too. Returns the language used
    /// and whether it was known, as [`Analysis`] does.
    pub fn for_each_word(
        &self,
        text: &str,
        language: Option<&str>,
        expected: Option<&str>,
        lead: usize,
        mut f: impl FnMut(bool, &Word),
    ) -> (String, bool) {
        let (lang, known) = self.language_of(text, language, expected);
        let stemmer = self.stemmer(&lang);
        let stop = self.stopwords(&lang);
        let lead_end = lead_end(text, &lang, lead);
        scan(
            text,
            0..text.len(),
            stemmer.as_deref().map(|st| (lang.as_str(), st)),
            &stop,
            Starts::Punctuation,
            &mut |w| f(w.bytes.start < lead_end, &w),
        );
        (lang, known)
    }

    /// The language to analyze `text` in, and whether it is known (see
    /// [`Analyzer::analyze_expecting`]).
    fn language_of(
        &self,
        text: &str,
        language: Option<&str>,
        expected: Option<&str>,
    ) -> (String, bool) {
        match language.map(normalize_lang) {
            Some(l) if !l.is_empty() => (l, true),
            _ => match expected.filter(|e| reads_as(text, e)) {
                Some(e) => (e.to_string(), true),
                None => match Self::detect_language(text) {
                    Some(l) => (l, true),
                    None => ("en".to_string(), false),
                },
            },
        }
    }

    /// Tokens of a short text such as a title, as one sentence.
    pub fn tokens_of(&self, text: &str, language: &str) -> Vec<Token> {
        let stemmer = self.stemmer(language);
        let stop = self.stopwords(language);
        tokenize(
            text,
            0..text.len(),
            stemmer.as_deref().map(|st| (language, st)),
            &stop,
        )
    }

    /// Stem of one lower-cased word.
    pub fn stem(&self, word: &str, language: &str) -> String {
        let lower = word.to_lowercase();
        match self.stemmer(language) {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower,
        }
    }

    fn stemmer(&self, lang: &str) -> Option<std::sync::Arc<Stemmer>> {
        let mut map = self.stemmers.lock().expect("stemmer cache poisoned");
        map.entry(lang.to_string())
            .or_insert_with(|| {
                stemmer_algorithm(lang).map(|a| std::sync::Arc::new(Stemmer::create(a)))
            })
            .clone()
    }

    fn stopwords(&self, lang: &str) -> std::sync::Arc<HashSet<String>> {
        let mut map = self.stopwords.lock().expect("stopword cache poisoned");
        map.entry(lang.to_string())
            .or_insert_with(|| {
                let words = stop_words::lookup(lang).unwrap_or(&[]);
                std::sync::Arc::new(words.iter().map(|w| w.to_lowercase()).collect())
            })
            .clone()
    }
}

/// Every NLTK stopword list as one map: lower-cased word → the set of languages (bits, in the
/// order of `langs`) whose list holds it.
struct FunctionWords {
    langs: Vec<&'static str>,
    words: rustc_hash::FxHashMap<String, u64>,
}

static FUNCTION_WORDS: std::sync::LazyLock<FunctionWords> = std::sync::LazyLock::new(|| {
    let langs: Vec<&'static str> = stop_words::available_languages()
        .iter()
        .copied()
        .filter(|l| l.len() == 2)
        .take(64)
        .collect();
    let mut words = rustc_hash::FxHashMap::default();
    for (i, lang) in langs.iter().enumerate() {
        for w in stop_words::lookup(lang).unwrap_or(&[]) {
            *words.entry(w.to_lowercase()).or_insert(0u64) |= 1 << i;
        }
    }
    FunctionWords { langs, words }
});

/// Whether `text` unambiguously reads as `lang` by its function words: among its first 100
/// words (at least 30), at least 30% are on `lang`'s stopword list, and at least 10 points more
/// than on any other language's list.
///
/// This confirms a language already known for the story; it never names one. The margin makes
/// close neighbours (Danish and Norwegian, Spanish and Catalan) fall through to whatlang. On the
/// dev texts, news in its own language scores a median 40% (5th percentile 31%) and a text in
/// another language at most 21% (`cargo run --release -p concord-analyze --example
/// language_check`).
pub fn reads_as(text: &str, lang: &str) -> bool {
    const SAMPLE: usize = 100;
    let fw = &*FUNCTION_WORDS;
    let Some(target) = fw.langs.iter().position(|l| *l == lang) else {
        return false;
    };
    let mut hits = [0u32; 64];
    let mut total = 0u32;
    let mut lower = String::new();
    // ASCII first, in the split and in lower-casing: the Unicode paths cost most of the check.
    let is_letter = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            c.is_alphabetic()
        }
    };
    for word in text
        .split(|c: char| !is_letter(c))
        .filter(|w| !w.is_empty())
        .take(SAMPLE)
    {
        total += 1;
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let Some(&mask) = fw.words.get(lower.as_str()) else {
            continue;
        };
        let mut m = mask;
        while m != 0 {
            hits[m.trailing_zeros() as usize] += 1;
            m &= m - 1;
        }
    }
    let own = hits[target];
    // Shares in whole points: `own` at least 30% of `total`, and 10 points above every other.
    total >= 30
        && own * 10 >= total * 3
        && hits
            .iter()
            .enumerate()
            .all(|(i, &h)| i == target || (own >= h && (own - h) * 10 >= total))
}

fn prefix_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

fn normalize_lang(code: &str) -> String {
    let c = code.trim().to_ascii_lowercase();
    // "en-US" → "en"; three-letter codes → two where we know them.
    let base = c.split(['-', '_']).next().unwrap_or("").to_string();
    if base.len() == 3 {
        iso639_1(&base).to_string()
    } else {
        base
    }
}

/// Maps whatlang's ISO 639-3 codes to ISO 639-1 where one exists (what sentencex and the stopword
/// lists are keyed by); unknown codes pass through.
fn iso639_1(code3: &str) -> &str {
    match code3 {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "swe" => "sv",
        "dan" => "da",
        "nob" | "nno" | "nor" => "no",
        "fin" => "fi",
        "hun" => "hu",
        "ron" => "ro",
        "tur" => "tr",
        "ell" => "el",
        "ara" => "ar",
        "tam" => "ta",
        "cat" => "ca",
        "ces" => "cs",
        "slk" => "sk",
        "slv" => "sl",
        "bul" => "bg",
        "hrv" => "hr",
        "srp" => "sr",
        "heb" => "he",
        "hin" => "hi",
        "ben" => "bn",
        "jpn" => "ja",
        "kor" => "ko",
        "cmn" | "zho" => "zh",
        "ind" => "id",
        "vie" => "vi",
        "tha" => "th",
        "pes" | "fas" => "fa",
        "kaz" => "kk",
        "aze" => "az",
        "hye" => "hy",
        other => other,
    }
}

fn stemmer_algorithm(lang: &str) -> Option<Algorithm> {
    Some(match lang {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// Gives `f` the byte range of each sentence of `text` in order, whitespace trimmed: sentencex
/// within each [`blocks`] block. An English wire service's pick-up line ([`is_pickup_line`]) is
/// left out.
fn sentence_ranges(text: &str, lang: &str, mut each: impl FnMut(Range<usize>)) {
    sentence_ranges_while(text, lang, |r| {
        each(r);
        true
    })
}

/// Where the first `lead` sentences of `text` end (the text's end when it has fewer). Only a
/// head of the text is split, long enough to hold one sentence more (so that the last one of
/// the lead is known to be whole); it doubles until it does.
fn lead_end(text: &str, lang: &str, lead: usize) -> usize {
    if lead == 0 {
        return 0;
    }
    let mut window = 1024;
    loop {
        let cut = if window >= text.len() {
            text.len()
        } else {
            // At a space, so that no word is cut.
            let mut w = window;
            while !text.is_char_boundary(w) {
                w -= 1;
            }
            text[..w].rfind(char::is_whitespace).unwrap_or(w)
        };
        let mut ends = Vec::with_capacity(lead + 1);
        sentence_ranges_while(&text[..cut], lang, |r| {
            ends.push(r.end);
            ends.len() <= lead
        });
        if ends.len() > lead || cut == text.len() {
            return ends.get(lead - 1).or(ends.last()).copied().unwrap_or(0);
        }
        window *= 2;
    }
}

/// [`sentence_ranges`] until `each` returns false.
fn sentence_ranges_while(text: &str, lang: &str, mut each: impl FnMut(Range<usize>) -> bool) {
    let english = lang == "en";
    let going = std::cell::Cell::new(true);
    let mut f = |range: Range<usize>| {
        if going.get() && !(english && is_pickup_line(&text[range.clone()])) {
            going.set(each(range))
        }
    };
    for block in blocks(text) {
        if !going.get() {
            return;
        }
        let block_text = &text[block.clone()];
        // A sentence that may have been ended too early waits for the next one.
        let mut pending: Option<Range<usize>> = None;
        for b in sentencex::get_sentence_boundaries(lang, block_text) {
            let start = block.start + b.start_byte;
            let end = block.start + b.end_byte;
            let raw = &text[start..end];
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            let mut range = start + lead..start + lead + trimmed.len();
            if let Some(p) = pending.take() {
                match wrongly_split(&text[p.clone()], trimmed) {
                    Split::Right => f(p),
                    Split::Joined => range.start = p.start,
                    Split::After(n) => {
                        // "… R-N." | "Y. ``If …": the letter ends the first sentence.
                        f(p.start..range.start + n);
                        let rest = &text[range.start + n..range.end];
                        range.start = range.end - rest.trim_start().len();
                    }
                }
            }
            if english && may_be_wrongly_split(&text[range.clone()]) {
                pending = Some(range);
            } else {
                f(range);
            }
        }
        if let Some(p) = pending {
            f(p);
        }
    }
}

/// Whether `sentence` is a wire service's pick-up line: "Yaakov Perry, former, 5th graf pvs.",
/// "The tribunal, graf 5 pvs", "Moussa told, 5th graf". A new version of a story names the first
/// words of the paragraph from which the previous version's text follows ("graf": paragraph,
/// "pvs": previous). It is an instruction to editors, left at the end of the copy, and read as a
/// sentence it reached a summary. "graf" next to a paragraph's number, in lower case (so that
/// "Steffi Graf" is never one), in a line of at most 16 words.
fn is_pickup_line(sentence: &str) -> bool {
    if !sentence.contains("graf") {
        return false;
    }
    let words: Vec<&str> = sentence
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';']))
        .collect();
    let ordinal = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th")
    };
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    words.len() <= 16
        && words
            .windows(2)
            .any(|w| (w[1] == "graf" && ordinal(w[0])) || (w[0] == "graf" && number(w[1])))
}

/// Whether sentencex (English) may have ended `sentence` too early: see [`wrongly_split`].
fn may_be_wrongly_split(sentence: &str) -> bool {
    ends_with_title(sentence) || ends_with_initial(sentence)
}

/// How a sentence that sentencex ended and the next one should have been split.
enum Split {
    Right,
    /// They are one sentence.
    Joined,
    /// The first goes on for this many bytes of the next, where the next really starts.
    After(usize),
}

/// Where sentencex 0.1.33 ends an English sentence too early in news copy:
/// - after a title written before a name ("said Ms. | Clywd"; [`TITLES_BEFORE_NAMES`]);
/// - inside an initialism of one-letter parts joined to a word, as in a lawmaker's party and state
///   ("Rep. Nita Lowey, D-N. | Y., said"), which it reads as a name's initial.
fn wrongly_split(sentence: &str, next: &str) -> Split {
    if ends_with_title(sentence) && next.starts_with(char::is_uppercase) {
        return Split::Joined;
    }
    let b = next.as_bytes();
    if ends_with_initial(sentence) && b.len() >= 2 && b[0].is_ascii_uppercase() && b[1] == b'.' {
        // The next one is the initialism's last letter ("Y."), or starts with it and goes on
        // with the same sentence ("Y., said"), or starts with it and a new sentence after it
        // ("Y. ``If", "Y. The").
        return match b.get(2) {
            None | Some(b',' | b';' | b':' | b')') => Split::Joined,
            Some(b' ') if b.get(3).is_some_and(|c| c.is_ascii_lowercase()) => Split::Joined,
            Some(b' ') => Split::After(2),
            _ => Split::Right,
        };
    }
    Split::Right
}

/// Whether `sentence` ends in a one-letter part of an initialism joined to what is before it:
/// "D-N." or "U.S.-N." (a hyphen or period before the letter), not "N." after a space.
fn ends_with_initial(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    b.len() >= 3
        && b[b.len() - 1] == b'.'
        && b[b.len() - 2].is_ascii_uppercase()
        && matches!(b[b.len() - 3], b'-' | b'.')
}

/// English titles written before a name that sentencex 0.1.33 ends a sentence at when a
/// capitalized word follows ("said Ms. Clywd" → "said Ms." | "Clywd"): its table of trailing
/// markers reads "Ms." as the degree "MS" and "Ft." as the unit "ft", and some titles are missing
/// from its abbreviations. None of them ends a sentence in news text.
const TITLES_BEFORE_NAMES: [&str; 10] = [
    "Ms", "Mses", "Mmes", "Gens", "Govs", "Cdr", "Ald", "Amb", "Atty", "Ft",
];

/// Whether `sentence` ends in one of [`TITLES_BEFORE_NAMES`] and its period.
fn ends_with_title(sentence: &str) -> bool {
    let Some(head) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = head
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    // The title must be a word of its own: "(Ms." and "said Ms." but not "Sims." or "a.Ms.".
    let before = head[..head.len() - word.len()].chars().next_back();
    TITLES_BEFORE_NAMES.contains(&word)
        && before.is_none_or(|c| {
            c.is_whitespace() || matches!(c, '(' | '"' | '`' | '\u{2018}' | '\u{201C}')
        })
}

/// Splits text into blocks that no sentence may cross: paragraphs (blank lines), and single lines
/// that are headings (no final punctuation, short) or already end a sentence. Hard-wrapped prose,
/// whose lines end mid-sentence, stays one block.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(s..line_start);
            }
            continue;
        }
        if start.is_none() {
            start = Some(line_start);
        }
        if line.ends_with('\n') && line_ends_block(content) {
            out.push(start.take().expect("set above")..pos);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    if text.contains('(') {
        out = out
            .into_iter()
            .flat_map(|b| without_notes_to_editors(text, b))
            .collect();
    }
    out
}

/// `block` without the wire's notes to editors in it, as the parts around them: "(STORY CAN END
/// HERE. OPTIONAL MATERIAL FOLLOWS)", "(END OPTIONAL TRIM)". They are no part of the report, and
/// left in they fuse with the sentence after them, or become a sentence that every article of
/// the service shares. A note is a parenthesis of at most 80 bytes with no lower-case letter and
/// at least three words of three letters or more ("(AP)" and "(II, III, IV)" are not notes).
fn without_notes_to_editors(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut from = block.start;
    let mut at = block.start;
    while let Some(open) = text[at..block.end].find('(').map(|i| at + i) {
        // Bytes, not a str: the 80-byte limit may fall inside a character.
        let window = &text.as_bytes()[open + 1..block.end.min(open + 82)];
        let Some(close) = window.iter().position(|&b| b == b')') else {
            at = open + 1;
            continue;
        };
        let inner = &text[open + 1..open + 1 + close];
        let long_words = inner
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().nth(2).is_some())
            .count();
        if long_words >= 3 && !inner.chars().any(char::is_lowercase) {
            if !text[from..open].trim().is_empty() {
                parts.push(from..open);
            }
            from = open + 1 + close + 1;
        }
        at = open + 1 + close + 1;
    }
    if from == block.start {
        parts.push(block);
    } else if !text[from..block.end].trim().is_empty() {
        parts.push(from..block.end);
    }
    parts
}

fn line_ends_block(line: &str) -> bool {
    let last = line.chars().last().unwrap_or(' ');
    if matches!(
        last,
        '.' | '!' | '?' | '"' | '\u{201D}' | '\u{2019}' | '\'' | ':' | ';' | '…'
    ) {
        // A hard-wrapped line may break after a title ("… said Ms.\nClywd, who …").
        return !ends_with_title(line);
    }
    // No final punctuation: a heading when short, a hard-wrapped line of prose when long.
    line.split_whitespace().count() <= 12 && !last.is_lowercase()
        || line.split_whitespace().count() <= 6
}

#[inline]
fn is_word_char(c: char) -> bool {
    // ASCII first: `char::is_alphanumeric` tests two Unicode properties in turn, and news text
    // is mostly ASCII.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Runs `f` with this thread's stem memo for `lang`. Snowball stemming is memoized per thread
/// and language: news text repeats its words, and stemming showed as a fifth of analysis time.
/// The memo is found once per call (a sentence), not once per word: the thread-local access and
/// the language lookup showed as a tenth of analysis time when done per word.
fn with_stem_memo<R>(lang: &str, f: impl FnOnce(&mut StemMemo) -> R) -> R {
    // One memo per language, found by a short linear scan: a story has one or two languages.
    thread_local! {
        static MEMO: std::cell::RefCell<Vec<(Box<str>, StemMemo)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let slot = match m.iter().position(|(l, _)| &**l == lang) {
            Some(i) => i,
            None => {
                m.push((lang.into(), StemMemo::default()));
                m.len() - 1
            }
        };
        f(&mut m[slot].1)
    })
}

/// Word → (stem, FNV-1a hash of the stem, whether the word is on the language's stopword
/// list), for one language; dropped when it grows large. The stopword answer rides along so
/// that a word costs one hash lookup, not two.
///
/// Words of up to 15 bytes (nearly all) are keyed by their bytes packed into a `u128`, with the
/// length in the last byte: a lookup then hashes and compares two machine words instead of
/// calling `memcmp` on a string behind a pointer, which showed as a third of the memo's cost.
#[derive(Default)]
struct StemMemo {
    short: rustc_hash::FxHashMap<u128, Stemmed>,
    long: rustc_hash::FxHashMap<Box<str>, Stemmed>,
}

/// A word's stem as the scanner hands it on.
struct Stemmed {
    stem: std::sync::Arc<str>,
    /// The stem's FNV-1a hash.
    hash: u64,
    /// Whether the word is a stopword.
    stop: bool,
    /// The stem's length in chars, up to 255 ([`Word::stem_chars`]).
    chars: u8,
}

impl Stemmed {
    fn new(stem: std::sync::Arc<str>, stop: bool) -> Stemmed {
        let hash = concord_core::fnv1a(stem.as_bytes());
        let chars = stem.chars().count().min(255) as u8;
        Stemmed {
            stem,
            hash,
            stop,
            chars,
        }
    }
}

/// Words a memo holds before it is emptied. The words that matter are the frequent ones, which
/// come back at once; the rest of a news stream's vocabulary is a long tail of names and numbers
/// met a few times. On a replay stream with new names every day (BENCHMARKS.md, "A stream whose
/// vocabulary grows"), 50,000 took 30–35 MB less memory than 200,000 (one memo per analysis
/// thread) in the same time.
const MEMO_WORDS: usize = 50_000;

/// `word` packed into a `u128` with its length in the last byte, when it fits.
#[inline]
fn packed(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..b.len()].copy_from_slice(b);
    key[15] = b.len() as u8;
    Some(u128::from_le_bytes(key))
}

impl StemMemo {
    /// `stop` must be the memo's language's list (the memo is per language).
    /// The word's entry, stemmed and added when new.
    fn stem(&mut self, stemmer: &Stemmer, stop: &HashSet<String>, word: &str) -> &Stemmed {
        use std::collections::hash_map::Entry;
        if self.short.len() + self.long.len() >= MEMO_WORDS {
            self.short.clear();
            self.long.clear();
        }
        let new = || Stemmed::new(stemmer.stem(word).into(), stop.contains(word));
        match packed(word) {
            Some(k) => match self.short.entry(k) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(new()),
            },
            // Rare: two lookups rather than a key allocated for every hit.
            None => {
                if !self.long.contains_key(word) {
                    self.long.insert(word.into(), new());
                }
                &self.long[word]
            }
        }
    }
}

/// Splits `text[range]` into word tokens. Apostrophes, hyphens and dots inside words are kept
/// ("U.S.", "well-known", "don't"); a trailing possessive "'s" is dropped before stemming.
fn tokenize(
    text: &str,
    range: Range<usize>,
    stemmer: Option<(&str, &Stemmer)>,
    stop: &HashSet<String>,
) -> Vec<Token> {
    // About one token per six bytes of news text; a little spare beats growing twice.
    let mut tokens = Vec::with_capacity(range.len() / 5 + 1);
    scan(text, range, stemmer, stop, Starts::Range, &mut |w| {
        tokens.push(w.to_token())
    });
    tokens
}

/// What makes a word [`Word::sentence_initial`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Starts {
    /// The range is one sentence: its first word.
    Range,
    /// The range is many sentences: a word after a sentence's end mark (not an abbreviation's
    /// stop) or a blank line, and the range's first word.
    Punctuation,
}

/// [`tokenize`], giving each word to `sink` instead of collecting tokens.
fn scan(
    text: &str,
    range: Range<usize>,
    stemmer: Option<(&str, &Stemmer)>,
    stop: &HashSet<String>,
    starts: Starts,
    sink: &mut dyn FnMut(Word),
) {
    match stemmer {
        Some((lang, stemmer)) => with_stem_memo(lang, |memo| {
            let mut stems = Memoized {
                memo,
                stemmer,
                stop,
            };
            scan_words(text, range, stop, &mut stems, starts, sink)
        }),
        None => scan_words(text, range, stop, &mut Unstemmed(stop), starts, sink),
    }
}

/// Where the scanner gets a word's stem.
trait Stems {
    fn stem(&mut self, word: &str) -> StemRef<'_>;
}

/// Stems from this thread's memo for the language.
struct Memoized<'a> {
    memo: &'a mut StemMemo,
    stemmer: &'a Stemmer,
    stop: &'a HashSet<String>,
}

impl Stems for Memoized<'_> {
    fn stem(&mut self, word: &str) -> StemRef<'_> {
        StemRef::Borrowed(self.memo.stem(self.stemmer, self.stop, word))
    }
}

/// A language without a stemmer: the word is its own stem.
struct Unstemmed<'a>(&'a HashSet<String>);

impl Stems for Unstemmed<'_> {
    fn stem(&mut self, word: &str) -> StemRef<'_> {
        StemRef::Owned(unstemmed(self.0, word))
    }
}

/// A word's stem as given to the scanner: the memo's entry, or made for the word.
enum StemRef<'m> {
    Borrowed(&'m Stemmed),
    Owned(Stemmed),
}

impl StemRef<'_> {
    fn get(&self) -> &Stemmed {
        match self {
            StemRef::Borrowed(s) => s,
            StemRef::Owned(s) => s,
        }
    }
}

/// The "stem" of a word in a language without a stemmer: the word itself.
fn unstemmed(stop: &HashSet<String>, word: &str) -> Stemmed {
    Stemmed::new(word.into(), stop.contains(word))
}

/// The character at byte `p` of `s` (a char boundary) and its length, with a fast path for
/// ASCII: the scanner below decodes only where a byte says the text is not ASCII.
#[inline]
fn char_at(s: &str, p: usize) -> (char, usize) {
    let b = s.as_bytes()[p];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = s[p..]
        .chars()
        .next()
        .expect("p is a char boundary inside s");
    (c, c.len_utf8())
}

/// [`scan`] with `stems` giving a lower-cased, non-numeric word's stem, the stem's hash and
/// whether the word is on the stopword list.
///
/// A byte cursor with an ASCII fast path, noting while it scans what the word holds (digits,
/// dots, curly apostrophes, non-ASCII) so that nothing is searched for again afterwards:
/// tokenizing is the largest part of analysis, and decoding every character and testing it
/// against Unicode tables was most of that.
fn scan_words(
    text: &str,
    range: Range<usize>,
    stop: &HashSet<String>,
    stems: &mut dyn Stems,
    starts: Starts,
    sink: &mut dyn FnMut(Word),
) {
    let s = &text[range.clone()];
    let bytes = s.as_bytes();
    let mut first = true;
    // Starts::Punctuation: whether an end mark or a blank line came since the last word, and
    // that word (an abbreviation's stop ends no sentence).
    let punctuation = starts == Starts::Punctuation;
    let mut ended = false;
    let mut newline = false;
    let mut last_word = 0..0;
    // Reused per token: analysis runs over every word of every article.
    let mut lower = String::new();
    let mut lower_plain = String::new();
    let mut p = 0;
    while p < bytes.len() {
        // Spaces and ASCII punctuation, the bytes between words, without decoding.
        let b = bytes[p];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            if punctuation {
                match b {
                    b'.' => ended |= !abbreviation(&s[last_word.clone()]),
                    b'!' | b'?' => ended = true,
                    b'\n' => {
                        ended |= newline;
                        newline = true;
                    }
                    b' ' | b'\t' | b'\r' => {}
                    _ => newline = false,
                }
            }
            p += 1;
            continue;
        }
        let (c, len) = char_at(s, p);
        if !is_word_char(c) {
            p += len;
            continue;
        }
        let i = p;
        let mut end = p + len;
        let mut ascii = len == 1;
        let mut digit = c.is_ascii_digit();
        // A '.' or '\u{2019}' joined inside the word.
        let mut dotted = false;
        let mut curly = false;
        let mut q = end;
        while q < bytes.len() {
            // ASCII letters and digits, most of every word, without decoding.
            let b = bytes[q];
            if b.is_ascii_alphanumeric() {
                digit |= b.is_ascii_digit();
                q += 1;
                end = q;
                continue;
            }
            if b < 0x80 && !matches!(b, b'\'' | b'-' | b'.' | b',') {
                break;
            }
            let (d, dlen) = char_at(s, q);
            if is_word_char(d) {
                ascii &= dlen == 1;
                digit |= d.is_ascii_digit();
                q += dlen;
                end = q;
            } else if matches!(d, '\'' | '\u{2019}' | '-' | '.' | ',') {
                // Joiner only when a word character follows ("U.S", "3,197", "don't").
                let after = q + dlen;
                let joins = after < bytes.len()
                    && is_word_char(char_at(s, after).0)
                    && (d != ',' || c.is_ascii_digit());
                if !joins {
                    break;
                }
                ascii &= dlen == 1;
                dotted |= d == '.';
                curly |= d == '\u{2019}';
                q = after;
            } else {
                break;
            }
        }
        p = end;
        let word = &s[i..end];
        // "U.S." keeps its final dot as part of the abbreviation.
        let word_end = if dotted && word.len() <= 6 && bytes.get(end) == Some(&b'.') {
            end + 1
        } else {
            end
        };
        lower.clear();
        if ascii {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            // str::to_lowercase, not per char: it knows the Greek final sigma.
            lower.push_str(&word.to_lowercase());
        }
        // A possessive "'s" goes (the test on the last byte first: most words end otherwise).
        if lower.ends_with('s') {
            for suffix in ["'s", "\u{2019}s"] {
                if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
                    lower.truncate(lower.len() - suffix.len());
                }
            }
        }
        // Without its dots and curly apostrophes ("U.S." → "us"); most words have none.
        let plain: &str = if (dotted || curly) && lower.contains(['.', '\u{2019}']) {
            lower_plain.clear();
            lower_plain.extend(lower.chars().filter(|&ch| ch != '.' && ch != '\u{2019}'));
            &lower_plain
        } else {
            &lower
        };
        let stemmed = if digit {
            StemRef::Owned(Stemmed::new(
                plain.replace(',', "").into(),
                stop.contains(plain),
            ))
        } else {
            stems.stem(plain)
        };
        let stemmed = stemmed.get();
        let is_stop = stemmed.stop || (plain.len() != lower.len() && stop.contains(lower.as_str()));
        sink(Word {
            bytes: range.start + i..range.start + word_end,
            stem: &stemmed.stem,
            stem_chars: stemmed.chars,
            hash: stemmed.hash,
            stop: is_stop,
            capitalized: c.is_uppercase(),
            sentence_initial: first || (punctuation && ended),
            numeric: digit,
        });
        first = false;
        ended = false;
        newline = false;
        last_word = i..end;
    }
}

/// Words whose stop ends no sentence: initials, dotted abbreviations ("U.S", "p.m"), the titles
/// sentencex is known to miss ([`TITLES_BEFORE_NAMES`]) and the other titles and short forms news
/// writes with a stop ("Mr", "Gen", "Sept", "Inc").
fn abbreviation(word: &str) -> bool {
    const SHORT: &[&str] = &[
        "Mr", "Mrs", "Dr", "St", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen", "Lt", "Col", "Sgt",
        "Capt", "Maj", "Adm", "Cmdr", "Cpl", "Pvt", "Spc", "Jr", "Sr", "Prof", "Rev", "Msgr",
        "Supt", "Mt", "No", "Nos", "Inc", "Co", "Corp", "Ltd", "Bros", "Dept", "Univ", "Ave",
        "Blvd", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc",
        "approx",
    ];
    let initial = word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic();
    initial || word.contains('.') || SHORT.contains(&word) || TITLES_BEFORE_NAMES.contains(&word)
}

/// Converts the byte ranges of sorted, non-overlapping sentences to char ranges in one pass.
fn fill_char_spans(text: &str, sentences: &mut [Sentence]) {
    let mut byte = 0;
    let mut chars = 0;
    for s in sentences.iter_mut() {
        chars += text[byte..s.bytes.start].chars().count();
        let start = chars;
        chars += text[s.bytes.clone()].chars().count();
        byte = s.bytes.end;
        s.chars = CharSpan { start, end: chars };
    }
}

/// Where a list item's text starts, after its marker ("* ", "• "); `None` when the sentence is
/// no list item.
pub fn list_marker_end(sentence: &str) -> Option<usize> {
    let body = sentence.trim_start();
    ["* ", "\u{2022} "]
        .iter()
        .find_map(|marker| body.strip_prefix(marker))
        .map(|rest| sentence.len() - rest.trim_start().len())
}

/// Strips a leading wire dateline such as "LONDON (AP) _ ", "MOSCOW, Dec. 1 (Reuters) - " or
/// "WASHINGTON -- ", or a list item's marker ("* ", "• "), returning the byte offset where the
/// sentence proper starts (0 when none).
pub fn dateline_end(sentence: &str) -> usize {
    // No dateline opens a list item: "* AP - …" names its source, which stays.
    if let Some(end) = list_marker_end(sentence) {
        return end;
    }
    // Most sentences have no separator near their start; one pass over the bytes says so more
    // cheaply than counting characters and five searches.
    let near = &sentence.as_bytes()[..sentence.len().min(400)];
    if !near
        .windows(2)
        .any(|w| w[0] == b' ' && matches!(w[1], b'_' | b'-' | 0xE2))
    {
        return 0;
    }
    let head = prefix_chars(sentence, 80);
    for sep in [" _ ", " -- ", " \u{2014} ", " \u{2013} ", " - "] {
        if let Some(i) = head.find(sep) {
            let prefix = &head[..i];
            let letters: Vec<char> = prefix.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.is_empty() {
                continue;
            }
            // A dateline starts with a place in capitals, or names the agency in parentheses.
            let first_word: String = prefix
                .split(|c: char| !c.is_alphabetic())
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_string();
            let caps_place =
                first_word.chars().count() >= 2 && first_word.chars().all(|c| c.is_uppercase());
            let agency = prefix.contains('(') && prefix.ends_with(')');
            if caps_place || agency {
                return i + sep.len();
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_shown_as_the_text_writes_them() {
        let text = "Firefighters evacuated 1,200 people. Officials said Marseille's \
                    firefighters were evacuating more villages near Marseille.";
        let an = Analyzer::new().analyze(text, Some("en"));
        let stem = |w: &str| {
            let t = an.tokens().find(|t| &text[t.bytes.clone()] == w).unwrap();
            t.stem.to_string()
        };
        let stems = [
            stem("Firefighters"),
            stem("evacuated"),
            stem("1,200"),
            stem("Marseille's"),
            "absent".to_string(),
        ];
        assert_ne!(stems[0], "Firefighters", "a stem is not a word");
        assert_eq!(
            written_forms(an.tokens(), text, &stems),
            [
                // Not the capital of the sentence start, though it comes first.
                Some("firefighters".to_string()),
                // "evacuated" and "evacuating" once each: the first.
                Some("evacuated".to_string()),
                Some("1,200".to_string()),
                // Without the possessive.
                Some("Marseille".to_string()),
                None,
            ]
        );
    }

    /// The char-by-char tokenizer that [`scan_words`] replaced, kept as its reference: `stem`
    /// gives a lower-cased, non-numeric word's stem, the stem's hash and whether the word is on
    /// the stopword list.
    fn tokenize_by_chars(
        text: &str,
        range: Range<usize>,
        stop: &HashSet<String>,
        stem: &mut dyn FnMut(&str) -> Stemmed,
    ) -> Vec<Token> {
        let s = &text[range.clone()];
        let mut tokens = Vec::new();
        // Reused per token: analysis runs over every word of every article.
        let mut lower = String::new();
        let mut lower_plain = String::new();
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if matches!(d, '\'' | '\u{2019}' | '-' | '.' | ',') {
                    // Joiner only when a word character follows ("U.S", "3,197", "don't").
                    let after = s[j + d.len_utf8()..].chars().next();
                    match after {
                        Some(a) if is_word_char(a) && (d != ',' || c.is_ascii_digit()) => {
                            iter.next();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let word = &s[i..end];
            // "U.S." keeps its final dot as part of the abbreviation.
            let word_end = if word.contains('.') && word.len() <= 6 && s[end..].starts_with('.') {
                end + 1
            } else {
                end
            };
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                // str::to_lowercase, not per char: it knows the Greek final sigma.
                lower.push_str(&word.to_lowercase());
            }
            for suffix in ["'s", "\u{2019}s"] {
                if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
                    lower.truncate(lower.len() - suffix.len());
                }
            }
            lower_plain.clear();
            if lower.contains(['.', '\u{2019}']) {
                lower_plain.extend(lower.chars().filter(|&ch| ch != '.' && ch != '\u{2019}'));
            } else {
                lower_plain.push_str(&lower);
            }
            let numeric = word.bytes().any(|b| b.is_ascii_digit());
            let Stemmed {
                stem,
                hash,
                stop: plain_stop,
                ..
            } = if numeric {
                Stemmed::new(
                    lower_plain.replace(',', "").into(),
                    stop.contains(lower_plain.as_str()),
                )
            } else {
                stem(&lower_plain)
            };
            let is_stop =
                plain_stop || (lower_plain.len() != lower.len() && stop.contains(lower.as_str()));
            tokens.push(Token {
                bytes: range.start + i..range.start + word_end,
                stem,
                hash,
                stop: is_stop,
                capitalized: word.chars().next().is_some_and(char::is_uppercase),
                sentence_initial: tokens.is_empty(),
                numeric,
            });
        }
        tokens
    }

    fn sentences(text: &str) -> Vec<String> {
        let a = Analyzer::new().analyze(text, None);
        a.sentences
            .iter()
            .map(|s| s.text(text).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = sentences(
            "The U.S. Navy said Mr. Smith arrived on Sept. 17 in Haifa. He left the next day.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with("Haifa."));
    }

    #[test]
    fn titles_before_names_do_not_end_sentences() {
        // sentencex alone ends the first sentence at "Ms." (and "Atty.", "Ft.").
        let s = sentences(
            "The graves were found, said Ms. Clywd, who chairs the panel. Atty. Gen. Reno and \
             the mayor of Ft. Worth agreed.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with("the panel."), "{s:?}");
        // Hard-wrapped: the line break after the title does not end the block either.
        let s =
            sentences("The graves were found, said Ms.\nClywd, who chairs the panel.\nHe left.");
        assert_eq!(s.len(), 2, "{s:?}");
        // A title that is part of a longer word, or a sentence that goes on in lower case, is
        // left as sentencex has it.
        assert_eq!(sentences("He met the Sims. They left.").len(), 2);
    }

    #[test]
    fn initialisms_of_party_and_state_do_not_end_sentences() {
        let s = sentences(
            "Rep. Nita Lowey, D-N.Y., said the bill failed. It was backed by Sen. \
             Al Smith, R-S.C. The vote was close. ``It failed,'' said Rep. Peter King, R-N.Y. \
             ``We lost.''",
        );
        assert_eq!(
            s,
            [
                "Rep. Nita Lowey, D-N.Y., said the bill failed.",
                "It was backed by Sen. Al Smith, R-S.C.",
                "The vote was close.",
                "``It failed,'' said Rep. Peter King, R-N.Y.",
                "``We lost.''"
            ]
        );
    }

    #[test]
    fn notes_to_editors_are_no_sentences() {
        let s = sentences(
            "The case widened to other victims. (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS) \
             The judge said more. LONDON (AP) counts as prose (II, III, IV) here.",
        );
        assert_eq!(
            s,
            [
                "The case widened to other victims.",
                "The judge said more.",
                "LONDON (AP) counts as prose (II, III, IV) here."
            ]
        );
        // A long parenthesis whose 81st byte is inside a character is no note, and no panic.
        let long = format!("He won ({} é more) today.", "x".repeat(79));
        assert_eq!(sentences(&long), [long.as_str()]);
    }

    #[test]
    fn wire_pick_up_lines_are_no_sentences() {
        let s = sentences(
            "It killed the two bombers. Yaakov Perry, former, 5th graf pvs. The tribunal, graf 5 pvs",
        );
        assert_eq!(s, ["It killed the two bombers."]);
        // "Graf" the name, and "graf" without a paragraph's number, stay.
        let t = "Steffi Graf won the 5th set. The word graf is jargon.";
        assert_eq!(sentences(t).len(), 2);
        assert!(!is_pickup_line("Steffi Graf won the 5th set."));
        assert!(is_pickup_line("Moussa told, 5th graf"));
        assert!(is_pickup_line("The report also, 13th graf 13 pvs"));
        // In Dutch "graf" is a grave: "in graf 5" is text, not a pick-up line.
        let dutch = "De archeologen vonden in graf 5 een zwaard. Het zwaard is van brons en ijzer \
                     en het werd naar het museum gebracht.";
        let a = Analyzer::new().analyze(dutch, None);
        assert_eq!(a.language, "nl");
        assert_eq!(a.sentences.len(), 2);
    }

    #[test]
    fn headings_do_not_fuse_with_paragraphs() {
        let s =
            sentences("Storm Hits Coast\nThe storm made landfall on Monday.\nIt weakened later.");
        assert_eq!(s[0], "Storm Hits Coast");
        assert_eq!(s.len(), 3, "{s:?}");
    }

    #[test]
    fn hard_wrapped_prose_stays_one_sentence() {
        let text = "The minister said on Tuesday that the new budget would be presented to the\nparliament before the end of the month, despite objections.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Él dijo «hola».  Zoë went to Zürich. Then she returned home.";
        let a = Analyzer::new().analyze(text, Some("en"));
        let chars: Vec<char> = text.chars().collect();
        for s in &a.sentences {
            let by_chars: String = chars[s.chars.start..s.chars.end].iter().collect();
            assert_eq!(by_chars, s.text(text));
            for t in &s.tokens {
                assert!(!text[t.bytes.clone()].trim().is_empty());
            }
        }
    }

    /// Tokens from both scanners, compared in full (stems, hashes, flags, byte ranges).
    fn assert_scanners_agree(text: &str) {
        let stop: HashSet<String> = ["the", "s", "don't", "dont", "us"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let mut fast = Vec::new();
        scan_words(
            text,
            0..text.len(),
            &stop,
            &mut Unstemmed(&stop),
            Starts::Range,
            &mut |w| fast.push(w.to_token()),
        );
        let reference = tokenize_by_chars(text, 0..text.len(), &stop, &mut |w| unstemmed(&stop, w));
        assert_eq!(fast, reference, "{text:?}");
    }

    #[test]
    fn words_read_for_counting_start_sentences_by_punctuation_and_know_the_lead() {
        let an = Analyzer::new();
        let text = "Mr. Smith met Gen. Jones in the U.S. Capitol on Monday. Talks went on! \
                    Would they end? Delegates said so.\n\nOfficials agreed to 5. Prices fell.";
        let mut words = Vec::new();
        an.for_each_word(text, Some("en"), None, 3, |in_lead, w| {
            words.push((
                text[w.bytes.clone()].to_string(),
                w.sentence_initial,
                in_lead,
            ))
        });
        let initial: Vec<&str> = words.iter().filter(|w| w.1).map(|w| w.0.as_str()).collect();
        // An abbreviation's stop ends no sentence; an end mark or a blank line does.
        assert_eq!(
            initial,
            ["Mr", "Talks", "Would", "Delegates", "Officials", "Prices"]
        );
        let lead: Vec<&str> = words.iter().filter(|w| w.2).map(|w| w.0.as_str()).collect();
        assert_eq!(lead.last(), Some(&"end"), "{lead:?}");
        assert!(words.iter().any(|w| w.0 == "Delegates" && !w.2));
    }

    #[test]
    fn the_lead_ends_where_the_whole_text_split_puts_it() {
        // Sentences long enough that a first head of the text holds fewer than the lead.
        let long = |i: usize| {
            format!(
                "Sentence {i} says that the committee, meeting in the capital for the {i}th \
                 time this year, reviewed {} items of business before adjourning. ",
                "many ".repeat(60)
            )
        };
        for n in [1, 2, 5] {
            let text: String = (1..=n).map(long).collect();
            let mut whole = Vec::new();
            sentence_ranges(&text, "en", |r| whole.push(r.end));
            for lead in 1..=3 {
                let want = whole[(lead - 1).min(whole.len() - 1)];
                assert_eq!(
                    lead_end(&text, "en", lead),
                    want,
                    "{n} sentences, lead {lead}"
                );
            }
        }
        assert_eq!(lead_end("", "en", 3), 0);
        assert_eq!(lead_end("One short text.", "en", 0), 0);
    }

    #[test]
    fn the_byte_scanner_tokenizes_as_the_char_scanner_did() {
        for text in [
            "Netanyahu's office said 3,197 tunnels were found in the U.S. today.",
            "Ελληνικά ΟΔΟΣ ΣΟΦΟΣ, don\u{2019}t stop—well-known e.g. U.N.-led talks.",
            "Zoë went to Zürich; «hola» dijo Él. 北京 reported 1.5% growth, 2,000 up",
            "trailing joiners: end. end, end- end' end\u{2019} 3, 4. a.b.c. ...x",
            "",
            "'s \u{2019}s x's x\u{2019}s AB'S Ab\u{2019}S 12,a a,12 1,2,3",
        ] {
            assert_scanners_agree(text);
        }
        // Random strings over an alphabet of the characters the scanner treats specially.
        let alphabet: Vec<char> = "aZ9 .,'-\u{2019}é\u{0130}Σς北\n!ß\u{1F600}"
            .chars()
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            assert_scanners_agree(&text);
        }
    }

    #[test]
    fn tokens_carry_stems_and_flags() {
        let an = Analyzer::new();
        let a = an.analyze(
            "Netanyahu's office said 3,197 tunnels were found in the U.S. today.",
            Some("en"),
        );
        let toks: Vec<&Token> = a.tokens().collect();
        assert_eq!(&*toks[0].stem, "netanyahu");
        assert!(toks[0].sentence_initial && !toks[0].is_name());
        let num = toks.iter().find(|t| t.numeric).unwrap();
        assert_eq!(&*num.stem, "3197");
        assert!(toks.iter().any(|t| &*t.stem == "tunnel"));
        assert!(toks.iter().find(|t| &*t.stem == "the").unwrap().stop);
        let us = toks.iter().find(|t| &*t.stem == "us").unwrap();
        assert!(us.is_name());
    }

    #[test]
    fn detects_language_of_clear_text() {
        let fr = "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs touchés par la sécheresse dans le sud du pays.";
        assert_eq!(Analyzer::detect_language(fr).as_deref(), Some("fr"));
        let a = Analyzer::new().analyze(fr, None);
        assert_eq!(a.language, "fr");
        assert!(a.tokens().any(|t| &*t.stem == "agriculteur"));
    }

    const EN: &str = "The harbour authority said on Tuesday that the northern pier would stay closed for at \
        least three weeks after a cargo ship struck it during a storm on Monday night. Engineers found \
        cracks in two of the supporting columns, and the director told reporters that the ferries would \
        use the southern terminal until the repairs were done.";
    const FR: &str = "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs \
        touchés par la sécheresse dans le sud du pays. Le ministre a précisé que les aides seraient \
        versées avant la fin du mois et que les éleveurs pourraient aussi demander un report de leurs \
        cotisations, ce que les syndicats réclamaient depuis le début de l'été.";
    const ES: &str = "El gobierno anunció el martes una serie de medidas para ayudar a los agricultores \
        afectados por la sequía en el sur del país. El ministro explicó que las ayudas llegarán antes \
        de que termine el mes y que los ganaderos también podrán pedir un aplazamiento de sus cuotas, \
        algo que los sindicatos pedían desde el comienzo del verano.";
    const DA: &str = "Regeringen meddelte tirsdag en række tiltag for at hjælpe de landmænd, som er ramt \
        af tørken i den sydlige del af landet. Ministeren sagde, at støtten vil blive udbetalt inden \
        udgangen af måneden, og at landmændene også kan søge om at få udsat deres betalinger, hvilket \
        fagforeningerne har krævet siden begyndelsen af sommeren.";

    #[test]
    fn function_words_confirm_a_language_only_when_unambiguous() {
        assert!(reads_as(EN, "en"));
        assert!(reads_as(FR, "fr"));
        assert!(reads_as(ES, "es"));
        for (text, wrong) in [(EN, "fr"), (FR, "en"), (ES, "pt"), (ES, "ca"), (FR, "es")] {
            assert!(!reads_as(text, wrong), "{wrong}: {text}");
        }
        // Danish and Norwegian share most function words: neither is confirmed, whatlang decides.
        assert!(!reads_as(DA, "no"));
        // Too few words to say; a language without a list is never confirmed.
        assert!(!reads_as("The pier is closed for three weeks.", "en"));
        assert!(!reads_as(EN, "xx"));
    }

    #[test]
    fn a_batch_expects_its_language_but_an_article_in_another_gets_its_own() {
        let article = concord_core::Article::new;
        let batch = [
            article("a", EN),
            article("b", FR),
            article("c", EN),
            article("d", ES),
            article("e", DA),
        ];
        let langs: Vec<String> = analyze_all(&Analyzer::new(), &batch)
            .into_iter()
            .map(|a| a.language)
            .collect();
        assert_eq!(langs[..4], ["en", "fr", "en", "es"]);
        let alone: Vec<String> = batch
            .iter()
            .map(|a| Analyzer::new().analyze(&a.text, None).language)
            .collect();
        assert_eq!(langs, alone, "the batch labels are whatlang's");
    }

    #[test]
    fn datelines_are_recognised() {
        let s = "LONDON (AP) _ An influential lawmaker spoke.";
        assert_eq!(&s[dateline_end(s)..], "An influential lawmaker spoke.");
        let s = "MOSCOW, Dec. 1 (Reuters) - Talks resumed.";
        assert_eq!(&s[dateline_end(s)..], "Talks resumed.");
        let s = "The vote - which was close - passed.";
        assert_eq!(dateline_end(s), 0);
        // A list item's marker goes; the source it names stays.
        let s = "* AP - \"The confirmed death toll passed 121,000.\"";
        assert_eq!(
            &s[dateline_end(s)..],
            "AP - \"The confirmed death toll passed 121,000.\""
        );
    }
}
