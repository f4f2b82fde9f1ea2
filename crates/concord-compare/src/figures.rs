//! Casualty figures: how many people each report says were killed, injured or missing, listed
//! per story with the articles that state each figure.
//!
//! A toll is the number readers compare first, and it is told in many shapes ("four people were
//! killed and 27 injured", "killed five people", "the death toll had risen to five"), so the
//! sentence-level conflicts of [`crate::conflicts`], which need two sentences to share most of
//! their words, rarely see two tolls side by side. Nor can a difference be called a conflict: a
//! toll rises over the hours ("had risen to five"), and one report counts a district where
//! another counts the region, or one embassy where another counts both. So the figures are not
//! judged. Each is listed with the sentence that states it and the articles that state it,
//! earliest first, and the reader sees "4 killed" give way to "5 killed" with the words of each.
//!
//! Method (rules; English text only): in each sentence, a count (digits or a number word up to
//! ninety-nine, with its hedge: "at least", "more than", "between 600 and") attached to what
//! happened to the people counted: `killed` ("were killed", "dead", "found dead", "died", "deaths", "killed N",
//! "death toll … to N"), `injured` ("injured", "wounded", "hurt") or `missing`; and whom it
//! counts ("people" unless the sentence names them: "soldiers", "passengers"). Vague counts
//! ("dozens", "hundreds") are none. A sentence that names a year before its article's is
//! background ("In 1978, 20 people died in a hotel fire") and gives no figure.

use concord_analyze::Doc;
use concord_core::Figure;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// How a count is hedged, when it is: "at least 82", "more than 250", "between 600 and 1,000".
const HEDGE: &str = r"(?P<hedge>at\s+least|more\s+than|over|nearly|almost|about|around|roughly|some|up\s+to|as\s+many\s+as|an\s+estimated|fewer\s+than|less\s+than|at\s+most|between\s+[\w,]+\s+and)";

/// A count: digits, or a number word up to ninety-nine, hedged or not.
const COUNT: &str = r"(?:HEDGE\s+)?(?P<n>\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

/// Whom a count counts, when the sentence names them right after it.
const PEOPLE: &str = r"(?:(?:other|more|young|foreign)\s+)?(?P<who>people|persons|person|men|man|women|woman|children|child|boys|boy|girls|girl|civilians|residents|soldiers|troops|policemen|police\s+officers|officers|workers|passengers|miners|tourists|students|pilgrims|firefighters|villagers|crew\s+members|migrants|refugees|victims|nationals|others|(?-i:[A-Z][a-z]+s))";

/// The count pattern with its hedge spelled in.
fn count() -> String {
    COUNT.replace("HEDGE", HEDGE)
}

/// "four people were killed", "27 injured", "12 dead", "three passengers are missing", "222,570
/// deaths".
static COUNT_THEN_WHAT: LazyLock<Regex> = LazyLock::new(|| {
    let count = count();
    Regex::new(&format!(
        r"(?i)\b{count}\s+(?:{PEOPLE}\s+)?(?:who\s+)?(?:(?:were|was|are|is|have\s+been|had\s+been|has\s+been|have|had|has)\s+)?(?:(?:still|reported|confirmed|feared|found|seriously|critically|badly|severely|slightly|fatally)\s+)?(?P<what>killed|dead|died|deaths|injured|wounded|hurt|missing|(?:being\s+)?treated\s+for\s+(?:their\s+)?injuries)\b"
    ))
    .expect("valid regex")
});

/// "killed five people", "injured at least 30", "killing 12".
static WHAT_THEN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let count = count();
    Regex::new(&format!(
        r"(?i)\b(?P<what>killed|killing|injured|injuring|wounded|wounding)\s+(?:all\s+)?{count}(?:\s+{PEOPLE})?\b(?P<after>\s+\w+)?"
    ))
    .expect("valid regex")
});

/// "the death toll had risen to five", "a death toll of 12", "the death toll … past 150".
static DEATH_TOLL: LazyLock<Regex> = LazyLock::new(|| {
    let count = count();
    Regex::new(&format!(
        r"(?i)\bdeath\s+toll\s+(?:[\w']+\s+){{0,4}}?(?:(?P<past>past|above|topped|passed|exceeded)|to|at|of|is|was|reached|hit|stood\s+at)\s+{count}\b"
    ))
    .expect("valid regex")
});

/// The words every figure's pattern holds: a sentence without one is not scanned further.
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)kill|dead|died|death|injur|wound|hurt|missing").expect("valid regex")
});

/// A year named in a sentence: 1900–2099 standing alone.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19|20)\d\d\b").expect("valid regex"));

/// Words after a count that say it counts something other than people ("killed 40 km away",
/// "injured 3 percent").
const NOT_PEOPLE: &[&str] = &[
    "percent",
    "per",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "mph",
    "kph",
    "years",
    "year",
    "days",
    "hours",
    "minutes",
    "dollars",
    "cattle",
    "animals",
    "head",
];

/// Words that may follow "N dead" when the dead are people ("12 dead in", "five dead and").
const AFTER_DEAD: &[&str] = &[
    "and",
    "or",
    "in",
    "on",
    "at",
    "after",
    "from",
    "when",
    "while",
    "including",
    "as",
    "were",
    "was",
    "are",
    "is",
    "had",
    "have",
    "so",
    "but",
    "by",
    "during",
    "since",
    "following",
    "with",
    "among",
    "of",
    "to",
    "across",
    "near",
    "inside",
    "outside",
    "overnight",
    "today",
    "yesterday",
    "this",
    "last",
    "there",
    "here",
    "now",
    "already",
    "officially",
];

/// Words after which a number is no count of people: "no one", an age, a flight, a route.
const NOT_A_COUNT_AFTER: &[&str] = &[
    "no",
    "aged",
    "age",
    "ages",
    "flight",
    "route",
    "highway",
    "number",
    "chapter",
    "page",
    "room",
    "gate",
    "platform",
    "channel",
    "article",
    "section",
    "level",
    "grade",
    "category",
    "magnitude",
    "force",
];

/// The value of a count as [`COUNT`] reads it.
fn count_value(word: &str) -> Option<u64> {
    let w = word.to_lowercase();
    if let Ok(n) = w.replace(',', "").parse::<u64>() {
        return Some(n);
    }
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let unit = |u: &str| UNITS.iter().position(|x| *x == u).map(|i| i as u64);
    let tens = |t: &str| {
        TENS.iter()
            .position(|x| *x == t)
            .map(|i| (i as u64 + 2) * 10)
    };
    match w.split_once('-') {
        Some((t, u)) => Some(tens(t)? + unit(u)?),
        None => unit(&w).or_else(|| tens(&w)),
    }
}

/// What a word says happened to the people counted.
fn what_of(word: &str) -> &'static str {
    match word.to_lowercase().as_str() {
        "killed" | "killing" | "dead" | "died" | "deaths" => "killed",
        "missing" => "missing",
        _ => "injured",
    }
}

/// Whom a count counts: "people" unless the sentence names someone else. "Others", "men", "one
/// man", "victims", "foreign nationals" and a people's name ("Three Serbs") count people too, as
/// another report may count the same people.
fn who_of(c: &Captures<'_>) -> String {
    let Some(who) = c.name("who").map(|m| m.as_str()) else {
        return "people".to_string();
    };
    let who = who.split_whitespace().collect::<Vec<_>>().join(" ");
    let people = who.starts_with(char::is_uppercase)
        || matches!(
            who.to_lowercase().as_str(),
            "persons" | "person" | "others" | "men" | "man" | "woman" | "victims" | "nationals"
        );
    if people {
        "people".to_string()
    } else {
        who.to_lowercase()
    }
}

/// A hedge as the sentence words it, spaces normalized, lower-cased.
fn hedge_of(c: &Captures<'_>) -> String {
    match c.name("hedge") {
        Some(h) => h
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
        None if c.name("past").is_some() => "more than".to_string(),
        None => String::new(),
    }
}

/// One figure a sentence states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stated {
    pub what: &'static str,
    pub who: String,
    pub count: u64,
    pub hedge: String,
}

/// The figures a sentence states, in the order they appear.
pub(crate) fn stated(sentence: &str) -> Vec<Stated> {
    if !TRIGGER.is_match(sentence) {
        return Vec::new();
    }
    let mut found: Vec<(usize, Stated)> = Vec::new();
    let mut add = |c: &Captures<'_>, what: &'static str| {
        let Some(n) = c.name("n") else { return };
        // "No one was killed" states no figure; "a boy aged 15 died", "Flight 447" no count.
        let before = sentence[..n.start()].trim_end();
        let word_before = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if NOT_A_COUNT_AFTER.contains(&word_before.as_str()) {
            return;
        }
        // A bare 1900–2099 is a year ("In 1998 Americans were killed"): news style writes a
        // count that large with its comma.
        if YEAR.is_match(n.as_str()) {
            return;
        }
        if let Some(count) = count_value(n.as_str())
            && !found.iter().any(|(at, _)| *at == n.start())
        {
            found.push((
                n.start(),
                Stated {
                    what,
                    who: who_of(c),
                    count,
                    hedge: hedge_of(c),
                },
            ));
        }
    };
    for c in COUNT_THEN_WHAT.captures_iter(sentence) {
        // "Two dead batteries": "dead" before a noun describes the noun. Before a function word
        // ("12 dead in the fire", "five dead and 20 injured") or nothing, it counts people.
        let end = c.get(0).map_or(sentence.len(), |m| m.end());
        let next = sentence[end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.split(|ch: char| !ch.is_alphanumeric()).next());
        if c["what"].eq_ignore_ascii_case("dead")
            && c.name("who").is_none()
            && next.is_some_and(|w| w.starts_with(char::is_lowercase) && !AFTER_DEAD.contains(&w))
        {
            continue;
        }
        add(&c, what_of(&c["what"]));
    }
    for c in WHAT_THEN_COUNT.captures_iter(sentence) {
        let after = c.name("after").map(|m| m.as_str().trim().to_lowercase());
        if c.name("who").is_none() && after.is_some_and(|a| NOT_PEOPLE.contains(&a.as_str())) {
            continue;
        }
        add(&c, what_of(&c["what"]));
    }
    for c in DEATH_TOLL.captures_iter(sentence) {
        add(&c, "killed");
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, s)| s).collect()
}

/// Whether `sentence` names a year before `year`: background, not the news ("In 1978, 20
/// people died in a hotel fire").
fn names_earlier_year(sentence: &str, year: i32) -> bool {
    YEAR.find_iter(sentence)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .any(|y| y < year)
}

/// The casualty figures a story's articles (in story order) state, grouped by what they count
/// and then in the order of the first article stating each: for each, the sentence that first
/// states it and every article that states it. English articles only.
pub fn figures(docs: &[Doc<'_>]) -> Vec<Figure> {
    let mut out: Vec<(usize, Figure)> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        if doc.analysis.language != "en" {
            continue;
        }
        let year = doc.published.map(|p| {
            use chrono::Datelike;
            p.at.year()
        });
        for s in &doc.analysis.sentences {
            let text = s.text(doc.text);
            if year.is_some_and(|y| names_earlier_year(text, y)) {
                continue;
            }
            for f in stated(text) {
                let same = out
                    .iter_mut()
                    .find(|(_, g)| g.what == f.what && g.who == f.who && g.count == f.count);
                match same {
                    Some((_, g)) => {
                        if !g.sources.iter().any(|id| id == doc.id) {
                            g.sources.push(doc.id.to_string());
                        }
                    }
                    None => out.push((
                        d,
                        Figure {
                            what: f.what.to_string(),
                            who: f.who,
                            count: f.count,
                            hedge: f.hedge,
                            text: crate::statement(s, doc.text).to_string(),
                            sources: vec![doc.id.to_string()],
                        },
                    )),
                }
            }
        }
    }
    let rank = |what: &str| {
        ["killed", "injured", "missing"]
            .iter()
            .position(|w| *w == what)
    };
    // Stable: within a kind, the figures stay in the order their first articles come.
    out.sort_by(|(da, a), (db, b)| (rank(&a.what), &a.who, da).cmp(&(rank(&b.what), &b.who, db)));
    out.into_iter().map(|(_, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<String> {
        stated(s)
            .into_iter()
            .map(|f| {
                let hedge = if f.hedge.is_empty() {
                    String::new()
                } else {
                    format!("{} ", f.hedge)
                };
                format!("{hedge}{} {} {}", f.count, f.who, f.what)
            })
            .collect()
    }

    #[test]
    fn tolls_are_read_in_their_usual_shapes() {
        assert_eq!(
            read("The civil defence office said four people were killed and 27 injured."),
            ["4 people killed", "27 people injured"]
        );
        assert_eq!(
            read("A strong earthquake killed five people and injured dozens on Saturday."),
            ["5 people killed"]
        );
        assert_eq!(
            read("The office said the death toll had risen to five."),
            ["5 people killed"]
        );
        assert_eq!(
            read("At least 1,200 were injured and twenty-one soldiers are missing."),
            ["at least 1200 people injured", "21 soldiers missing"]
        );
        assert_eq!(
            read("Storms killed at least 156 people in the Philippines."),
            ["at least 156 people killed"]
        );
        assert_eq!(
            read("Floods pushed the national death toll from Hurricane Georges past 150."),
            ["more than 150 people killed"]
        );
        assert_eq!(
            read("Between 600 and 1,000 people died in Kosovo, the envoy said."),
            ["between 600 and 1000 people killed"]
        );
        assert_eq!(
            read("The quake left 222,570 deaths."),
            ["222570 people killed"]
        );
        assert_eq!(
            read("The toll rose to five and 31 people were being treated for injuries."),
            ["31 people injured"]
        );
        assert_eq!(
            read("Sweden has 17 confirmed dead, but more than 2,500 are still missing."),
            ["17 people killed", "more than 2500 people missing"]
        );
        assert_eq!(
            read("About 65 young people died and more than 190 were seriously injured."),
            ["about 65 people killed", "more than 190 people injured"]
        );
        assert_eq!(
            read(
                "The jet crashed, killing all 228 people on board; 71 people who died were French."
            ),
            ["228 people killed", "71 people killed"]
        );
        assert_eq!(
            read("Three Serbs were wounded; one man was injured by an icicle."),
            ["3 people injured", "1 people injured"]
        );
        assert_eq!(
            read("The fire killed 60 people and injured 162 others."),
            ["60 people killed", "162 people injured"]
        );
        assert_eq!(
            read("Two men were found dead in the rubble; police found 3 dead near the river."),
            ["2 people killed", "3 people killed"]
        );
    }

    #[test]
    fn other_counts_and_vague_ones_are_no_figures() {
        // An age, a count of homes, a year; a vague count; nobody; a distance.
        assert!(read("The 54-year-old farmer said 400 homes were damaged in 2026.").is_empty());
        assert!(read("Dozens were killed and hundreds injured.").is_empty());
        assert!(read("No one was killed, the police said.").is_empty());
        assert!(read("In 1998 Americans were killed abroad.").is_empty());
        assert!(read("A boy aged 15 died in the fire.").is_empty());
        assert!(read("He found two dead batteries in the radio.").is_empty());
        assert_eq!(
            read("The blast left 12 dead in the market and 30 hurt."),
            ["12 people killed", "30 people injured"]
        );
        assert_eq!(
            read("Train crash: 4 killed 27 injured"),
            ["4 people killed", "27 people injured"]
        );
        assert!(read("Relatives of Flight 447 missing passengers met.").is_empty());
        assert!(read("The storm killed 40 km of power lines.").is_empty());
        // The cars are not the people hurt in them.
        assert_eq!(
            read("Three miners in the two cars were injured."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_storys_figures_are_grouped_by_kind_with_every_article_stating_each() {
        use concord_analyze::{Analyzer, analyze_all, docs};
        use concord_core::{Article, Published};
        let art = |id: &str, day: &str, text: &str| Article {
            outlet: Some(id.into()),
            published: Some(Published::parse(day).unwrap()),
            language: Some("en".into()),
            ..Article::new(id, text)
        };
        let arts = [
            art(
                "a",
                "1998-10-30",
                "A fire killed 60 people and injured 162 others. In 1978, 20 people died in a \
                 hotel fire.",
            ),
            art(
                "b",
                "1998-10-31",
                "Police said 65 were dead. Earlier they had said 60 people were killed.",
            ),
            art(
                "c",
                "1998-11-02",
                "The death toll in the inferno rose to 62.",
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let got: Vec<(String, Vec<String>)> = figures(&docs(&arts, &analyses))
            .into_iter()
            .map(|f| (f.label(), f.sources))
            .collect();
        let want = |l: &str, s: &[&str]| (l.to_string(), s.iter().map(|x| x.to_string()).collect());
        // The background figure of 1978 is none of the story's.
        assert_eq!(
            got,
            [
                want("60 killed", &["a", "b"]),
                want("65 killed", &["b"]),
                want("62 killed", &["c"]),
                want("162 injured", &["a"]),
            ]
        );
    }

    #[test]
    fn a_sentence_naming_an_earlier_year_is_background() {
        assert!(names_earlier_year(
            "In 1978, 20 people died in a hotel fire.",
            1998
        ));
        assert!(!names_earlier_year("Since 1998, 20 people died.", 1998));
        assert!(!names_earlier_year(
            "Twenty people died, 19 of them children.",
            1998
        ));
    }
}
