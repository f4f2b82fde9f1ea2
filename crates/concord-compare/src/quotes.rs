//! Quotes: direct and partial quotations in an article, with who said them.
//!
//! Method (v1, rules; English):
//! 1. Quoted spans: text between “ and ”, between a pair of straight double quotes, or between
//!    `` and '' (wire style), within one paragraph.
//! 2. Speaker, first rule that matches (a speech verb is one of [`SPEECH_VERBS`]):
//!    - after the quote, on its line: `…,” Koren said`, `…,” said Koren`, `…,” said Koren of
//!      the …`, `…,” said Air France in a statement`, `…,” said airline analyst Peter Tang`,
//!      `…,” said Rabobank spokesman Jacob Bergsma`, `…,” said one local resident, Omen Cola,`,
//!      `…” he added`, `…,” a senior American official said`, `…,” said a senior Republican
//!      senator on Capitol Hill`, `…,” Israeli officials said`
//!      (a source the article does not name is given as it describes it), `…,” Nordlys Space chief
//!      executive Ida Kjaer said` (an employer and a role before the name); but after a quote
//!      closed by a full stop, `X said` followed by more than three words is the next
//!      sentence's subject (`…safe.'' Fatchett said Britain would help`), not the speaker;
//!      `…,” da Silva, a former salesman, said` (a person's name, who they are, then the verb);
//!    - before it, in the same sentence: `Netanyahu said “…”`, `Koren told radio station X that
//!      relations are going through “a good phase”`, `X's office said …`, `A union spokeswoman,
//!      Karin Holm, said …` (a person's name between commas: "in Porto, Portugal, said" is none),
//!      `Saeid Kazami, 41, said they “…”`, `the prime minister replied, “…”`, `A spokesman for
//!      Tony Blair said “…”` (the spokesman speaks: "a spokesman for Tony Blair"), `Israeli
//!      officials told reporters, “…”`;
//!    - `according to X` in the same sentence;
//!    - for a quotation ending without a mark of its own, the attribution that ends its
//!      sentence (`staff were “literally in the dark” after the blackout, said spokesman P. J.
//!      Crowley.`);
//!    - "was quoted as saying" serves as a speech verb, after the quote and before it.
//! 3. "he" / "she" resolve to the person last named as speaking before: a quote's speaker (or,
//!    in the same paragraph, whom an earlier "he" or "she" was found to be), or
//!    a given name and surname before a speech verb in the paragraph before or the quote's own
//!    (`Rene Preval told the Herald … “…,” he said`), skipping a person the article plainly gives
//!    the other gender ("Ms. Kinzo", "Jr.", "spokeswoman", "Yongo said her"; [`Genders`]); a
//!    family name alone after a courtesy title ("Mr. Ban") is a person too; or, for a quote
//!    that opens its own sentence, the person a sentence before it in its paragraph opens with
//!    ("Arévalo was patrolling the beach. He told El Rancahuaso … “…,” he shouted"; sentences
//!    inside quotations passed over, the search ending at a sentence that names someone else),
//!    or the first person the sentence before names outside its quotations ("Xiao Tan, 32, …
//!    tried to unfurl a flag. “…,” he told AFP"; not a possessive or a place), whichever of
//!    these comes last.
//!    A quote with none of these goes on with the previous quote's speaker after "adding
//!    that", when it is a paragraph of its own right after that quote's paragraph, or when it
//!    is a sentence of its own right after that quote's sentence (`“…,” X said. “…”`; a title's
//!    stop, "Ms.", ends no sentence).
//! 4. A one-word speaker ("Koren") becomes the first name in the article that ends with it
//!    ("Gary Koren"), titles (with their "of X": "Mayor of Talca Ana Duarte") and leading places
//!    dropped, or, failing that, the one two-word person's name it opens when it is a short
//!    word that is no given name ("Zhang" of "Zhang Xiong", a family name written first); a
//!    run that crosses a full stop ("… Dorr. He") keeps what follows it, and where the speaker
//!    works goes ("Kerstin Einarsson of Sahlgrenska Hospital").
//!
//! Quotes with no speaker found are kept with `speaker: null`: the reader still sees them.

use crate::entities::{
    DEMONYM_PLACES, ORG_WORDS, PLACE_FIRST, PLACE_WORDS, PLACES, TITLES, not_name,
};
use crate::given_names;
use concord_core::Quote;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Verbs that introduce speech.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "stressed",
    "added",
    "told",
    "tells",
    "noted",
    "wrote",
    "writes",
    "reported",
    "tweeted",
    "explained",
    "insisted",
    "warned",
    "declared",
    "announced",
    "stated",
    "argued",
    "asked",
    "replied",
    "recalled",
    "acknowledged",
    "claimed",
    "emphasized",
    "emphasised",
    "remarked",
    "commented",
    "indicated",
    "conceded",
    "admitted",
    "urged",
    "maintained",
    "contended",
    "predicted",
    "cautioned",
    "complained",
    "vowed",
    "confirmed",
    "observed",
    "reiterated",
    "proclaimed",
    "responded",
    "asserted",
    "recounted",
    "quipped",
    "testified",
    "answered",
    "exclaimed",
    "countered",
    "pleaded",
    "boasted",
    "retorted",
    "shouted",
    "yelled",
    "screamed",
    "whispered",
    "joked",
    "snapped",
    "mused",
    "lamented",
];

/// Particles that open a family name in lower case ("del Valle", "da Silva"), as a regex
/// alternation: [`NAME`] reads them and [`is_person`] lets them open a name.
macro_rules! lower_particles {
    () => {
        "de|del|della|da|das|dos|van|von|der|di|du"
    };
}

/// [`lower_particles`] as a word test.
fn lower_particle(word: &str) -> bool {
    lower_particles!().split('|').any(|p| p == word)
}

/// A capitalized run of words, "of" and name particles inside it, or a family name that opens
/// with its particle in lower case ("del Valle", "da Silva", "de Klerk"; a whole word: not the
/// "der" of "leader Yasser Arafat").
const NAME: &str = concat!(
    r"(?:(?-u:\b)(?:",
    lower_particles!(),
    r")\s+)?(?:\p{Lu}[\p{L}\p{M}'’.\-]*)(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|(?:de|of|van|von|al|bin|ben|da|das|do|dos|del|della|di|du)(?-u:\b)))*"
);
/// "the" and up to four words: an institution named by description ("the Kremlin press service").
const DESCRIBED: &str = r"the(?:\s+[\p{L}\p{M}'’\-]+){1,4}?";

/// The role nouns of [`ROLE`] and [`APPOSED_PERSON`], as a regex alternation.
macro_rules! role_nouns {
    () => {
        r"spokes(?:man|woman|person)|minister|president|chief|director|secretary|official|commander|head|leader|chair(?:man|woman)?|governor|mayor|ambassador|envoy|prosecutor|lawyer|attorney|analyst|economist|professor|expert|advis[eo]r|researcher|executive|manager|coach|captain|prefect|senator|engineer|inspector|officer|witness|resident|survivor"
    };
}

/// A speaker's role in lower case before the name ("fire service spokesman Julien Moreau told
/// reporters"): up to three describing words, then a role noun. The noun is required, so that
/// "officials in Paris said" does not make Paris the speaker.
const ROLE: &str = concat!(r"(?:[a-z][\p{L}\-]*\s+){0,3}?(?:", role_nouns!(), r")\s+");

/// Who a speaker works for and the role, after the verb ("said Rabobank spokesman Jacob
/// Bergsma", "said Iran's Foreign Ministry spokesman, Mohammad Ali Hosseini"): capitalized words
/// (a possessive among them), a [`ROLE`] and an optional comma before the name.
const EMPLOYED: &str = concat!(
    r"(?:[A-Z][\p{L}\p{M}'’.\-]*\s+){1,4}(?:[a-z][\p{L}\-]*\s+){0,2}?(?:",
    role_nouns!(),
    r"),?\s+"
);

/// [`APPOSITION`] as [`AFTER_APPOSITION`] and [`BEFORE_APPOSITION`] read it: each part opens as a description of a
/// person does, with an article, a possessive, "who"/"whose", an age, a capitalized word
/// ("Microsoft's chief financial officer") or a role ("military spokesman"). Not a verb
/// ("Jay Jasan, died on the flight, said": the speaker is who spoke of him) or "but". See
/// [`apposed_attributes`] for the comma that closes it.
const APPOSED_PERSON: &str = concat!(
    // Two parts, the first in lower case or an age ("a voter in Tehran, Saeid Kazami, 41,
    // said" names Saeid Kazami, not the square before him) ...
    r"(?:,\s+(?:(?:an?|the|his|her|their|its|who|whose|one)\s|[0-9]|(?:[a-z][\p{L}\-]*\s+){0,3}?(?:",
    role_nouns!(),
    r")\b)(?:[^,.;:\x22“”`]|\.\p{Lu}|\.\s+\p{Ll})*",
    // ... or one part, which may also open with a capital.
    r")?,\s+(?:(?:an?|the|his|her|their|its|who|whose|one)\s|[0-9]|\p{Lu}|(?:[a-z][\p{L}\-]*\s+){0,3}?(?:",
    role_nouns!(),
    r")\b)(?:[^,.;:\x22“”`]|\.\p{Lu}|\.\s+\p{Ll})*(?P<closed>,)?"
);

/// Whether an [`APPOSED_PERSON`] match attributes: its apposition is closed by a comma, or its
/// verb is one no description ends with ("says", unlike "observed": in "Veterans Day, a date
/// observed in Canada" no one speaks).
fn apposed_attributes(c: &regex::Captures<'_>) -> bool {
    c.name("closed").is_some()
        || c.name("verb")
            .is_some_and(|v| matches!(v.as_str(), "said" | "says" | "told" | "tells"))
}

fn verbs() -> String {
    SPEECH_VERBS.join("|")
}

static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?:(?:{v})\s+(?:{EMPLOYED}|{ROLE})?(?:the\s+Rev\.\s+)?(?:(?P<n1>{NAME})(?:[,.;]|\s+(?:of|from|at|with|who|in|during|on|to|after|before|also|as|when|while|by|adding)\b|\s*$)|(?P<n3>{DESCRIBED}|{UNNAMED_PLURAL})(?:[,.;]|\s+(?:of|from|at|with|who)\b|\s*$))|(?:{ROLE})?(?P<n2>{NAME}|{DESCRIBED}|{UNNAMED}|[Hh]e|[Ss]he|[Tt]hey|{UNNAMED_PLURAL}(?:\s+(?:in|at|from)\s+{NAME})?)\s+(?:has\s+|had\s+|also\s+|later\s+|went\s+on\s+to\s+|continued\s+to\s+)?(?:{v}|say|tweet|write|was\s+quoted\s+as\s+saying)\b)",
        v = verbs()
    ))
    .expect("valid regex")
});

/// A source the article does not name, before the verb after a quote ("…,” a senior American
/// official said", "…,” a diplomat from Cairo said", "…,” one young female shopper said"): "a",
/// "an" or "one" and up to five words. The description is the speaker: it is how the article
/// attributes the words.
const UNNAMED: &str = r"(?:[Aa]n?|[Oo]ne)\s+(?:[\p{L}\-'’]+\s+){0,4}?[\p{L}\-'’]+";

/// Unnamed sources in the plural, as news attributes to them: "officials", "witnesses",
/// "police" (see [`UNNAMED_PLURAL`]).
macro_rules! plural_sources {
    () => {
        r"officials|diplomats|witnesses|residents|police|analysts|sources|experts|investigators|protesters|rescuers|doctors|authorities|aides|lawmakers|legislators|ministers|villagers|survivors|activists|organi[sz]ers|prosecutors|officers|soldiers|workers|scientists|economists|researchers|spokes(?:men|women|people)|lawyers|relatives|neighbou?rs|traders|dealers|investors|observers|negotiators|mediators|delegates|rebels|militants|campaigners|firefighters|paramedics|medics|regulators|executives|bankers|engineers|staff"
    };
}

/// `…,” Israeli officials said`, `…,” said two senior diplomats`: up to three words (a number,
/// who they are, whom they serve; a stop only inside an abbreviation such as "U.S.", so that
/// "he said. Congressional officials" is no description) and a plural source noun. Kept as
/// written, like [`UNNAMED`]: "officials" is all the article says of who spoke, and a reader
/// checking the quote needs it. Tried after the pronouns: in "…,” he said. Officials say …" he
/// speaks.
const UNNAMED_PLURAL: &str = concat!(
    r"(?:(?:\p{Lu}\.){2,}\s+|[\p{L}\p{M}0-9'’\-]+\s+){0,3}?(?:",
    plural_sources!(),
    r")\b"
);

/// `…,” said a senior Republican senator on Capitol Hill`, `…,” said a spokesperson for British
/// Prime Minister Tony Blair`: an unnamed source after the verb, as [`UNNAMED`] before it, up to
/// eight words, ending where the attribution does (a stop or comma, the text's end, or a word
/// such as "on", "in", "of", "who"). Tried after the forms that find a name in it ("said a
/// tearful Deborah Hickey" is Deborah Hickey's).
static AFTER_UNNAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?:{v})\s+(?P<n>(?:an?|one)\s+(?:[\p{{L}}\-'’.]+\s+){{0,6}}?[\p{{L}}\-'’]+)(?:[,;]|\.(?:\s|$)|\s+(?:of|from|at|with|who|in|on|during|after|before|when|while|by)\b|\s*$)",
        v = verbs()
    ))
    .expect("valid regex")
});

/// `…,” said one local resident, Omen Cola, to AFP`: who the speaker is, then the name set off
/// by commas (or ending the sentence). Kept only for a person's name: in "said the ministry of
/// Peru, Lima" no one is named.
static AFTER_APPOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?:{v})\s+(?:an?|one|the)\s+[^,.;:\x22“”`]+,\s+(?P<n>{NAME})(?:[,.;]|\s*$)",
        v = verbs()
    ))
    .expect("valid regex")
});

/// `…,” said a tearful Deborah Hickey`: "a" or "an" and one or two words describing the person
/// before the name. Tried after [`AFTER`], and kept only when the words describe
/// ([`describes`]: not "a spokesperson for Tony Blair", whose speaker is the spokesperson) and
/// the name is a person's ([`is_person`]: not "said a senior official Monday").
const DESCRIBED_PERSON: &str = r"an?\s+(?P<desc>(?:[a-z][\p{L}\-]*\s+){1,2})";

static AFTER_DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?:{v})\s+{DESCRIBED_PERSON}(?P<n>{NAME})(?:[,.;]|\s+(?:of|from|at|with|who)\b|\s*$)",
        v = verbs()
    ))
    .expect("valid regex")
});

/// Whether the words between "a" and a name describe the person ("tearful", "grim-faced",
/// "visibly shaken") rather than lead to someone else ("spokesperson for", "friend of").
fn describes(words: &str) -> bool {
    const LINKS: [&str; 10] = [
        "for", "of", "to", "from", "with", "at", "in", "on", "by", "and",
    ];
    words.split_whitespace().all(|w| !LINKS.contains(&w))
}

/// The person of an [`AFTER_DESCRIBED`] match: the name up to a sentence's full stop, when
/// the words before it describe and it is a person's.
fn described_person<'t>(c: &regex::Captures<'t>, name: &str) -> Option<&'t str> {
    let desc = c.name("desc")?;
    let n = c.name(name)?;
    let n = until_stop(n.as_str());
    (describes(desc.as_str()) && is_person(n)).then_some(n)
}

/// `…,” Nordlys Space chief executive Ida Kjaer said`: who the speaker works for, a capitalized
/// name or "the company's", before a [`ROLE`]. Tried after [`AFTER`], and kept only when the
/// employer does not start a new sentence ([`employer_starts_sentence`]): "… necessary.” The
/// engineer Tomas Reyes told reporters" is another sentence, not an attribution.
static AFTER_EMPLOYER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?P<emp>(?:[A-Z][\p{{L}}\p{{M}}'’.\-]*\s+){{1,4}}|the\s+[\p{{L}}\-]+['’]s\s+){ROLE}(?P<n>{NAME})\s+(?:has\s+|had\s+|also\s+|later\s+)?(?:{v})\b",
        v = verbs()
    ))
    .expect("valid regex")
});

/// Whether the employer [`AFTER_EMPLOYER`] found is the start of another sentence: it opens
/// with a word that is not part of a name ("The", "In", a weekday).
fn employer_starts_sentence(employer: &str) -> bool {
    let first = employer.split_whitespace().next().unwrap_or("");
    not_name(first.trim_end_matches('.'))
}

/// Who a name's person is, between the name and the verb ("Sergio Barrientos, director of the
/// seismological service, said"; "Jackie Pash, stressed"; "Charlotte Streck, the director of
/// Climate Focus, a Rotterdam-based consultancy, said"): up to two parts, each a comma and words
/// without a sentence's or a quote's marks, and an optional comma. Of two parts the first starts
/// in lower case or with a digit: in "the town of Catano, Petra Gonzalez, 78, said" the name is
/// Petra Gonzalez, not Catano. (No length bound: a bounded repetition made the lazy DFA rebuild
/// its states, a fifth of `compare`'s instructions, and the marks bound a part anyway.)
const APPOSITION: &str =
    r"(?:,\s+[^,.;:\x22“”`]+|,\s+[\p{Ll}0-9][^,.;:\x22“”`]*,\s+[^,.;:\x22“”`]+)?,?";

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}|[Hh]e|[Ss]he)(?P<office>['’]s\s+office)?\s+(?:has\s+|had\s+|also\s+|then\s+)?(?:{v}|was\s+quoted\s+as\s+saying)\b[^“”\x22]*$",
        v = verbs()
    ))
    .expect("valid regex")
});

/// `…,” da Silva, a former salesman, said`: a name, who they are, then the verb. Tried after
/// [`AFTER`] (whose name must touch the verb) and kept only for a person ([`is_person`], the
/// name completed from the article): "…,” Lima, Peru, said" names no one.
static AFTER_APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?P<n>{NAME}){APPOSED_PERSON}\s+(?:has\s+|had\s+|also\s+|later\s+)?(?P<verb>{v})\b",
        v = verbs()
    ))
    .expect("valid regex")
});

/// `Saeid Kazami, 41, said he had voted for them because they “…”`: [`AFTER_APPOSITION`]'s
/// shape before the quote, in its sentence; kept only for a person.
static BEFORE_APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}){APPOSED_PERSON}\s+(?:has\s+|had\s+|also\s+|then\s+)?(?P<verb>{v})\b[^“”\x22]*$",
        v = verbs()
    ))
    .expect("valid regex")
});

/// `the prime minister replied, “…”`, `one diplomat said, “…”`: a speaker named by description,
/// with the verb right before the quote (as [`AFTER`] reads "…,” the minister said"). Not after
/// "of": in "a member of the delegation said" the delegation is not who speaks; the member is.
static BEFORE_DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|\s)(?P<n>(?:[Tt]he|[Aa]n?|[Oo]ne)(?:\s+[\p{{L}}\p{{M}}'’\-]+){{1,4}}?)\s+(?:has\s+|had\s+|also\s+|then\s+)?(?:{v})[\s,:]*$",
        v = verbs()
    ))
    .expect("valid regex")
});

/// `Israeli officials told reporters, “…”`, `Officials in Jerusalem said “…”`, `Two witnesses
/// said they “…”`: unnamed sources in the plural ([`UNNAMED_PLURAL`], the noun capitalized too,
/// where it opens the sentence, and where they are) opening the clause of a speech verb before
/// the quote, in the same sentence. Tried after the named and described forms.
static BEFORE_PLURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^\s*|[,;:]\s+)(?P<n>(?:(?:\p{{Lu}}\.){{2,}}\s+|[\p{{L}}\p{{M}}0-9'’\-]+\s+){{0,3}}?(?i:{p})\b(?:\s+(?:in|at|from)\s+{NAME})?)\s+(?:have\s+|had\s+|also\s+)?(?:{v})\b[^“”\x22]*$",
        p = plural_sources!(),
        v = verbs()
    ))
    .expect("valid regex")
});

/// `An ANC spokesman, Thabo Masebe, said he believed … “…”`: a name set off by commas before the
/// verb, in the same sentence as the quote. Tried after [`BEFORE`], whose name must touch the
/// verb, and kept only for a person's name ([`is_person`]): "in Porto, Portugal, said" is a
/// place, which a name between commas often is.
static BEFORE_APPOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r",\s+(?P<n>{NAME}),\s+(?:has\s+|had\s+|also\s+|then\s+)?(?:{v})\b[^“”\x22]*$",
        v = verbs()
    ))
    .expect("valid regex")
});

/// A name followed by a speech verb anywhere in the text ("President Rene Preval told the Miami
/// Herald …"), or following one ("said Goldstein of the industry group"): who "he" or "she" in
/// a later attribution most likely is. A name after the verb speaks only when the attribution
/// ends with it: in "She said Slepian should not be portrayed …" Slepian is whom she spoke of.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}){APPOSITION}\s+(?:has\s+|had\s+|also\s+|then\s+)?(?:{v}|was\s+quoted\s+as\s+saying)\b|\b(?:{inverted})\s+(?:(?:{ROLE})?(?P<m>{NAME})(?:[,.;:]|\s+(?:of|from|at|with|who|in|on|to|after|before|when|while|as|by|during|a|an|the)\b|\s*$)|{DESCRIBED_PERSON}(?P<d>{NAME}))",
        v = verbs(),
        inverted = INVERTED_VERBS.join("|")
    ))
    .expect("valid regex")
});

/// Speech verbs that may come before their speaker ("said Koren"). The others take an object
/// there: in "he told El Rancahuaso" the newspaper is who listened.
const INVERTED_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "explained",
    "noted",
    "wrote",
    "stated",
    "declared",
    "recalled",
    "recounted",
    "replied",
    "responded",
    "answered",
    "countered",
    "insisted",
    "admitted",
    "conceded",
    "remarked",
    "commented",
    "retorted",
    "shouted",
    "joked",
];

/// The last person named as saying something in `text[from..upto]` (a paragraph or two before
/// a quote), with the byte offset after the name; titles dropped, a surname given in full from
/// the article, and never a pronoun, a body or a place.
fn last_subject(
    text: &str,
    from: usize,
    upto: usize,
    names: &FullNames<'_>,
    fits: &dyn Fn(&str) -> bool,
) -> Option<(String, usize)> {
    let window = &text[from..upto];
    // Matches found by the fast search, read with their groups from the last one back until
    // one names a person: captures cost more.
    let found: Vec<regex::Match<'_>> = SUBJECT.find_iter(window).collect();
    found.iter().rev().find_map(|m| {
        // A match that names no person may hide one: in "the ambassador to the United States,
        // Raymond Joseph, told" the match starts at the place, with the person as its apposition.
        // The search goes on after the rejected name, within the match.
        let mut at = m.start();
        while at < m.end() {
            let c = SUBJECT.captures_at(window, at)?;
            let (n, raw) = match (c.name("n"), c.name("m"), c.name("d")) {
                (Some(n), _, _) => (n, n.as_str()),
                // After the verb the name ends at a full stop ("said Yasser Arafat. Fadda…").
                (None, Some(m), _) => (m, until_stop(m.as_str())),
                // "said a tearful Deborah Hickey"; a match that is no such person ("said a
                // spokesperson for Tony Blair") is passed over.
                (None, None, Some(d)) => match described_person(&c, "d") {
                    Some(raw) => (d, raw),
                    None => {
                        at = d.end();
                        continue;
                    }
                },
                (None, None, None) => return None,
            };
            if let Some(name) = clean_name(raw).map(|n| names.of(&n))
                && (is_person(&name) || courtesy_surname(raw, &name))
                && fits(&name)
            {
                // Where the name ends as read: "said Mike Kelly. Whether …" matched up to
                // "Whether", but the name, and so the offset, ends at "Kelly".
                return Some((name, from + n.start() + raw.len()));
            }
            at = n.end();
        }
        None
    })
}

/// The person a sentence opens with as its subject (a name, maybe an apposition, then a word in
/// lower case: "Betty Hodlen sees", "Fadda Jabr, a former negotiator, brushed"), with the byte
/// offset after the name.
fn sentence_subject(
    sentence: &str,
    names: &FullNames<'_>,
    fits: &dyn Fn(&str) -> bool,
) -> Option<(String, usize)> {
    // A note to editors in front ("(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS) Rep. Nita
    // Lowey, …, was upset"), left by the sentence split at its stop, is no part of it.
    static NOTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\(?[A-Z][A-Z .,_\-]*\)\s+").expect("valid regex"));
    let (sentence, offset) = match NOTE.find(sentence) {
        Some(m) => (&sentence[m.end()..], m.end()),
        None => (sentence, 0),
    };
    let found = subject_of(sentence, names, fits)?;
    Some((found.0, found.1 + offset))
}

/// [`sentence_subject`] of a sentence without a note to editors in front.
fn subject_of(
    sentence: &str,
    names: &FullNames<'_>,
    fits: &dyn Fn(&str) -> bool,
) -> Option<(String, usize)> {
    // (An apposition may also stand between dashes, wire style's " _ " among them:
    // "Berezovsky _ who has played an open role … _ has routinely denied".)
    static OPENS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?P<n>{NAME})(?:{APPOSITION}|\s+(?:_|--|—|–)\s+[^_—–\x22“”`]+?\s+(?:_|--|—|–))\s+\p{{Ll}}"
        ))
        .expect("valid regex")
    });
    // A sentence that opens with a subordinate clause has its subject after it ("While
    // Gregory Clark, president of Loral, said they expected no impact, Kelly is more
    // pessimistic"): the last name after a comma that a word in lower case follows.
    static MAIN_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r",\s+(?P<n>{NAME})\s+\p{{Ll}}")).expect("valid regex")
    });
    let person = |n: &str| {
        let name = names.of(&clean_name(n)?);
        ((is_person(&name) || courtesy_surname(n, &name)) && fits(&name)).then_some(name)
    };
    let opener = sentence.split_whitespace().next().unwrap_or("");
    if SUBORDINATORS.contains(&opener) {
        let n = MAIN_CLAUSE.captures_iter(sentence).last()?.name("n")?;
        return Some((person(n.as_str())?, n.end()));
    }
    // A party and state after a lawmaker's name ("Rep. David Obey, D-Wis., who is involved …,
    // said") is no part of an apposition; the name comes before it, so offsets hold.
    static PARTY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r",\s+[RDI]-[A-Z][A-Za-z]*\.(?:[A-Z]\.)?,").expect("valid regex")
    });
    let sentence = PARTY.replace_all(sentence, ",");
    if let Some(n) = OPENS.captures(&sentence).and_then(|c| c.name("n"))
        && let Some(name) = person(n.as_str())
    {
        return Some((name, n.end()));
    }
    // An opening phrase without names before the subject ("But in an interview last month,
    // Estrada seemed more intent on praising Tan").
    let (intro, rest) = sentence.split_once(", ")?;
    let words = intro.split_whitespace().count();
    // (A day or a month may be in it: "As he did in the Friday debate, Spitzer provided …".)
    let named = |w: &str| w.starts_with(char::is_uppercase) && !not_name(w);
    if words > 8 || intro.split_whitespace().skip(1).any(named) {
        return None;
    }
    let n = OPENS.captures(rest)?.name("n")?;
    Some((person(n.as_str())?, intro.len() + 2 + n.end()))
}

/// The latest of the last few sentences of `text[within]` that opens with a person as its
/// subject ([`sentence_subject`]), with the byte offset after the name. A sentence that opens
/// with a pronoun or a quotation is passed over: it goes on about someone named before it; one
/// that names a person elsewhere ends the search with the first person it names
/// ([`first_person_named`]), as where it starts. A sentence inside a quotation (`quoted`) is
/// someone's words: "``I tell ... Netanyahu that …''" is not about Netanyahu.
fn paragraph_subject(
    text: &str,
    within: std::ops::Range<usize>,
    quoted: &dyn Fn(usize) -> bool,
    names: &FullNames<'_>,
    fits: &dyn Fn(&str) -> bool,
) -> Option<(String, usize)> {
    // Four sentences: far enough for a pronoun or two between the name and the quote, near
    // enough that the paragraph has not moved on to someone else unnamed.
    let mut end = within.end;
    for _ in 0..4 {
        if end <= within.start + 1 {
            return None;
        }
        let start = sentence_before(text, end).start.max(within.start);
        if !quoted(start) {
            let sentence = &text[start..end];
            if let Some((name, at)) = sentence_subject(sentence, names, fits) {
                return Some((name, start + at));
            }
            // A person named later in the sentence is nearer than any subject before it ("…
            // and that was Gladys Marin of the Communist Party. “…,” she told"; "… people like
            // Karen Jones, 25, who … screamed, ``Be strong!'' and ``Save the baby!'' ``…,''
            // she said"): the walk stops there, with that person. Not in a sentence whose
            // subject is a pronoun: "He told El Rancahuaso …" goes on about whom "he" is.
            let pronoun = matches!(sentence.split_whitespace().next(), Some("He" | "She"));
            if !pronoun && let Some(named) = first_person_named(sentence, names, fits) {
                return Some((named, start));
            }
        }
        end = start;
    }
    None
}

/// A sentence that opens with someone described, not named, as its subject: "The pope seemed …",
/// "An analyst for USGS in Colorado commented …" (a [`ROLE`]'s noun or a few more, then maybe
/// whom they serve, then a word in lower case).
static DESCRIBED_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?P<d>(?:The|An?)\s+(?:[a-z][\p{L}\-]*\s+){0,3}?(?P<noun>",
        role_nouns!(),
        r"|pope|king|queen|judge|sheriff|bishop|cardinal|priest|general|colonel|pilot|doctor)(?:\s+(?:for|of|at|in)\s+(?:the\s+)?[A-Z][\p{L}\p{M}'’.\-]*(?:\s+[A-Z][\p{L}\p{M}'’.\-]*){0,3}){0,2})\s+\p{Ll}",
    ))
    .expect("valid regex")
});

/// A person the article names by one name only, with the pronoun that gives their gender
/// ("who identified herself only as Susan", "who gave only her first name, Arezou,", "who gave
/// his name only as Sami").
static ONE_NAME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:identified\s+(?P<g>her|him)self\s+only\s+as|gave\s+(?:only\s+)?(?P<g2>her|his)\s+first\s+name,?|gave\s+(?P<g3>her|his)\s+(?:first\s+)?name\s+only\s+as)\s+(?P<n>\p{Lu}\p{Ll}+)\b",
    )
    .expect("valid regex")
});

/// The last person `window` names by one name only ([`ONE_NAME_ONLY`]) with the pronoun of
/// `want`'s gender, and the byte offset after the name.
fn named_by_one_name(window: &str, want: Gender) -> Option<(String, usize)> {
    let c = ONE_NAME_ONLY
        .captures_iter(window)
        .filter(|c| {
            let female = ["g", "g2", "g3"]
                .iter()
                .filter_map(|g| c.name(g))
                .any(|g| g.as_str() == "her");
            (want == Gender::Female) == female
        })
        .last()?;
    let n = c.name("n")?;
    Some((n.as_str().to_string(), n.end()))
}

/// Who `sentence` (of `text`) opens with by description ([`DESCRIBED_SUBJECT`]), and the byte
/// offset in it after the description: the person the article titles with the description's
/// noun, when it does ("the pope" of "Pope John Paul II", named as the article's other
/// attributions name him, without the ordinal: "John Paul"), else the description as written.
fn described_subject(
    text: &str,
    sentence: &str,
    names: &FullNames<'_>,
    fits: &dyn Fn(&str) -> bool,
) -> Option<(String, usize)> {
    let c = DESCRIBED_SUBJECT.captures(sentence)?;
    let d = c.name("d")?;
    let mut letters = c.name("noun")?.as_str().chars();
    let title: String = letters
        .next()
        .map(|f| f.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    // Built per description found: rare, and the title varies.
    let titled = Regex::new(&format!(r"\b{}\s+(?P<n>{NAME})", regex::escape(&title)))
        .ok()
        .and_then(|r| {
            r.captures_iter(text)
                .filter_map(|c| {
                    let n = c.name("n")?.as_str();
                    let n = ["I", "II", "III", "IV"]
                        .iter()
                        .find_map(|o| n.strip_suffix(&format!(" {o}")))
                        .unwrap_or(n);
                    clean_name(n)
                })
                .map(|n| names.of(&n))
                .find(|n| is_person(n) && fits(n))
        });
    Some((titled.unwrap_or_else(|| lower_first(d.as_str())), d.end()))
}

/// Words that open a sentence with a subordinate clause, the subject coming after it.
const SUBORDINATORS: &[&str] = &[
    "While", "Although", "Though", "Whereas", "Because", "Since", "Unlike", "If",
];

/// The first person `sentence` names outside its quotations, completed from the article, who
/// fits: the one the sentence is about ("Communist lawmaker Yuri Nikiforenko initiated the move
/// seeking asylum for Ocalan"). Not a name in a quotation (someone else's words) or a
/// possessive ("Maloney's Republican").
fn first_person_named(
    sentence: &str,
    names: &FullNames<'_>,
    fits: &dyn Fn(&str) -> bool,
) -> Option<String> {
    static RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(NAME).expect("valid regex"));
    let mut outside = sentence.to_string();
    for (s, e) in quoted_spans(sentence) {
        outside.replace_range(s..e, &" ".repeat(e - s));
    }
    let possessive =
        |n: &str| n.contains("'s ") || n.contains("’s ") || n.ends_with("'s") || n.ends_with("’s");
    // A run in capitals is a heading or a note to editors ("OPTIONAL MATERIAL FOLLOWS").
    let capitals = |n: &str| !n.chars().any(char::is_lowercase);
    RUN.find_iter(&outside)
        .flat_map(|m| sentence_parts(m.as_str()))
        .filter(|n| !possessive(n) && !capitals(n))
        .filter_map(clean_name)
        .map(|n| names.of(&n))
        .find(|n| is_person(n) && !possessive(n) && fits(n))
}

/// A name read after a speech verb, up to a full stop that ends a sentence: "Yasser Arafat" of
/// "Yasser Arafat. Fadda Jabr" ([`stop_ends_name`]: not "Lewis D.").
fn until_stop(name: &str) -> &str {
    let end = name
        .match_indices('.')
        .map(|(i, _)| i)
        .filter(|&i| name[i + 1..].starts_with(char::is_whitespace))
        .find(|&i| {
            name[..i]
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(stop_ends_name)
        })
        .unwrap_or(name.len());
    &name[..end]
}

/// Whether a full stop after `word`, inside a run of capitalized words, ends a sentence: after a
/// word of four letters or more, a company's suffix ("Securities Ltd. Cathay said") or an
/// acronym ("debt-ridden PAL. Cathay"); not after an initial or a short title ("Lewis D.
/// Schiliro", "Gen. Perry").
fn stop_ends_name(word: &str) -> bool {
    word.chars().count() >= 4
        || matches!(word, "Ltd" | "Inc" | "Corp")
        || (word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()))
}

/// A run of capitalized words cut where a full stop ends a sentence, by [`until_stop`]'s rule:
/// "Marilynn Buckham. In" is "Marilynn Buckham" and "In"; "Lewis D. Smith" stays whole.
fn sentence_parts(run: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(run);
    std::iter::from_fn(move || {
        let r = rest?;
        let part = until_stop(r);
        rest = r
            .get(part.len() + 1..)
            .map(str::trim_start)
            .filter(|r| !r.is_empty());
        Some(part)
    })
}

/// A family name alone after a courtesy title ("Mr. Ban", "Ms North"), which the article gives
/// no fuller: a person all the same.
fn courtesy_surname(raw: &str, name: &str) -> bool {
    let title = raw.split_whitespace().next().unwrap_or("");
    matches!(
        title.trim_end_matches('.'),
        "Mr" | "Mrs" | "Ms" | "Miss" | "Dr"
    ) && !name.contains(' ')
        && name.starts_with(char::is_uppercase)
        && !not_name(name)
}

/// A given name and a surname: not a body ("the State Department said") or a place.
fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    // A run across a full stop ("told AFP.\n\nEarlier this week") is no name.
    let across_stop = words[..words.len() - 1]
        .iter()
        .any(|w| w.ends_with('.') && w.chars().count() > 2 && !TITLES.contains(&&w[..w.len() - 1]));
    // After a given name, a place's name is a family name ("Ricardo Lagos", "Jack London").
    let given = given_names::female(words[0]).is_some();
    // A Spanish article opens places' and papers' names ("Las Terrazas", "El Rancahuaso"), not
    // people's (a family name's particle is written in lower case: "Wadih el Hage").
    !across_stop
        && words.len() >= 2
        && !matches!(words[0], "El" | "La" | "Las" | "Los")
        && !PLACE_FIRST.contains(&words[0])
        && !PLACES.contains(&name)
        && words.iter().enumerate().all(|(i, w)| {
            w.chars().count() > 1
                && (w.starts_with(char::is_uppercase) || i + 1 < words.len() && lower_particle(w))
                && !not_name(w)
                && !ORG_WORDS.contains(w)
                && !PLACE_WORDS.contains(w)
                && (given && i > 0 || !PLACES.contains(w))
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// What the article says of a person's gender, where it says it plainly: a courtesy title before
/// the family name ("Ms. Kinzo", "Mr. Yilmaz"), "Jr." after the name, a role written next to it
/// ("Eva Schuebel, spokeswoman for", "spokesman Hans Klaus"), or the name then a speech verb and a
/// pronoun ("Yongo, 32, said her", "Verth said he"). None when it says nothing, or both. Read
/// once per article and name: he/she quotes ask about the same few people again and again.
struct Genders<'t> {
    text: &'t str,
    /// Family names written after a courtesy title: (after a man's, after a woman's).
    titled: std::cell::OnceCell<HashMap<&'t str, (bool, bool)>>,
    known: std::cell::RefCell<HashMap<String, Option<Gender>>>,
}

impl<'t> Genders<'t> {
    fn new(text: &'t str) -> Self {
        Genders {
            text,
            titled: std::cell::OnceCell::new(),
            known: std::cell::RefCell::new(HashMap::new()),
        }
    }

    fn of(&self, name: &str) -> Option<Gender> {
        if let Some(g) = self.known.borrow().get(name) {
            return *g;
        }
        let g = self.read(name);
        self.known.borrow_mut().insert(name.to_string(), g);
        g
    }

    fn read(&self, name: &str) -> Option<Gender> {
        let text = self.text;
        let titled = self.titled.get_or_init(|| {
            let mut out: HashMap<&str, (bool, bool)> = HashMap::new();
            for (title, male) in [
                ("Mr. ", true),
                ("Mr ", true),
                ("Mrs. ", false),
                ("Mrs ", false),
                ("Ms. ", false),
                ("Ms ", false),
                ("Miss ", false),
            ] {
                for (i, _) in text.match_indices(title) {
                    let rest = &text[i + title.len()..];
                    let end = rest
                        .find(|c: char| !c.is_alphanumeric() && c != '-')
                        .unwrap_or(rest.len());
                    let e = out.entry(&rest[..end]).or_default();
                    if male {
                        e.0 = true;
                    } else {
                        e.1 = true;
                    }
                }
            }
            out
        });
        let family = name.rsplit(' ').next().unwrap_or(name);
        let (mut male, mut female) = titled.get(family).copied().unwrap_or_default();
        male |= name.ends_with(" Jr") || name.ends_with(" Jr.");
        for (i, _) in text.match_indices(name) {
            let after = &text[i + name.len()..];
            if after.starts_with(char::is_alphanumeric) {
                continue;
            }
            // A role just before the name, or just after it with a comma.
            let word_before = text[..i]
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            let word_after = after
                .trim_start_matches([',', ' '])
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            for g in [role_gender(word_before), role_gender(word_after)]
                .into_iter()
                .flatten()
            {
                male |= g == Gender::Male;
                female |= g == Gender::Female;
            }
            // "Yongo, 32, said her", "Verth said he": an appositive, a speech verb, a pronoun.
            if after.starts_with([',', ' '])
                && let Some(c) = SAID_PRONOUN.captures(after)
            {
                match c.name("p").map(|m| m.as_str()) {
                    Some("he" | "his" | "him") => male = true,
                    Some("she" | "her") => female = true,
                    _ => {}
                }
            }
        }
        match (male, female) {
            (true, false) => Some(Gender::Male),
            (false, true) => Some(Gender::Female),
            (true, true) => None,
            // Nothing in the article: the given name, if it is one of a single gender.
            (false, false) => name
                .split_once(' ')
                .and_then(|(given, _)| given_names::female(given))
                .map(|f| if f { Gender::Female } else { Gender::Male }),
        }
    }
}

/// The gender a role written next to a name gives ("spokeswoman", "Congressman").
fn role_gender(word: &str) -> Option<Gender> {
    let w = word.to_ascii_lowercase();
    let (prefix, g) = if let Some(p) = w.strip_suffix("woman") {
        (p, Gender::Female)
    } else {
        (w.strip_suffix("man")?, Gender::Male)
    };
    [
        "spokes",
        "chair",
        "congress",
        "business",
        "council",
        "police",
        "anchor",
        "sports",
        "assembly",
        "committee",
        "alder",
        "news",
    ]
    .contains(&prefix)
    .then_some(g)
}

static SAID_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^{APPOSITION}\s+(?:{v})\s+(?:that\s+)?(?P<p>he|his|him|she|her)\b",
        v = verbs()
    ))
    .expect("valid regex")
});

static CONTINUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:adding|added|continuing|went on to say)(?:\s+that)?\s*[,:]?\s*$")
        .expect("valid regex")
});

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"according to (?:the\s+)?(?P<n>{NAME})")).expect("valid regex")
});

fn clean_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    // A full stop after a word of four letters or more ends a sentence ([`stop_ends_name`]):
    // "… Dorr. He said" names "He", not "Dorr. He". Initials and short titles ("J.", "Gen.")
    // do not.
    if let Some(k) = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|w| w.strip_suffix('.').is_some_and(stop_ends_name))
    {
        words.drain(..=k);
    }
    // "The Australian has reported": a people's word after "The" is a publication's name
    // (no one is called "Australian").
    if let [the, people] = words[..]
        && the == "The"
        && DEMONYM_PLACES.contains_key(people)
    {
        return Some(format!("{the} {people}"));
    }
    let listed = |w: &str, list: &[&str]| list.contains(&w.trim_end_matches('.'));
    let mut titled = false;
    while words.len() > 1 && (not_name(words[0].trim_end_matches('.')) || listed(words[0], TITLES))
    {
        titled |= listed(words[0], TITLES);
        words.remove(0);
        // The place or body of a title goes with it ("Mayor of Pichilemu Roberto Córdova").
        if words.len() > 2 && words[0] == "of" {
            words.drain(..2);
        }
    }
    // A longer capitalized run has a title, a place or a people before the name ("Turkish
    // Defense Minister Ismet Sezgin", "Moscow Gary Koren"): they go, and a name of three words
    // stays whole ("Mohammad Reza Bahonar"). Longer than that, keep the last two words. A
    // body's name stays whole ("Beijing Organizing Committee", "New York Stock Exchange").
    if words[0] != "the"
        && words.len() > 2
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
    {
        if let Some(t) = words[..words.len() - 1]
            .iter()
            .rposition(|w| TITLES.contains(&w.trim_end_matches('.')))
        {
            words.drain(..=t);
        }
        let dropped = |w: &str| {
            PLACES.contains(&w)
                || DEMONYM_PLACES.contains_key(w)
                || w.strip_suffix('s').is_some_and(|one| DEMONYM_PLACES.contains_key(one))
                || ORG_WORDS.contains(&w)
                || w.ends_with("'s")
                || w.ends_with("’s")
                // The end of a quote or a sentence before it ("Evil.'' Ginn Fourie").
                || w.ends_with("''")
                || w.ends_with('.') && w.chars().count() > 2
        };
        let body = words.last().is_some_and(|w| ORG_WORDS.contains(w));
        while !body && words.len() > 2 && dropped(words[0]) {
            words.remove(0);
        }
        if !body && words.len() > 3 {
            // With a middle initial ("Michael A. Cusumano") or a suffix ("Bill Pascrell Jr.").
            let initial = |w: &str| w.len() == 2 && w.ends_with('.');
            let suffix =
                |w: &str| matches!(w.trim_end_matches([',', '.']), "Jr" | "Sr" | "II" | "III");
            let keep = if initial(words[words.len() - 2]) || suffix(words[words.len() - 1]) {
                3
            } else {
                2
            };
            words.drain(..words.len() - keep);
        }
    }
    // "Kerstin Einarsson of Sahlgrenska Hospital": the speaker, then where they work. One word
    // before "of" is the name of a body or a title ("University of Chicago"), and so is a run
    // ending with a body's word ("Russian Embassy of Israel").
    // So is a surname alone before it ("Baker of Rutgers"), unless it is a body's, a place's or
    // a title's word ("Bank of America", "Gulf of Mexico", "Secretary of State").
    if let Some(k) = words.iter().position(|w| *w == "of")
        && k >= 1
        && words[..k].iter().all(|w| w.starts_with(char::is_uppercase))
        && !ORG_WORDS.contains(&words[k - 1])
        && !PLACE_WORDS.contains(&words[k - 1])
        && (k >= 2 || !TITLES.contains(&words[0]) && !PLACES.contains(&words[0]))
    {
        words.truncate(k);
    }
    // Connectors with no name after them ("said Goldstein of the industry group").
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_lowercase))
    {
        words.pop();
    }
    // A title's body and no name after it ("Director of University of Chile Seismologic
    // Service" leaves "of Chile …"): no speaker.
    if words.first() == Some(&"of") {
        return None;
    }
    // A word written twice is an editing slip ("said a grim-faced Arafat Arafat"): the surname,
    // which the article's full name then completes.
    if let [a, b] = words[..]
        && a.trim_end_matches(['.', ',']) == b.trim_end_matches(['.', ','])
    {
        words.truncate(1);
    }
    // A word that is no name is no speaker ("Each said", "We said"), unless a title says it is
    // one ("Ms. He", a family name).
    if let [word] = words[..]
        && !titled
        && not_name(word.trim_end_matches('.'))
    {
        return None;
    }
    let name = words.join(" ");
    let name = name.trim_end_matches(['.', ',', '’', '\'']).to_string();
    (!name.is_empty()).then_some(name)
}

fn is_pronoun(s: &str) -> bool {
    matches!(s, "he" | "He" | "she" | "She" | "they" | "They")
}

/// Quoted spans: (byte start of the text inside, byte end).
pub(crate) fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let p = &text[para.0..para.1];
        let mut open: Option<(usize, char)> = None;
        let mut iter = p.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let two = p[i..].starts_with("``") || p[i..].starts_with("''");
            match (open, c) {
                (None, '“') => open = Some((i + c.len_utf8(), '”')),
                (None, '"') => open = Some((i + 1, '"')),
                (None, '`') if two => {
                    iter.next();
                    open = Some((i + 2, '\''));
                }
                (Some((s, '”')), '”') | (Some((s, '"')), '"') => {
                    out.push((para.0 + s, para.0 + i));
                    open = None;
                }
                (Some((s, '\'')), '\'') if two => {
                    iter.next();
                    out.push((para.0 + s, para.0 + i));
                    open = None;
                }
                _ => {}
            }
        }
    }
    out.retain(|&(s, e)| text[s..e].split_whitespace().count() >= 2);
    out
}

fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        if i > start {
            out.push((start, i));
        }
        start = i + 1;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The start of the paragraph (line) before the one holding byte `at`, but no more than about
/// 400 bytes back: text without line breaks is one long paragraph.
fn paragraph_before(text: &str, at: usize) -> usize {
    let here = text[..at].rfind('\n').unwrap_or(0);
    let before = text[..here].trim_end_matches('\n');
    let mut start = before
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(at.saturating_sub(400));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

/// The sentence-ish window around a byte position: back to the previous sentence end (or
/// paragraph start), forward to the next sentence end outside quotes.
fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let stop = before
        .rmatch_indices(". ")
        .find(|&(i, _)| stop_ends_sentence(&before[..i]))
        .map_or(0, |(i, _)| i + 2);
    // A quotation that ends its sentence: "…better.'' Fitzgerald said …" starts another.
    const QUOTE_ENDS: [&str; 9] = [
        ".'' ",
        "?'' ",
        "!'' ",
        ".\" ",
        "?\" ",
        "!\" ",
        ".\u{201D} ",
        "?\u{201D} ",
        "!\u{201D} ",
    ];
    let quoted = QUOTE_ENDS
        .iter()
        .filter_map(|end| before.rfind(end).map(|i| i + end.len()))
        .max()
        .unwrap_or(0);
    before
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(stop)
        .max(quoted)
}

/// The sentence that ends where the one starting at byte `end` begins: back over the stop and
/// space (or line break) between them, to a character boundary (a multi-byte letter may end the
/// line before: "… café\n``…''").
fn sentence_before(text: &str, end: usize) -> std::ops::Range<usize> {
    let mut back = end.saturating_sub(2);
    while !text.is_char_boundary(back) {
        back -= 1;
    }
    sentence_start(text, back)..end
}

/// Whether a speaker found is a description rather than a name: it opens with "the", "a", "an"
/// or "one" in lower case, as [`DESCRIBED`], [`UNNAMED`] and [`BEFORE_DESCRIBED`] give it, or
/// ends with a plural source, as [`UNNAMED_PLURAL`] gives it.
fn described(speaker: &str) -> bool {
    static PLURAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(r"(?:^|\s)(?:", plural_sources!(), r")$")).expect("valid regex")
    });
    matches!(
        speaker.split_once(' ').map(|(first, _)| first),
        Some("the" | "a" | "an" | "one")
    ) || PLURAL.is_match(speaker)
}

/// Whether a description opens with "the" ("The prime minister", "the ministry").
fn definite(description: &str) -> bool {
    description
        .split_once(' ')
        .is_some_and(|(first, _)| first.eq_ignore_ascii_case("the"))
}

/// Whether the text before a name ends in a preposition of place: "prosecutors in Manhattan
/// said" is said by the prosecutors, not by Manhattan.
fn after_locative(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    matches!(word, "in" | "at" | "from" | "near" | "outside" | "inside")
}

/// A description as a speaker, its sentence's capital lowered ("The prime minister" → "the
/// prime minister", "Émirati officials" → "émirati officials" as written mid-sentence). By char,
/// not by byte: a first letter outside ASCII is more than one byte.
fn lower_first(description: &str) -> String {
    let mut chars = description.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// Whether the text before a name that speaks ends with someone acting for that name: a role
/// and "for", "to" or "of" ("a spokesman for", "an adviser to", "the head of", "a lawyer for
/// Mr.", "Lawyers for"). Where the description starts (at its article, if any), which with
/// the name is then the speaker.
fn agent_for(before: &str) -> Option<usize> {
    static AGENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?P<d>\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:[\p{L}\-]+\s+){0,3}?)?(?P<role>\b(?i:",
            role_nouns!(),
            r"|aides?|friends?|relatives?|representatives?|colleagues?|lawyers|attorneys|spokes(?:men|women|people)|advis[eo]rs))\s+(?:for|to|of)\s+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?$"
        ))
        .expect("valid regex")
    });
    let c = AGENT.captures(before)?;
    c.name("d").or(c.name("role")).map(|m| m.start())
}

/// Whether a full stop right after `head` ends a sentence: not a title's ("Sens. Olympia Snowe",
/// "Ms. Ashely"), an initial's ("Lewis D. Schiliro") or the last of initials run together ("the
/// U.S. attorney").
fn stop_ends_sentence(head: &str) -> bool {
    let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let initial = |w: &str| w.len() == 1 && w.starts_with(char::is_uppercase);
    let initials = word.contains('.') && word.split('.').all(initial);
    !(TITLES.contains(&word) || initial(word) || initials)
}

/// How many sentences end in `text`: stops ([`stop_ends_sentence`]), question and exclamation
/// marks before a space or the end ("Ms. Ashely said of the protesters." ends one).
fn sentence_ends(text: &str) -> usize {
    sentence_end_marks(text).count()
}

/// Where sentences end in `text`: the byte offsets of the marks [`sentence_ends`] counts.
fn sentence_end_marks(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices(['.', '!', '?'])
        .filter(|&(i, mark)| {
            let followed = text[i + 1..].chars().next().is_none_or(char::is_whitespace);
            followed && (mark != "." || stop_ends_sentence(&text[..i]))
        })
        .map(|(i, _)| i)
}

/// The quotes of a story's articles, article by article in story order.
pub fn story_quotes(docs: &[concord_analyze::Doc<'_>]) -> Vec<Quote> {
    docs.iter().flat_map(|d| quotes(d.id, d.text)).collect()
}

/// The quotes of one article, with speakers.
pub fn quotes(article_id: &str, text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let names = FullNames::new(text);
    let genders = Genders::new(text);
    // The last person named as a quote's speaker, or found for its "he" or "she", and the byte
    // offset where; whether found for a pronoun.
    let mut last_person: Option<(String, usize, bool)> = None;
    // Byte end of the previous quote, to tell whether a continuation is in the same paragraph.
    let mut prev_end: Option<usize> = None;
    let spans = quoted_spans(text);
    // Whether a byte offset lies inside a quotation: a sentence there is someone's words.
    let quoted = |at: usize| {
        let i = spans.partition_point(|&(s, _)| s <= at);
        i > 0 && at < spans[i - 1].1
    };
    for &(s, e) in &spans {
        // Past the closing mark: two characters for wire style's '', else one.
        let after_close = if text[e..].starts_with("''") {
            e + 2
        } else {
            text[e..]
                .char_indices()
                .nth(1)
                .map_or(text.len(), |(i, _)| e + i)
        };
        // The attribution after the quote: about 120 bytes, ending on a character boundary,
        // and on the quote's line: "…window.”\n\nGovernor Elena Quispe said …" opens another
        // paragraph, whose speaker is not the quote's. (Quotes are read line by line too.)
        let mut until = text.len().min(after_close + 120);
        while !text.is_char_boundary(until) {
            until -= 1;
        }
        if let Some(nl) = text[after_close..until].find('\n') {
            until = after_close + nl;
        }
        let after = &text[after_close..until];
        // The opening mark: two characters for wire style's ``, else one.
        let open_at = if text[..s].ends_with("``") {
            s - 2
        } else {
            text[..s].char_indices().last().map_or(0, |(i, _)| i)
        };
        let sentence = &text[sentence_start(text, open_at)..open_at];
        let mut speaker: Option<String> = None;
        let mut office = false;
        // A quote closed by a full stop is a sentence; "X said" after it is the next sentence's
        // subject and verb ("…catered for.'' Fatchett said Britain would do all it could"),
        // unless the sentence ends right after the verb ("…over.\" he said.", "he told
        // reporters.").
        let closed = text[s..e].trim_end().ends_with('.');
        // (Read on past the attribution's window, which may end inside the next words.)
        // A verb before a colon introduces what follows ("…hurt.\" Olson said: \"It held.\"").
        let attributes = |end: usize| {
            let rest = &text[after_close + end..];
            !rest.trim_start().starts_with(':')
                && (!closed
                    || rest
                        .split(['.', '!', '?'])
                        .next()
                        .is_some_and(|tail| tail.split_whitespace().count() <= 3))
        };
        // Whether a name is a person's, the name completed from the article.
        let person = |raw: &str| {
            clean_name(raw)
                .map(|n| names.of(&n))
                .is_some_and(|n| is_person(&n))
        };
        // A description after the verb may be followed by the name it describes ("said the
        // Monroe County sheriff, Richard Roth"): the name is the speaker, found below.
        let mut described_only = false;
        // A title with whom it belongs to, then the name set off by a comma ("explained Puerto
        // Rico's Housing Secretary, Ana Carmen Alemany"): the name, when a person's.
        let mut titled_name = None;
        if let Some(c) = AFTER.captures(after) {
            described_only = c.name("n3").is_some();
            if let Some(n) = c.name("n1")
                && n.as_str()
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| TITLES.contains(&w.trim_end_matches('.')))
            {
                static SET_OFF: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(&format!(r"^,\s+(?P<n>{NAME})(?:[,.;]|\s*$)")).expect("valid regex")
                });
                titled_name = SET_OFF
                    .captures(&after[n.end()..])
                    .and_then(|c| c.name("n"))
                    .map(|n| until_stop(n.as_str()));
            }
            speaker = match (c.name("n1").or(c.name("n3")), c.name("n2")) {
                // "said Yasser Arafat. Fadda Jabr, a …": the name after the verb ends at the
                // full stop (a word of four letters or more before it; not "Lewis D.").
                (Some(n), _) => Some(until_stop(n.as_str()).to_string()),
                (None, Some(n)) if attributes(c.get(0).map_or(0, |m| m.end())) => {
                    Some(n.as_str().to_string())
                }
                _ => None,
            };
        }
        // "said one local resident, Omen Cola,": who the speaker is, then the name.
        let apposed = || {
            AFTER_APPOSED
                .captures(after)
                .and_then(|c| c.name("n"))
                .map(|n| until_stop(n.as_str()))
                .filter(|n| person(n))
                .map(str::to_string)
        };
        if described_only && let Some(n) = apposed() {
            speaker = Some(n);
        }
        if let Some(n) = titled_name.filter(|n| person(n)) {
            speaker = Some(n.to_string());
        }
        if speaker.is_none()
            && let Some(c) = AFTER_DESCRIBED.captures(after)
        {
            speaker = described_person(&c, "n").map(str::to_string);
        }
        if speaker.is_none()
            && let Some(c) = AFTER_APPOSITION.captures(after)
            && let Some(n) = c.name("n")
            && apposed_attributes(&c)
            && person(n.as_str())
            && attributes(c.get(0).map_or(0, |m| m.end()))
        {
            speaker = Some(n.as_str().to_string());
        }
        if speaker.is_none() {
            speaker = apposed();
        }
        if speaker.is_none()
            && let Some(c) = AFTER_EMPLOYER.captures(after)
            && let (Some(emp), Some(n)) = (c.name("emp"), c.name("n"))
            && !employer_starts_sentence(emp.as_str())
            && attributes(c.get(0).map_or(0, |m| m.end()))
        {
            speaker = Some(n.as_str().to_string());
        }
        if speaker.is_none()
            && let Some(n) = AFTER_UNNAMED.captures(after).and_then(|c| c.name("n"))
        {
            // Without a participle that leads on to where ("a KLA statement printed in …", "a
            // diplomat posted in Cairo").
            let n = n.as_str();
            let n = match n.rsplit_once(' ') {
                Some((head, last)) if last.ends_with("ed") && head.contains(' ') => head,
                _ => n,
            };
            speaker = Some(n.to_string());
        }
        if speaker.is_none()
            && let Some(c) = BEFORE.captures(sentence)
            && let Some(n) = c.name("n")
            && !after_locative(&sentence[..n.start()])
        {
            // "A spokesman for Tony Blair said": the spokesman speaks, as the article gives
            // him ("lawyers for Smith" too).
            // (Not "ambassador to Moscow Gary Koren": a place glued before a name is the post,
            // and the name is the ambassador's.)
            let posted = n.as_str().split_once(' ').is_some_and(|(first, _)| {
                PLACES.contains(&first) || DEMONYM_PLACES.contains_key(first)
            });
            match agent_for(&sentence[..n.start()]).filter(|_| !posted) {
                Some(start) => {
                    let d = &sentence[start..n.end()];
                    speaker = Some(lower_first(d));
                }
                None => {
                    // "Officials said: “…”": a sentence's capital on a plural source, not a
                    // name ("officials", as after a quote).
                    static PLURAL_WORD: LazyLock<Regex> = LazyLock::new(|| {
                        Regex::new(concat!("^(?i:", plural_sources!(), ")$")).expect("valid regex")
                    });
                    // "the Guardian said", "the Pentagon said", "the Prime Minister said": a
                    // body or a title named with its article, kept as "said the Guardian"
                    // after a quote keeps it.
                    let the = sentence[..n.start()]
                        .strip_suffix("the ")
                        .is_some_and(|b| b.is_empty() || b.ends_with([' ', '(', ',']));
                    let titles_only = n
                        .as_str()
                        .split_whitespace()
                        .all(|w| TITLES.contains(&w.trim_end_matches('.')));
                    speaker = Some(if PLURAL_WORD.is_match(n.as_str()) {
                        lower_first(n.as_str())
                    } else if the
                        && (titles_only || !is_person(n.as_str()))
                        && !is_pronoun(n.as_str())
                    {
                        format!("the {}", n.as_str())
                    } else {
                        n.as_str().to_string()
                    });
                    office = c.name("office").is_some();
                }
            }
        }
        if speaker.is_none()
            && let Some(n) = BEFORE_APPOSED
                .captures(sentence)
                .and_then(|c| c.name("n"))
                .filter(|n| is_person(n.as_str()))
        {
            speaker = Some(n.as_str().to_string());
        }
        if speaker.is_none()
            && let Some(n) = BEFORE_APPOSITION
                .captures(sentence)
                .filter(apposed_attributes)
                .and_then(|c| c.name("n"))
                .filter(|n| person(n.as_str()))
        {
            speaker = Some(n.as_str().to_string());
        }
        if speaker.is_none()
            && let Some(n) = BEFORE_DESCRIBED
                .captures(sentence)
                .and_then(|c| c.name("n"))
                .filter(|n| {
                    let before = sentence[..n.start()].trim_end();
                    // An unnamed source opens its clause ("…, one diplomat said, “…”"): in "an
                    // Intel note a few weeks later said" the note speaks, not "a few weeks".
                    let unnamed = !definite(n.as_str());
                    !before.ends_with(" of")
                        && (!unnamed
                            || before.is_empty()
                            || before.ends_with([',', ';', ':', '\'', '"', '”', '`'])
                            || before.ends_with(" and")
                            || before.ends_with(" but"))
                })
        {
            // "The prime minister replied", "A diplomat said": as "the prime minister" or "a
            // diplomat" after a quote.
            let n = n.as_str();
            speaker = Some(lower_first(n));
        }
        if speaker.is_none()
            && let Some(n) = BEFORE_PLURAL.captures(sentence).and_then(|c| c.name("n"))
        {
            // As written, but a sentence's capital ("Two witnesses", "Officials in …") is no
            // part of it; a people's ("Israeli officials") is.
            let n = n.as_str();
            let first = n.split_whitespace().next().unwrap_or("");
            let proper = DEMONYM_PLACES.contains_key(first)
                || PLACES.contains(&first)
                || first
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            speaker = Some(if proper {
                n.to_string()
            } else {
                lower_first(n)
            });
        }
        if speaker.is_none()
            && let Some(c) = ACCORDING.captures(sentence)
        {
            speaker = c.name("n").map(|m| m.as_str().to_string());
        }
        // A quotation inside a sentence that ends with its attribution ("US embassy personnel
        // were “literally in the dark” due to power failures, said State Department spokesman
        // P. J. Crowley."): the last clause, after a comma, read as an attribution after a
        // quote, when no other quotation stands between. Only for a quotation that ends
        // without a mark of its own: one that ends with a comma is followed by its attribution
        // ("…,” Thorne Lay, professor … at the University of California, Santa Cruz said").
        let partial = !text[s..e]
            .trim_end()
            .ends_with([',', '.', '!', '?', ';', ':']);
        if speaker.is_none() && partial {
            let line = &text[after_close..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            let tail = &line[..sentence_end_marks(line).next().unwrap_or(line.len())];
            if !tail.contains(['"', '“', '”', '`'])
                && !tail.contains("''")
                && let Some(comma) = tail.rfind(", ")
                && tail[comma..].split_whitespace().count() <= 12
                && let Some(c) = AFTER.captures(&tail[comma..])
            {
                speaker = match (c.name("n1").or(c.name("n3")), c.name("n2")) {
                    (Some(n), _) => Some(until_stop(n.as_str()).to_string()),
                    (None, Some(n)) => Some(n.as_str().to_string()),
                    _ => None,
                };
            }
        }
        // "…,” said X, adding that “…”: the second quote continues the first one's speaker.
        let previous_speaks = out.last().is_some_and(|q: &Quote| q.speaker.is_some());
        // A paragraph that is nothing but a quote, right after the paragraph of an attributed
        // quote, is that speaker going on (news style leaves the attribution out there).
        let own_paragraph = {
            let line_start = text[..open_at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
            text[line_start..open_at].trim().is_empty()
                && text[after_close..line_end].trim().is_empty()
                && prev_end.is_some_and(|pe| {
                    let between = &text[pe..line_start];
                    between.matches('\n').count() <= 2
                        && between.lines().skip(1).all(|l| l.trim().is_empty())
                })
        };
        // `“…,” X told reporters. “…”`: a quote that is a sentence of its own, right after the
        // sentence of an attributed quote in the same paragraph, is that speaker going on.
        let next_sentence = sentence.trim().is_empty()
            && prev_end.is_some_and(|pe| {
                let between = &text[pe..open_at];
                !between.contains('\n') && sentence_ends(between) <= 1
            })
            && text[after_close..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .next()
                .is_none_or(|c| c == '\n' || c.is_uppercase() || matches!(c, '`' | '“' | '"'));
        let continues = speaker.is_none()
            && previous_speaks
            && ((CONTINUES.is_match(sentence)
                && prev_end.is_some_and(|pe| !text[pe..open_at].contains('\n')))
                || own_paragraph
                || next_sentence);
        let speaker = match speaker {
            Some(p) if is_pronoun(&p) => {
                if p.eq_ignore_ascii_case("they") {
                    None
                } else {
                    // The latest person named as speaking, in a quote's attribution or in a
                    // sentence of the paragraph before ("Rene Preval told the Miami Herald …
                    // “…,” he said").
                    // Neither may be a person the article says is of the other gender.
                    let want = if p.eq_ignore_ascii_case("she") {
                        Gender::Female
                    } else {
                        Gender::Male
                    };
                    let fits = |name: &str| genders.of(name).is_none_or(|g| g == want);
                    let paragraph = paragraph_before(text, open_at);
                    // The sentence before the quote, when the quote opens its own sentence.
                    let before = sentence
                        .trim()
                        .is_empty()
                        .then(|| sentence_before(text, sentence_start(text, open_at)));
                    let named = last_subject(text, paragraph, open_at, &names, &fits);
                    // (One found for a pronoun speaks on only within its paragraph: it was
                    // a guess, and a new paragraph names whom it is about.)
                    let last = last_person
                        .clone()
                        .filter(|(name, at, guessed)| {
                            fits(name) && !(*guessed && text[*at..open_at].contains('\n'))
                        })
                        .map(|(name, at, _)| (name, at));
                    let at_before = |(name, at): (String, usize), start: usize| (name, start + at);
                    // The person the sentences before the quote are about, speaking or not
                    // ("Fadda Jabr, a former negotiator, brushed aside those issues. “…,” he
                    // said"), the sentence before wherever it is, and those before it within
                    // the quote's paragraph: "Arévalo was patrolling the beach … He told El
                    // Rancahuaso … “…,” he shouted" is Arévalo's.
                    let subject = before.clone().and_then(|r| {
                        let line = text[..open_at].rfind('\n').map_or(0, |i| i + 1);
                        paragraph_subject(text, line.min(r.start)..r.end, &quoted, &names, &fits)
                    });
                    // Someone the article names by one name only ("A woman … who identified
                    // herself only as Susan", "who gave only her first name, Arezou,").
                    let one_name = named_by_one_name(&text[paragraph..open_at], want)
                        .map(|found| at_before(found, paragraph));
                    // Someone the sentence before opens with by description ("The pope seemed
                    // indirectly to address … “…,” he said").
                    let by_description = before.clone().and_then(|r| {
                        described_subject(text, &text[r.clone()], &names, &fits)
                            .map(|found| at_before(found, r.start))
                    });
                    // The first person the sentence before names, as where that sentence
                    // starts ("At least one protester was arrested, Xiao Tan, 32, who … “…,”
                    // he told AFP"): nearer than anyone named before it.
                    let first_named = before.clone().and_then(|r| {
                        first_person_named(&text[r.clone()], &names, &fits).map(|n| (n, r.start))
                    });
                    let resolved = [last, named, subject, one_name, by_description, first_named]
                        .into_iter()
                        .flatten()
                        .max_by_key(|(_, at)| *at)
                        .map(|(name, _)| name);
                    // Whom "he" meant is the latest speaker now: a second "he said" goes on
                    // with them, not with someone quoted by name before them.
                    if let Some(name) = resolved.as_ref().filter(|n| !described(n)) {
                        last_person = Some((name.clone(), open_at, true));
                    }
                    resolved
                }
            }
            // A description, kept as written: "the ministry", "a senior American official".
            Some(p) if described(&p) => Some(p),
            Some(p) => clean_name(&p).map(|n| {
                let full = names.of(&n);
                if office {
                    format!("{full}'s office")
                } else {
                    last_person = Some((full.clone(), open_at, false));
                    full
                }
            }),
            None if continues => out.last().and_then(|q| q.speaker.clone()),
            None => None,
        };
        out.push(Quote {
            text: text[s..e].trim().to_string(),
            speaker,
            article: article_id.to_string(),
            start: text[..s].chars().count(),
            end: text[..e].chars().count(),
        });
        prev_end = Some(e);
    }
    out
}

/// An article's capitalized runs as names (titles and a leading place dropped), read once, for
/// completing one-word speakers: reading the text again for each speaker was a sixth of
/// `compare`.
struct FullNames<'t> {
    text: &'t str,
    runs: std::cell::OnceCell<Vec<String>>,
}

impl<'t> FullNames<'t> {
    fn new(text: &'t str) -> Self {
        FullNames {
            text,
            runs: std::cell::OnceCell::new(),
        }
    }

    /// The first name in the article that ends with the one-word `name` (else the one person's
    /// name of two words that opens with it); other names as they are.
    fn of(&self, name: &str) -> String {
        // A family name with its particle ("da Silva", "de Klerk") is one word here.
        let surname = match name.split_once(' ') {
            None => true,
            Some((particle, rest)) => lower_particle(particle) && !rest.contains(' '),
        };
        if !surname {
            return name.to_string();
        }
        static RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(NAME).expect("valid regex"));
        // A run across a sentence's end holds two ("Marilynn Buckham. In"): each part is read.
        let runs = self.runs.get_or_init(|| {
            RUN.find_iter(self.text)
                .flat_map(|m| sentence_parts(m.as_str()))
                .filter_map(clean_name)
                .collect()
        });
        let mut ending = runs
            .iter()
            .filter(|n| n.strip_suffix(name).is_some_and(|rest| rest.ends_with(' ')));
        if let Some(full) = ending.next() {
            // A family name with its particle is shared more often than most ("Luiz Inacio
            // Lula da Silva", "Gilberto Manuel da Silva"): completed only when one person has it.
            if name.contains(' ') && ending.any(|other| other != full) {
                return name.to_string();
            }
            return full.clone();
        }
        // Failing that, a family name written first ("Zhang" of "Head coach Zhang Xiong"): the
        // one person's name of two words that opens with it, if only one does. Not a given
        // name: news calls someone by a given name alone when it gives no other ("a woman who
        // identified herself only as Susan" is not the spokeswoman Susan Ward).
        // Family names written first are short words in mixed case: "US" of "US Secretary of
        // State …" is none.
        let family = name.chars().count() <= 6
            && name.chars().skip(1).all(char::is_lowercase)
            && name.starts_with(char::is_uppercase);
        if !family || given_names::female(name).is_some() {
            return name.to_string();
        }
        let mut opening = runs.iter().filter(|n| {
            n.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|given| !given.contains(' '))
                && is_person(n)
        });
        match (opening.next(), opening.next()) {
            (Some(full), None) => full.clone(),
            _ => name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_before_after_pronoun_and_full_names() {
        let text = "Mayor Ana Duarte visited the site on Monday.\n\
                    “We will rebuild the embankment before winter,” Duarte said.\n\
                    “It will cost a lot,” she added, “but it is necessary.”\n\
                    The engineer Tomas Reyes told reporters that the levee had \"simply worn out\" over decades.\n\
                    According to the regional authority, pumps ran all night. \"Nobody was hurt,\" said Reyes.";
        let q = quotes("a", text);
        let got: Vec<(&str, Option<&str>)> = q
            .iter()
            .map(|q| (q.text.as_str(), q.speaker.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "We will rebuild the embankment before winter,",
                    Some("Ana Duarte")
                ),
                ("It will cost a lot,", Some("Ana Duarte")),
                ("but it is necessary.", Some("Ana Duarte")),
                ("simply worn out", Some("Tomas Reyes")),
                ("Nobody was hurt,", Some("Tomas Reyes")),
            ]
        );
        let more = "“The plan is ready,” the ministry said, adding that “work starts in May.”\n\
                    “We will publish it,” the agency went on to tweet.";
        let continued = quotes("b", more);
        let who: Vec<Option<&str>> = continued.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            who,
            [
                Some("the ministry"),
                Some("the ministry"),
                Some("the agency")
            ]
        );
        for x in &q {
            let span: String = text.chars().skip(x.start).take(x.end - x.start).collect();
            assert_eq!(span.trim(), x.text);
        }
    }

    #[test]
    fn the_sentence_before_a_quote_may_end_in_a_multi_byte_letter() {
        // Found on reading this change again: the sentence before a "she said" quote was
        // sliced two bytes back from the line break, inside "é", and the whole run panicked.
        let text = "Ana Ruiz said it was the best café\n``It is very good,'' she said.";
        assert_eq!(speakers(text), ["Ana Ruiz"]);
    }

    #[test]
    fn attributions_are_read_up_to_a_character_boundary() {
        // A multi-byte character where the attribution window ends (found on a 100,000-article
        // replay, where it stopped the whole ingest).
        for pad in 0..8 {
            let text = format!(
                "“Stay quiet,” {}said the harbour chief in Sète: {}",
                "x".repeat(pad),
                "é".repeat(100)
            );
            let _ = quotes("a", &text);
        }
    }

    #[test]
    fn a_name_set_off_by_commas_before_the_verb_speaks_unless_it_is_a_place() {
        let text = "A union spokeswoman, Karin Holm, said she expected the strike to end with \"a fair offer by Friday.\"\n\
                    The trade minister, attending a summit in Porto, Portugal, said the talks were \"going well.\"\n\
                    Holm indicated that the members would vote and that \"the vote is binding.\"";
        assert_eq!(speakers(text), ["Karin Holm", "-", "Karin Holm"]);
    }

    #[test]
    fn a_full_name_that_ends_a_sentence_is_found_for_its_surname() {
        // The run of capitals "Karin Holm. In" crosses the sentence's end; "Holm" is still
        // Karin Holm, and so is "she" after "Ms. Holm said".
        let text = "The spokeswoman is Karin Holm. In an interview, Ms. Holm said she expected calls. \
                    ``We will stay open,'' she said.\n\
                    The vote was set by Per Lind.\nLind said the rules were clear. ``We follow them,'' Lind said.";
        assert_eq!(speakers(text), ["Karin Holm", "Per Lind"]);
        assert_eq!(
            sentence_parts("Karin Holm. In").collect::<Vec<_>>(),
            ["Karin Holm", "In"]
        );
        assert_eq!(
            sentence_parts("Lewis D. Smith").collect::<Vec<_>>(),
            ["Lewis D. Smith"]
        );
    }

    #[test]
    fn a_person_described_before_the_name_speaks_and_is_she_later() {
        // "a tearful" describes Deborah Hickey; the next "she" is her, not the man she names.
        // The spokesperson is no description of Tony Blair: the spokesperson speaks.
        let text = "``We pray for Darren Hickey every night,'' said a tearful Deborah Hickey, 21. \
                    ``He would have wanted us to go on,'' she said.\n\
                    ``They were seized in the first place,'' said a spokesperson for Prime \
                    Minister Tony Blair.\n\
                    ``The talks went well,'' said a senior official Monday.\n\
                    ``It was a long night,'' said a visibly shaken Ana Lima.\n\
                    Her brother died in the attack, said a grieving Rosa Vidal. ``He would have \
                    wanted us to go on,'' she said.\n\
                    Yasser Arafat condemned the bombing. ``We must work together,'' said a \
                    grim-faced Arafat Arafat.";
        assert_eq!(
            speakers(text),
            [
                "Deborah Hickey",
                "Deborah Hickey",
                "a spokesperson for Prime Minister Tony Blair",
                "-",
                "Ana Lima",
                "Rosa Vidal",
                "Yasser Arafat"
            ]
        );
    }

    #[test]
    fn a_name_with_who_they_are_then_the_verb_speaks() {
        let text = "``I assumed commitments,'' da Silva, a former salesman, said.\n\
                    A voter in Enqelab Square, Saeid Kazami, 41, said they ``are protectors of the \
                    revolution.''\n\
                    ``We don't think this is fair,'' del Valle said.\n\
                    Monica Hawkins, whose cousin, Jay Jasan, died on the flight, said the site \
                    ``kind of felt funny.''\n\
                    It was Veterans Day, a date observed in Canada, which some call ``Remember the \
                    Day.''\n\
                    Palestinian leader Yasser Arafat said ``we must work together.''";
        assert_eq!(
            speakers(text),
            [
                "da Silva",
                "Saeid Kazami",
                "del Valle",
                "-",
                "-",
                "Yasser Arafat"
            ]
        );
    }

    #[test]
    fn a_described_speaker_before_the_quote_and_a_titled_surname_for_he() {
        let text = "Asked about the border, the prime minister replied, ``We will not be \
                    provoked.''\n\
                    A member of the delegation said, ``The talks went well.''\n\
                    Mr. Ban recognizes the divisions.\n\n\
                    \"It may be too ambitious,\" he said.";
        // "A member of the delegation" speaks as described, not "the delegation" after "of".
        assert_eq!(
            speakers(text),
            ["the prime minister", "a member of the delegation", "Ban"]
        );
    }

    #[test]
    fn someone_acting_for_a_name_speaks_for_it_not_as_it() {
        // The spokesman speaks, not the prime minister; the lawyers, not their client.
        let text = "A spokesman for Tony Blair said: \"The talks will go on.\"\n\
                    An adviser to Mr. Netanyahu told reporters that \"nothing was agreed\".\n\
                    The head of Hamas said, \"We will respond.\"\n\
                    Lawyers for Smith said \"he is innocent\".\n\
                    Tony Blair said, \"We are ready.\"\n\
                    Israel's ambassador to Moscow Gary Koren said, \"It went well.\"";
        assert_eq!(
            speakers(text),
            [
                "a spokesman for Tony Blair",
                "an adviser to Mr. Netanyahu",
                "the head of Hamas",
                "lawyers for Smith",
                "Tony Blair",
                "Gary Koren",
            ]
        );
    }

    #[test]
    fn unnamed_sources_in_the_plural_before_the_quote() {
        let text = "Israeli officials told reporters, \"We will respond.\"\n\
                    Officials in Jerusalem said, \"Calm has returned.\"\n\
                    Two witnesses said they \"heard a blast\".\n\
                    Prosecutors have said that the prisoners were ``beaten and starved.''\n\
                    He met officials and said, \"Nothing changes.\"";
        assert_eq!(
            speakers(text),
            [
                "Israeli officials",
                "officials in Jerusalem",
                "two witnesses",
                "prosecutors",
                "-",
            ]
        );
    }

    #[test]
    fn a_description_opening_with_a_letter_outside_ascii_is_lowered_by_char() {
        // Lowering the first byte of "É" panicked.
        let text = "Émirati officials told reporters, \"We will respond to this.\"";
        assert_eq!(speakers(text), ["émirati officials"]);
        assert_eq!(lower_first("The minister"), "the minister");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn an_unnamed_source_after_the_verb() {
        let text = "``Turnouts differ,'' said a senior Republican senator on Capitol Hill.\n\
                    ``Arms were handed in,'' said a KLA statement printed in Pristina.\n\
                    ``It was a miracle,'' said witness Yaakov Shlomo.\n\
                    ``We will go on,'' said a tearful Deborah Hickey.";
        assert_eq!(
            speakers(text),
            [
                "a senior Republican senator",
                "a KLA statement",
                "Yaakov Shlomo",
                "Deborah Hickey",
            ]
        );
    }

    #[test]
    fn an_attribution_is_read_past_its_window() {
        // The window after the quote ends inside "said, ``Most of…": the words after the verb
        // still make "Stephen Stott … said" the next sentence's, not the quote's.
        let text = "``It should be a nonevent,'' said Daniel Marcus of Panamsat. ``It will pass.'' \
                    And Stephen Stott, director for satellite engineering at Intelsat, the \
                    international satellite consortium, said most of the industry expects no \
                    major problems at all.";
        assert_eq!(speakers(text), ["Daniel Marcus", "Daniel Marcus"]);
    }

    #[test]
    fn quoted_as_saying_attributes_before_and_after() {
        let text = "``The plant will reopen in March,'' CEO Ida Kjaer was quoted as saying by a weekly.\n\
                    Lars Berg was quoted as saying that the union would \"accept nothing less.\"";
        assert_eq!(speakers(text), ["Ida Kjaer", "Lars Berg"]);
    }

    #[test]
    fn a_role_in_lower_case_before_the_name_is_not_the_speaker() {
        let text = "\"The wind is our main enemy tonight,\" fire service spokesman Julien Moreau told reporters.\n\
                    \"Talks will resume,\" officials in Paris said.";
        let who: Vec<Option<String>> = quotes("a", text).into_iter().map(|q| q.speaker).collect();
        assert_eq!(
            who,
            [
                Some("Julien Moreau".to_string()),
                Some("officials in Paris".to_string())
            ]
        );
    }

    #[test]
    fn an_employer_before_the_role_is_not_the_speaker() {
        let text = "\"We have a healthy spacecraft,\" Nordlys Space chief executive Ida Kjaer told staff.\n\
                    \"The drill works,\" the company's chief engineer Ole Berg said.\n\
                    \"We are ready.\" The Aarhus engineer Mette Lund said so too.\n\
                    \"Talks will resume,\" officials in Paris said.";
        // The officials speak, not Paris.
        assert_eq!(
            speakers(text),
            ["Ida Kjaer", "Ole Berg", "-", "officials in Paris"]
        );
    }

    #[test]
    fn a_quote_sentence_after_an_attributed_one_continues_it() {
        let text = "\"The wind is our main enemy tonight,\" spokesman Julien Moreau told reporters. \
                    \"Gusts are pushing the fire north.\" Crews waited.\n\n\
                    \"We lost everything,\" one woman cried. Buses left at dawn. \"Nobody helped.\"\n\n\
                    Prefect Claire Dumas spoke first. \"Stay inside,\" Dumas said. Others disagreed. \
                    \"It is safe,\" a neighbour said.";
        // No speaker to go on with ("one woman cried": no speech verb); a sentence between
        // breaks the run. A source the article does not name is given as described.
        assert_eq!(
            speakers(text),
            [
                "Julien Moreau",
                "Julien Moreau",
                "-",
                "-",
                "Claire Dumas",
                "a neighbour"
            ]
        );
    }

    #[test]
    fn an_attribution_in_the_next_paragraph_is_not_the_quotes() {
        let text = "\"The walls came down,\" said Mario Condori, a farmer. \"We got the children out.\"\n\n\
                    Governor Elena Quispe said tents were on the way.\n\
                    \"Roads are open again.\"\n\
                    Police chief Ana Ruiz said so on Sunday.";
        assert_eq!(speakers(text), ["Mario Condori", "Mario Condori", "-"]);
    }

    #[test]
    fn he_is_the_person_last_named_as_speaking() {
        let text = "\"We will rebuild,\" said Mayor of Talca Ana Duarte.\n\
                    President Rene Preval told the Herald that the damage was vast. \
                    \"Parliament has collapsed,\" he said.\n\
                    \"I'm speechless,\" said David Millar of the United Kingdom, who rides for Sky. \
                    \"It makes me sad.\"";
        assert_eq!(
            speakers(text),
            ["Ana Duarte", "Rene Preval", "David Millar", "David Millar"]
        );
    }

    #[test]
    fn he_after_a_subordinate_clause_is_the_main_clause_s_subject() {
        // Clark speaks in the clause; Kelly is the sentence's subject, and "he".
        let text = "``It should be a nonevent,'' said Gregory Clark, a satellite operator. \
                    While Gregory Clark, president of Loral, said they expected no harm, Mike Kelly \
                    is more pessimistic. ``We may lose a spacecraft,'' he said.";
        assert_eq!(speakers(text), ["Gregory Clark", "Mike Kelly"]);
    }

    #[test]
    fn a_plural_source_opening_a_sentence_keeps_no_capital() {
        let text = "Officials said: \"We will rebuild the bridge.\" Police said: \"Nobody was \
                    hurt.\" Olson said: \"It held.\"";
        assert_eq!(speakers(text), ["officials", "police", "Olson"]);
    }

    #[test]
    fn he_is_the_subject_after_an_opening_phrase_or_a_lawmaker_s_party() {
        let text = "``Costs rose,'' said David Sherman, an analyst. But in an interview last \
                    month, Joseph Estrada seemed intent on praising Tan. ``We have to admire \
                    him,'' he said. ``Talks go on,'' said Gene Sperling. Rep. David Obey, D-Wis., \
                    who is involved in the talks, said he believed a deal was near. ``You can see \
                    a solution,'' he said. ``Show us the money,'' Dennis Vacco pleaded. As he did \
                    in the Friday debate, Eliot Spitzer gave a short answer. ``The papers are in,'' \
                    he said.";
        assert_eq!(
            speakers(text),
            [
                "David Sherman",
                "Joseph Estrada",
                "Gene Sperling",
                "David Obey",
                "Dennis Vacco",
                "Eliot Spitzer"
            ]
        );
    }

    #[test]
    fn she_may_be_someone_named_by_one_name_only() {
        let text = "``It was a fraud,'' said Siavash Mohseni, a student. A young woman who gave \
                    only her first name, Arezou, said she did not vote. ``It was insulting,'' she \
                    said. A woman who identified herself only as Susan wept. She said Slepian \
                    should not be portrayed as an ``abortion doctor.''";
        assert_eq!(speakers(text), ["Siavash Mohseni", "Arezou", "Susan"]);
    }

    #[test]
    fn he_may_be_someone_the_sentence_before_describes() {
        let text = "Pope John Paul II arrived in Zagreb. ``It is a wound,'' said Slavko \
                    Goldstein, a historian. The pope seemed to address the questions. ``He did \
                    not shed his blood,'' he said. ``Buildings fell,'' said Henry Bahn, a \
                    visitor. An analyst for USGS in Colorado commented that deaths were likely. \
                    ``We will see damage,'' he said.";
        assert_eq!(
            speakers(text),
            [
                "Slavko Goldstein",
                "John Paul",
                "Henry Bahn",
                "an analyst for USGS in Colorado"
            ]
        );
    }

    #[test]
    fn he_is_whom_the_paragraph_is_about_a_few_sentences_back() {
        // Tomás Ibarra is the subject three sentences (a pronoun's, naming a station, and a
        // quotation's) before the quote, after another speaker's quote; a name inside a
        // quotation is no subject; an apposition may stand between dashes; a person named
        // after a subject is nearer to "she" than the subject.
        let text = "\"We lost the pier,\" said Diego Rojas, the harbour master.\n\n\
                    Ines Frei leads the coalition. Only one candidate backed the arrest, and \
                    that was Gladys Marin of the Labour Party. ``I am happy,'' she said.\n\n\
                    Lifeguard Tomás Ibarra was the only one to warn the bathers. Ibarra was \
                    walking the pier when the shaking stopped. He told Radio Costa Azul there \
                    were thirty people on the sand. \"He ran. He took his megaphone.\" \"Get off the \
                    beach now!\" he shouted.\n\n\
                    Mayor Ana Pino spoke first. ``I tell ... Maria Vidal that nobody trusts \
                    you,'' Pino was quoted as saying. Failure will bring violence, she said. \
                    ``Act now,'' she said.\n\n\
                    ``We paid,'' said Ivan Petrov. Boris Lenz _ who has paid ransoms before _ has \
                    denied the charges. ``We did what we could,'' he said.";
        assert_eq!(
            speakers(text),
            [
                "Diego Rojas",
                "Gladys Marin",
                "-",
                "Tomás Ibarra",
                "Ana Pino",
                "Ana Pino",
                "Ivan Petrov",
                "Boris Lenz"
            ]
        );
    }

    #[test]
    fn a_partial_quote_takes_the_attribution_that_ends_its_sentence() {
        // Not a quote that ends with a comma: its attribution follows it, whatever the
        // sentence's last clause names.
        let text = "Staff at the embassy were \"literally in the dark\" after the blackout, said \
                    State Department spokesman P. J. Cowan. \"Two waves came,\" Thor Lund, \
                    professor of earth sciences and director of the institute of geophysics and \
                    planetary physics at the University of California, Santa Cruz said.";
        let got = speakers(text);
        assert_eq!(got[0], "P. J. Cowan");
        assert_ne!(got[1], "Santa Cruz");
    }

    #[test]
    fn a_family_name_written_first_is_completed_but_not_a_given_name_or_an_acronym() {
        let text = "Head coach Zhang Wei named the team. ``We are ready,'' said Zhang. Susan \
                    Ward spoke for the clinic. A woman who gave only the name Susan wept. \
                    ``He was kind,'' Susan said. US Secretary of State Ann Cole arrived. ``We \
                    help,'' said US.";
        assert_eq!(speakers(text), ["Zhang Wei", "Susan", "US"]);
    }

    #[test]
    fn a_family_name_with_its_particle_is_completed_when_one_person_has_it() {
        // (A particle inside a person's name: "del Valle, a former salesman," is Luis del
        // Valle's apposition.)
        let one = "Mayor Luis del Valle toured the site. ``We don't think this is fair,'' del \
                   Valle, a former salesman, said.";
        assert_eq!(speakers(one), ["Luis del Valle"]);
        let two = "President Luiz Inacio Lula da Silva spoke. Gilberto Manuel da Silva, 40, owns \
                   a shop. ``We will get by,'' da Silva said.";
        assert_eq!(speakers(two), ["da Silva"]);
    }

    #[test]
    fn whom_he_meant_speaks_on_in_the_paragraph_and_notes_to_editors_are_no_subjects() {
        // "he" found for one quote goes on to the next in its paragraph, not to the next
        // paragraph; a note to editors in front of a sentence hides no subject; "was quoted as
        // saying" names one. And a Spanish article opens no person's name.
        let text = "``Talks go on,'' said Dana Sperling. Rep. David Obey, D-Wis., who is involved \
                    in the negotiations on the budget, the fund and the rest of the spending bills \
                    that were held up for weeks this autumn, said he believed a deal would be \
                    announced soon, probably on Friday or Saturday at the latest, after the last \
                    meetings of the conference committee and the leaders of both houses. ``You \
                    can see a solution,'' he said, describing the fund as the ``one area'' where \
                    talks moved.\n\n\
                    (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS) Rep. Nita Lowey, D-N.Y., \
                    was upset that the measure was dropped. ``They should be ashamed,'' she \
                    said.\n\n\
                    In an interview published on Oct. 18 in the Sunday Times of London, Moammar \
                    Gadhafi was quoted as saying that he wanted peace. ``Our people want peace,'' \
                    he said.";
        assert_eq!(
            speakers(text),
            [
                "Dana Sperling",
                "David Obey",
                "David Obey",
                "Nita Lowey",
                "Moammar Gadhafi"
            ]
        );
        assert_eq!(
            speakers("Tourists crowded Las Terrazas beach. ``It was gone,'' he said."),
            ["-"]
        );
        // The two readings alone, as the sentence split leaves a note to editors.
        let note = "OPTIONAL MATERIAL FOLLOWS) Rep. Nita Lowey, D-N.Y., was upset.";
        let names = FullNames::new(note);
        assert_eq!(
            sentence_subject(note, &names, &|_| true).map(|(n, _)| n),
            Some("Nita Lowey".to_string())
        );
        let quoted = "In an interview in London, Moammar Gadhafi was quoted as saying that he \
                      wanted peace.";
        let names = FullNames::new(quoted);
        assert_eq!(
            last_subject(quoted, 0, quoted.len(), &names, &|_| true).map(|(n, _)| n),
            Some("Moammar Gadhafi".to_string())
        );
    }

    #[test]
    fn he_may_be_named_in_the_sentence_before_after_someone_quoted_earlier() {
        // The person the sentence before names is nearer than the speaker of the quote before
        // it; a possessive or a place is no such person.
        // (A name read after "said" ends at its stop, and so does where it was read: "said
        // Mike Kelly. Whether" is not read as Kelly speaking at "Whether".)
        let rowe = "``It will be fine,'' said Mike Kelly. Whether the chance is one in 5,000, as \
                    some predict, or one in 100, as Ian Rowe estimates, no one knows. ``In \
                    theory, you can cross a freeway at night,'' he said.";
        assert_eq!(speakers(rowe), ["Mike Kelly", "Ian Rowe"]);
        // Named two sentences back, as the split reads them (a quotation's "!''" ends one).
        let jones = "``We will reopen,'' said Marilynn Buckham. The anger could be seen in people \
                     like Karen Jones, 25, who dropped off a friend, only to be swarmed by \
                     protesters who screamed, ``Be strong!'' and ``Save the baby!'' ``It's none \
                     of their business,'' she said.";
        assert_eq!(
            speakers(jones),
            ["Marilynn Buckham", "-", "-", "Karen Jones"]
        );
        let lawyer = "The report quoted de Klerk's lawyer. ``It is unfair,'' he said.";
        assert_eq!(speakers(lawyer), ["-"]);
        let port = "``Ships dock here,'' said Dwyer Astaphan. Cruise ships will use Port Zante \
                    instead. ``They will be replaced within months,'' he said.";
        assert_eq!(speakers(port), ["Dwyer Astaphan", "Dwyer Astaphan"]);
    }

    #[test]
    fn a_body_or_a_title_named_with_its_article_keeps_it() {
        let text = "Later the Guardian said the charge was ``dereliction of duty.'' Then the State \
                    Department said talks were ``very useful.'' And the Prime Minister said it was \
                    ``all over.'' In a sermon, the Rev. Jesse Jackson said it was ``a turning \
                    point.''";
        assert_eq!(
            speakers(text),
            [
                "the Guardian",
                "the State Department",
                "the Prime Minister",
                "Jesse Jackson"
            ]
        );
    }

    #[test]
    fn publications_report_and_staff_speak_as_staff() {
        let text = "\"The roads are gone,\" reported El Diario del Sur on Monday. Staff reported \
                    the children were \"in a very bad state\" after the journey. The Australian \
                    has reported that a website \"run by insiders\" carried the claim.";
        assert_eq!(
            speakers(text),
            ["El Diario del Sur", "staff", "The Australian"]
        );
    }

    #[test]
    fn retorts_and_shouts_are_speech() {
        let text = "``I disagree,'' James Barksdale retorted. ``Leave now!'' a crowd of \
                    protesters shouted. ``Not again,'' Ann Lee shouted.";
        assert_eq!(
            speakers(text),
            ["James Barksdale", "a crowd of protesters", "Ann Lee"]
        );
    }

    #[test]
    fn wire_style_quotes_have_their_speakers_after_them() {
        let text = "``Prices will fall,'' Juan Garcia said. ``We are ready,'' said analyst Peter \
                    Tang of Jardine Fleming. ``It was fast,'' said Kerstin Einarsson of Sahlgrenska \
                    Hospital. ``Software is fast,'' said Michael A. Cusumano, a professor. ``We \
                    talked,'' Russian Embassy of Israel said.";
        assert_eq!(
            speakers(text),
            [
                "Juan Garcia",
                "Peter Tang",
                "Kerstin Einarsson",
                "Michael A. Cusumano",
                "Russian Embassy of Israel"
            ]
        );
    }

    #[test]
    fn a_wire_style_quote_sentence_after_an_attributed_one_continues_it() {
        // The `` of the second quote is its opening mark, not a sentence of its own; "Ms." and
        // "D-Mass." end no sentence between the two quotes.
        let text = "``They told her,'' Ms. Ashely said of the protesters. ``They left her.'' \
                    ``It is over,'' said Rep. Bill Delahunt, D-Mass. ``We lost.'' Then we left.";
        assert_eq!(
            speakers(text),
            ["Ashely", "Ashely", "Bill Delahunt", "Bill Delahunt"]
        );
        // Nor does an initial's stop ("Jennifer E. Duffy").
        let text = "``It is close,'' said Jennifer E. Duffy, the editor in Washington. ``We \
                    will see.''";
        assert_eq!(speakers(text), ["Jennifer E. Duffy", "Jennifer E. Duffy"]);
    }

    #[test]
    fn a_quotation_that_ends_its_sentence_ends_it_for_the_next_quote() {
        // "…better.'' Peter Fitzgerald said …": the "she" of the sentence before the quotation is
        // no attribution of the next one.
        let text = "Dawn Clark Netsch spoke. After it was over, she said, ``I could have done \
                    better.'' Peter Fitzgerald said the senator sounded ``shrill'' and that she ``was \
                    not able to follow me.'' ``I'm not going to touch that,'' Warden responded.";
        assert_eq!(speakers(text), ["-", "Peter Fitzgerald", "Warden"]);
    }

    #[test]
    fn he_is_the_person_the_sentence_before_names_first() {
        let text = "At least one protester was arrested, Xiao Tan, 32, who tried to unfurl a flag. \
                    \"I'm proud to be here,\" he told AFP.\n\
                    Communist lawmaker Yuri Nikiforenko sought asylum for Abdullah Ocalan. ``He has \
                    done a lot,'' he said.\n\
                    The Senate voted. ``Yasser Arafat knew the stakes,'' the president said, \
                    interrupting a ceremony. ``They knew,'' he said.";
        assert_eq!(
            speakers(text),
            ["Xiao Tan", "Yuri Nikiforenko", "the president", "-"]
        );
    }

    #[test]
    fn he_and_she_skip_a_person_whose_given_name_is_the_other_genders() {
        // Nothing in the text says who is a woman; the given names do.
        let text = "Susan Ward said the clinic had been warned. ``He was aware of the threat,'' he \
                    said.\n\
                    Darren Hickey spoke last week. Deborah Hickey said the trip was his. ``He is old \
                    enough to decide,'' she said.";
        assert_eq!(speakers(text), ["-", "Deborah Hickey"]);
    }

    #[test]
    fn he_and_she_skip_a_person_the_article_gives_the_other_gender() {
        // Pascrell Jr. spoke last, but "she" is Ms. Slaughter; "he" is not the spokeswoman.
        let text = "``We will win,'' said Rep. Louise Slaughter. ``It is close,'' said Rep. Bill \
                    Pascrell Jr. ``That's how far down the list I am,'' she said. Ms. Slaughter \
                    left.\n\
                    Eva Schuebel, spokeswoman for the prosecutors, said no arrests were made. \
                    ``We keep looking,'' he said.\n\
                    In the town of Catano, Petra Gonzalez, 78, said she hoped for help. ``I am \
                    a poor person,'' she said. Charlotte Streck, the director of Climate Focus, \
                    a consultancy, said investors worry. ``They cannot hedge,'' she said.";
        assert_eq!(
            speakers(text),
            [
                "Louise Slaughter",
                "Bill Pascrell Jr",
                "Louise Slaughter",
                // Not Eva Schuebel, though named last: the speaker before her.
                "Bill Pascrell Jr",
                "Petra Gonzalez",
                "Charlotte Streck"
            ]
        );
        // A courtesy title says it too.
        let text = "Dana Ruiz said the vote was close. Sam Ortiz said so as well; Mr. Ortiz \
                    left. ``It was close,'' she said.";
        assert_eq!(speakers(text), ["Dana Ruiz"]);
    }

    #[test]
    fn he_is_found_behind_a_place_and_a_surname_loses_its_employer() {
        // The search for who "he" is starts at "United States" and must go on to the person.
        let text = "The ambassador to the United States, Raymond Joseph, told CNN help was \
                    needed. ``It is a catastrophe,'' he said.\n\
                    Moreover, Baker of Rutgers noted, the party splits. ``It is a loose \
                    institution,'' he said. Ross Baker teaches there.\n\
                    ``It was late,'' said Director of University of Chile Seismologic Service.";
        assert_eq!(speakers(text), ["Raymond Joseph", "Ross Baker", "-"]);
        let text = "``They are alike,'' said the Rev. Al Sharpton, the civil rights leader.";
        assert_eq!(speakers(text), ["Al Sharpton"]);
    }

    #[test]
    fn he_is_the_person_the_sentence_before_is_about() {
        // No speech verb names Fadda Jabr, but the sentence before the quote is about him; a
        // title's stop ("Sens.") ends no sentence, so Olympia Snowe opens none.
        let text = "``It is done,'' said Yasser Arafat. Fadda Jabr, a former negotiator, \
                    brushed aside those issues. ``Today is the evidence,'' he said.\n\
                    Moreover, Baker of Rutgers noted, maverick Republicans like Sens. Olympia \
                    Snowe break ranks. ``It is such an individualistic institution,'' he said. \
                    Ross Baker teaches there. ``We left,'' he told AFP.\n\nEarlier this week \
                    the others stayed. ``We stayed,'' he said.";
        assert_eq!(
            speakers(text),
            [
                "Yasser Arafat",
                "Fadda Jabr",
                "Ross Baker",
                "Ross Baker",
                "Ross Baker"
            ]
        );
    }

    #[test]
    fn a_name_of_three_words_stays_whole_and_what_stands_before_it_goes() {
        let text = "``We will wait,'' said Mohammad Reza Bahonar. ``It is over,'' said Turkish \
                    Defense Minister Ismet Sezgin. ``We left,'' said Moscow Gary Koren. ``We \
                    stay,'' said Britons Darren Hickey.";
        assert_eq!(
            speakers(text),
            [
                "Mohammad Reza Bahonar",
                "Ismet Sezgin",
                "Gary Koren",
                "Darren Hickey"
            ]
        );
    }

    #[test]
    fn a_word_that_is_no_name_is_no_speaker() {
        let text = "Each said, ``He had no friends.'' Then: ``We will wait,'' Ms. He said. \
                    ``It is late,'' Wednesday said.";
        assert_eq!(speakers(text), ["-", "He", "-"]);
    }

    #[test]
    fn a_name_and_verb_after_a_quote_closed_by_a_full_stop_start_the_next_sentence() {
        let text = "``None of them were forced to go,'' said Ray Verth. ``We believed they were \
                    safe.'' Fatchett said Britain would do all it could. \
                    ``It is over.'' he said. ``We lost.'' Sam Ortiz told reporters.";
        assert_eq!(
            speakers(text),
            ["Ray Verth", "Ray Verth", "Ray Verth", "Sam Ortiz"]
        );
    }

    /// Each quote's speaker, "-" where none was found.
    fn speakers(text: &str) -> Vec<String> {
        quotes("a", text)
            .into_iter()
            .map(|q| q.speaker.unwrap_or_else(|| "-".into()))
            .collect()
    }

    #[test]
    fn attributions_after_the_quote_with_what_follows_the_name() {
        let cases = [
            (
                "\"We have received no news from the flight,\" said Air France in a statement.",
                "Air France",
            ),
            (
                "\"It is very clear that most voted freely,\" said Estrada during his weekly radio program.",
                "Estrada",
            ),
            (
                "\"He was sent home for breaking the team's rules,\" said Rabobank spokesman Jacob Bergsma.",
                "Jacob Bergsma",
            ),
            (
                "\"They are in good health,\" said Iran's Foreign Ministry spokesman, Mohammad Ali Hosseini, who added that talks went on.",
                "Mohammad Ali Hosseini",
            ),
            (
                "\"It will be drastic, but we have to deliver that,\" said Demosthenes Madureiro do Pinho, the director of the bank.",
                "Demosthenes Madureiro do Pinho",
            ),
            (
                "\"I do not have anything to steal,\" said one local resident, Omen Cola, to reporters.",
                "Omen Cola",
            ),
            // A description, then the name it describes: the name speaks; a place is no name.
            (
                "\"We found him in the barn,\" said the Monroe County sheriff, Richard Roth.",
                "Richard Roth",
            ),
            (
                "\"The count is not over,\" said the executive clerk of the court, Óscar Acuña, on Monday.",
                "Óscar Acuña",
            ),
            (
                "\"The roads are closed,\" said the regional government, in Cusco.",
                "the regional government",
            ),
            (
                "\"We will build better homes,\" explained Chile's Housing Minister, Ana Lagos.",
                "Ana Lagos",
            ),
            // A body's name keeps the place it opens with.
            (
                "\"We condemn it,\" said the Beijing Organizing Committee.",
                "the Beijing Organizing Committee",
            ),
            (
                "The New York Stock Exchange Board said trading would ``resume at noon.''",
                "New York Stock Exchange Board",
            ),
            (
                "Officer Kamal Perera ran down to the beach. \"The sea was coming out!\" he recounted.",
                "Kamal Perera",
            ),
            (
                "Mary Jo White, the U.S. attorney in Manhattan, said, \"It is very common to have sealed indictments.\"",
                "Mary Jo White",
            ),
            (
                "As talks stalled, Bob Livingston asserted, \"There is not going to be a shutdown.\"",
                "Bob Livingston",
            ),
            // Who "prosecutors in Manhattan" quote is not Manhattan's: the prosecutors'.
            (
                "Federal prosecutors in Manhattan said one of the men had ``asked him for a mission.''",
                "federal prosecutors in Manhattan",
            ),
            // A company's suffix and an acronym end a sentence before a name.
            (
                "Talks failed, said an analyst at Jardine Fleming Securities Ltd. Cathay said it \
                 withdrew because of ``certain issues which could not be resolved,'' according \
                 to a statement.",
                "Cathay",
            ),
            // Who someone told is no speaker.
            (
                "Policeman Jose Arevalo warned residents. He told El Mercurio that crowds fled. \
                 ``We ran for the hills,'' he recounted.",
                "Jose Arevalo",
            ),
            // A source the article does not name speaks by its description.
            (
                "``Our strategy remains the same,'' a senior American official said.",
                "a senior American official",
            ),
            // Before the quote too, where it opens its clause.
            (
                "If the barriers went, one diplomat said, ``the potential is stunning.''",
                "one diplomat",
            ),
            // Unnamed sources in the plural, as the article gives them.
            (
                "``Nothing is agreed until everything is agreed,'' officials said.",
                "officials",
            ),
            (
                "\"The border stays closed,\" Israeli security officials told reporters.",
                "Israeli security officials",
            ),
            (
                "\"It shook for a minute,\" said two witnesses.",
                "two witnesses",
            ),
            (
                "\"We have no comment,\" U.S. officials said.",
                "U.S. officials",
            ),
            // A sentence's end is no part of a description.
            (
                "John Boehner told reporters the plan was dead. ``The only real avenue is the \
                 IMF,'' he said. Congressional officials say the House will act.",
                "John Boehner",
            ),
            // A name before them is still the speaker's name, not part of a description.
            (
                "\"We will appeal,\" Koren said, and lawyers agreed.",
                "Koren",
            ),
            // "officials in Jerusalem said": the officials there, not the place.
            (
                "\"Calm has returned,\" officials in Jerusalem said.",
                "officials in Jerusalem",
            ),
            (
                "An Intel note a few weeks later said, ``Gates made vague threats.''",
                "-",
            ),
            // After a quote that ends its sentence, it is the next sentence's subject.
            (
                "``It is over.'' A spokesman said the talks would resume next week in Geneva.",
                "-",
            ),
            // A particle is a whole word: "Rubin during" is no "Rubin du…".
            (
                "The list was presented to Treasury Secretary Robert Rubin during a meeting. After \
                 the meeting, Rubin told reporters it had gone well. ``It was a good meeting,'' he said.",
                "Robert Rubin",
            ),
        ];
        let wrong: Vec<(Vec<String>, &str)> = cases
            .iter()
            .filter(|(text, speaker)| speakers(text) != [*speaker])
            .map(|(text, _)| (speakers(text), *text))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_quote_paragraph_after_an_attributed_one_continues_it() {
        let text = "\"The wind is our main enemy tonight,\" spokesman Julien Moreau told reporters.\n\n\
                    \"Gusts of up to 80 kilometres per hour are pushing the fire north.\"\n\n\
                    Residents left by bus.\n\n\
                    \"We lost everything,\" one woman cried as she boarded.\n\n\
                    \"Nobody came to help us.\"";
        assert_eq!(speakers(text), ["Julien Moreau", "Julien Moreau", "-", "-"]);
    }
}
