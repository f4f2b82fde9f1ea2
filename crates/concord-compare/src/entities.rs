//! Entities: the people, organisations and places a story's articles mention, merged within the
//! story ("Netanyahu" → "Benjamin Netanyahu"), with mention counts and the articles naming them.
//!
//! Method (rules; English):
//! 1. Candidates are runs of capitalized words (with "of", "de", "al", "bin" inside, and
//!    initials: "William H. Gates"), titles such as "President", "Prime Minister" or "Maj."
//!    dropped, and function words, weekdays, months, their abbreviations and contractions
//!    ("We're", "Thursday's") never names; a run at the start of a sentence counts only when
//!    it is also written capitalized elsewhere, is longer than a word, is a known place, or is
//!    the last word of a longer name that the story never writes in lower case (a surname:
//!    "Nouis said"). Demonyms name their country ("Israeli", "Israelis" → Israel; "South
//!    Africans" → South Africa), and so do "U.S." and "UK" (as "U.N." and "UN" name the
//!    United Nations, "Calif." California); faiths, parties and peoples ending a name are no
//!    entity ("House Republicans", "Orthodox Serbs"). A person's name before
//!    "of" ends there: "Barney Frank of Massachusetts" is a person and a place
//!    ([`person_before_of`]). A sentence-opening word that the story also writes in lower case
//!    is dropped when what follows it is a name written elsewhere or the run goes on with "of"
//!    ("Many Quechua" → Quechua, "Residents of Chivay" → Chivay; "New York Times" stays). A dateline's agency ("LIMA, Peru (Andes Wire) _") is the outlet, not a mention;
//!    three words or more in capitals written nowhere else ("STORY CAN END HERE") are a note
//!    to editors.
//! 2. Type: an event when it opens or ends with an event word ("Operation …", "Hurricane …",
//!    "… Tsunami", "… Day", "… War", "World War II"); a place
//!    when the name is in the built-in list of countries and major cities ([`PLACES`]) or ends
//!    with a place word ("… Sea"); an organisation when it ends with an organisation word
//!    ("Ministry", "Party", "Embassy"…); a place when at least a third of its mentions are
//!    written as places ("in Chivay", "the town of Chivay", "the Colca valley", "Talca, Chile")
//!    and it never has a title; an organisation when it is an acronym, or when at least a third
//!    of its mentions are written as a business's ("the company Nordlys Space", "Nordlys Space
//!    chief executive …", "White House spokesman …") and it never has a title; a person when a
//!    title preceded it, when it is two or three words besides initials (four or five with a
//!    particle: "Luiz Inacio Lula da Silva"), one with initials ("P. J. Crowley"), or when a
//!    one-word name is the surname of such a person;
//!    otherwise an organisation (movements and agencies are usually named by one capitalized
//!    word).
//! 3. A one-word name merges into the person's or event's name ending with it that the story
//!    writes most often (the longest among equals); else,
//!    typed a body by its form alone and named five times at most, into the one two-word
//!    person's name starting with it (a family name written first: "Zhang" of Zhang Xiong).

use concord_analyze::Doc;
use concord_core::Entity;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Countries, major cities, North American states, and regions, seas and former states (names
/// in English), for telling places from other names. Names that are also given names ("Sofia",
/// "Florence") or companies ("Amazon") are left out: the words around them decide.
pub const PLACES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahrain",
    "Bangladesh",
    "Belarus",
    "Belgium",
    "Bolivia",
    "Bosnia",
    "Brazil",
    "Bulgaria",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Chile",
    "China",
    "Colombia",
    "Congo",
    "Democratic Republic of Congo",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Denmark",
    "Ecuador",
    "Egypt",
    "Estonia",
    "Ethiopia",
    "Finland",
    "France",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Guatemala",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kosovo",
    "Kuwait",
    "Latvia",
    "Lebanon",
    "Libya",
    "Lithuania",
    "Luxembourg",
    "Malaysia",
    "Mali",
    "Mexico",
    "Moldova",
    "Mongolia",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "Norway",
    "Oman",
    "Pakistan",
    "Palestine",
    "Panama",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Somalia",
    "South Africa",
    "South Korea",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tanzania",
    "Thailand",
    "Tunisia",
    "Turkey",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    "Europe",
    "Africa",
    "Asia",
    "Gaza",
    "West Bank",
    "Crimea",
    "Kashmir",
    "Mediterranean",
    "Amman",
    "Ankara",
    "Athens",
    "Baghdad",
    "Bangkok",
    "Beijing",
    "Beirut",
    "Berlin",
    "Brussels",
    "Buenos Aires",
    "Cairo",
    "Damascus",
    "Delhi",
    "Dubai",
    "Geneva",
    "Hong Kong",
    "Istanbul",
    "Jakarta",
    "Jerusalem",
    "Kabul",
    "Kyiv",
    "Kiev",
    "Lagos",
    "Lima",
    "Lisbon",
    "London",
    "Los Angeles",
    "Madrid",
    "Manila",
    "Marseille",
    "Mexico City",
    "Milan",
    "Moscow",
    "Mumbai",
    "Nairobi",
    "New York",
    "Paris",
    "Prague",
    "Rio de Janeiro",
    "Riyadh",
    "Rome",
    "Santiago",
    "Sao Paulo",
    "Seoul",
    "Shanghai",
    "Stockholm",
    "Sydney",
    "Tehran",
    "Tel Aviv",
    "Tokyo",
    "Toronto",
    "Vienna",
    "Warsaw",
    "Washington",
    // Countries not listed above.
    "Andorra",
    "Angola",
    "Bahamas",
    "Barbados",
    "Belize",
    "Benin",
    "Bhutan",
    "Botswana",
    "Brunei",
    "Burundi",
    "Chad",
    "Djibouti",
    "Dominica",
    "Eritrea",
    "Fiji",
    "Gabon",
    "Gambia",
    "Grenada",
    "Guinea",
    "Guyana",
    "Kiribati",
    "Kyrgyzstan",
    "Laos",
    "Lesotho",
    "Liberia",
    "Liechtenstein",
    "Madagascar",
    "Malawi",
    "Maldives",
    "Malta",
    "Mauritania",
    "Mauritius",
    "Monaco",
    "Montenegro",
    "Namibia",
    "Samoa",
    "Seychelles",
    "Suriname",
    "Tajikistan",
    "Togo",
    "Tonga",
    "Turkmenistan",
    "Vanuatu",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Costa Rica",
    "El Salvador",
    "Puerto Rico",
    "Sierra Leone",
    "South Sudan",
    "Papua New Guinea",
    "Dominican Republic",
    "Ivory Coast",
    "East Timor",
    "Burkina Faso",
    "Trinidad and Tobago",
    // States and provinces of the United States and Canada, and the seat of the courts.
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "Ontario",
    "Quebec",
    "Nova Scotia",
    "New Brunswick",
    "British Columbia",
    "Capitol Hill",
    "British Columbia",
    "Alberta",
    "The Hague",
    "Hague",
    // Regions, seas, former states and more cities (2026-11-24).
    "Yugoslavia",
    "Soviet Union",
    "Chechnya",
    "Dagestan",
    "Belgrade",
    "Zagreb",
    "Sarajevo",
    "Pristina",
    "Skopje",
    "Ljubljana",
    "Bucharest",
    "Budapest",
    "Minsk",
    "Riga",
    "Vilnius",
    "Tallinn",
    "Helsinki",
    "Oslo",
    "Copenhagen",
    "Amsterdam",
    "Dublin",
    "Edinburgh",
    "Bern",
    "Zurich",
    "Munich",
    "Frankfurt",
    "Hamburg",
    "Barcelona",
    "Naples",
    "Venice",
    "Tbilisi",
    "Yerevan",
    "Baku",
    "Tashkent",
    "Almaty",
    "Islamabad",
    "Karachi",
    "Lahore",
    "Kathmandu",
    "Dhaka",
    "Colombo",
    "Kolkata",
    "Calcutta",
    "Bombay",
    "Chennai",
    "Hanoi",
    "Ho Chi Minh City",
    "Phnom Penh",
    "Vientiane",
    "Yangon",
    "Rangoon",
    "Kuala Lumpur",
    "Taipei",
    "Pyongyang",
    "Osaka",
    "Kyoto",
    "Hiroshima",
    "Guangzhou",
    "Shenzhen",
    "Melbourne",
    "Canberra",
    "Auckland",
    "Havana",
    "Caracas",
    "Bogota",
    "Quito",
    "La Paz",
    "Asuncion",
    "Montevideo",
    "Brasilia",
    "Managua",
    "San Salvador",
    "Tegucigalpa",
    "Guatemala City",
    "Panama City",
    "San Juan",
    "Santo Domingo",
    "Port-au-Prince",
    "Kingston",
    "Ottawa",
    "Montreal",
    "Vancouver",
    "Chicago",
    "Boston",
    "San Francisco",
    "Miami",
    "Houston",
    "Dallas",
    "Atlanta",
    "Philadelphia",
    "Detroit",
    "Seattle",
    "Denver",
    "Phoenix",
    "San Diego",
    "New Orleans",
    "Las Vegas",
    "Baltimore",
    "Pittsburgh",
    "Cleveland",
    "Khartoum",
    "Addis Ababa",
    "Mogadishu",
    "Kampala",
    "Kigali",
    "Kinshasa",
    "Dar es Salaam",
    "Harare",
    "Lusaka",
    "Johannesburg",
    "Cape Town",
    "Pretoria",
    "Durban",
    "Accra",
    "Abuja",
    "Dakar",
    "Algiers",
    "Tunis",
    "Tripoli",
    "Rabat",
    "Casablanca",
    "Sanaa",
    "Muscat",
    "Doha",
    "Manama",
    "Abu Dhabi",
    "Kuwait City",
    "Jeddah",
    "Mecca",
    "Medina",
    "Basra",
    "Mosul",
    "Kirkuk",
    "Tikrit",
    "Fallujah",
    "Tabriz",
    "Isfahan",
    "Mashhad",
    "Aleppo",
    "Homs",
    "Haifa",
    "Hebron",
    "Ramallah",
    "Nablus",
    "Bethlehem",
    "Jericho",
    "Tibet",
    "Siberia",
    "Kurdistan",
    "Comoros",
    "Bosnia-Herzegovina",
    "Macedonia",
    "Balkans",
    "Caucasus",
    "Middle East",
    "Persian Gulf",
    "Gulf of Mexico",
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "Southeast Asia",
    "East Asia",
    "South Asia",
    "Central Asia",
    "Scandinavia",
    "Caribbean",
    "Arctic",
    "Antarctica",
    "Antarctic",
    "Atlantic",
    "Pacific",
    "Indian Ocean",
    "Black Sea",
    "Red Sea",
    "Caspian Sea",
    "Baltic",
    "Sahara",
    "Sinai",
    "Himalayas",
    "Alps",
    "Andes",
    "Rockies",
    "Pyrenees",
    "Urals",
    "Appalachians",
    "Adriatic",
    "Aegean",
    "Ionian",
    "Sahel",
    "Patagonia",
    "Siberia",
    "Midwest",
];

/// Other names of places on the list and of a few bodies, as a name run reads them (final stops
/// dropped): one entity for "U.N.", "UN" and "United Nations", which were three.
const NAME_ALIASES: &[(&str, &str)] = &[
    ("U.S", "United States"),
    ("US", "United States"),
    ("USA", "United States"),
    ("U.S.A", "United States"),
    ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("U.K", "United Kingdom"),
    ("N.Y", "New York"),
    ("Mainland China", "China"),
    // The AP's abbreviations of states and provinces ("D-Calif.", "Ancaster, Ont."), those
    // that are no other word ("Mass", "Ill", "Wash", "Miss", "Del" are left out).
    ("Calif", "California"),
    ("Fla", "Florida"),
    ("Ariz", "Arizona"),
    ("Colo", "Colorado"),
    ("Conn", "Connecticut"),
    ("Tenn", "Tennessee"),
    ("Okla", "Oklahoma"),
    ("Minn", "Minnesota"),
    ("Mich", "Michigan"),
    ("Wis", "Wisconsin"),
    ("Tex", "Texas"),
    ("Md", "Maryland"),
    ("Ky", "Kentucky"),
    ("Kan", "Kansas"),
    ("Neb", "Nebraska"),
    ("Nev", "Nevada"),
    ("Vt", "Vermont"),
    ("Wyo", "Wyoming"),
    ("N.J", "New Jersey"),
    ("N.C", "North Carolina"),
    ("S.C", "South Carolina"),
    ("N.M", "New Mexico"),
    ("N.H", "New Hampshire"),
    ("R.I", "Rhode Island"),
    ("Ont", "Ontario"),
    ("Que", "Quebec"),
    ("U.N", "United Nations"),
    ("UN", "United Nations"),
    ("EU", "European Union"),
    ("E.U", "European Union"),
];

/// The AP's abbreviations of states that are also words, which [`NAME_ALIASES`] leaves out:
/// read as the state only after a town and a comma ("Redmond, Wash.,"). The state of
/// Washington is "Washington State", a place as "New York State" is: "Washington" alone is
/// the capital's name in the news.
const WORD_STATES: &[(&str, &str)] = &[
    ("Wash", "Washington State"),
    ("Mass", "Massachusetts"),
    ("Ill", "Illinois"),
    ("Miss", "Mississippi"),
    ("Del", "Delaware"),
    ("Ore", "Oregon"),
    ("Ind", "Indiana"),
    ("Ala", "Alabama"),
    ("Ark", "Arkansas"),
    ("Mo", "Missouri"),
    ("Pa", "Pennsylvania"),
    ("Va", "Virginia"),
    ("Ga", "Georgia"),
    ("La", "Louisiana"),
];

/// [`DEMONYMS`] by demonym.
pub(crate) static DEMONYM_PLACES: std::sync::LazyLock<HashMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| DEMONYMS.iter().copied().collect());

/// Adjectives of nationality and the place they name.
const DEMONYMS: &[(&str, &str)] = &[
    ("Israeli", "Israel"),
    ("Russian", "Russia"),
    ("Iranian", "Iran"),
    ("Syrian", "Syria"),
    ("Lebanese", "Lebanon"),
    ("American", "United States"),
    ("British", "United Kingdom"),
    ("Briton", "United Kingdom"),
    ("French", "France"),
    ("German", "Germany"),
    ("Chinese", "China"),
    ("Turkish", "Turkey"),
    ("Turk", "Turkey"),
    ("Swede", "Sweden"),
    ("Dane", "Denmark"),
    ("Egyptian", "Egypt"),
    ("Iraqi", "Iraq"),
    ("Palestinian", "Palestine"),
    ("Ukrainian", "Ukraine"),
    ("Indian", "India"),
    ("Japanese", "Japan"),
    ("Italian", "Italy"),
    ("Spanish", "Spain"),
    ("Brazilian", "Brazil"),
    ("Mexican", "Mexico"),
    ("Canadian", "Canada"),
    ("Saudi", "Saudi Arabia"),
    ("Jordanian", "Jordan"),
    ("Peruvian", "Peru"),
    ("Danish", "Denmark"),
    ("Dutch", "Netherlands"),
    ("Philippine", "Philippines"),
    ("Filipino", "Philippines"),
    ("Chilean", "Chile"),
    ("Argentine", "Argentina"),
    ("Argentinian", "Argentina"),
    ("Colombian", "Colombia"),
    ("Venezuelan", "Venezuela"),
    ("Cuban", "Cuba"),
    ("Haitian", "Haiti"),
    ("Indonesian", "Indonesia"),
    ("Malaysian", "Malaysia"),
    ("Thai", "Thailand"),
    ("Vietnamese", "Vietnam"),
    ("Pakistani", "Pakistan"),
    ("Afghan", "Afghanistan"),
    ("Kenyan", "Kenya"),
    ("Nigerian", "Nigeria"),
    ("Ethiopian", "Ethiopia"),
    ("Somali", "Somalia"),
    ("Sudanese", "Sudan"),
    ("Libyan", "Libya"),
    ("Moroccan", "Morocco"),
    ("Algerian", "Algeria"),
    ("Tunisian", "Tunisia"),
    ("Greek", "Greece"),
    ("Polish", "Poland"),
    ("Swedish", "Sweden"),
    ("Norwegian", "Norway"),
    ("Finnish", "Finland"),
    ("Austrian", "Austria"),
    ("Swiss", "Switzerland"),
    ("Belgian", "Belgium"),
    ("Portuguese", "Portugal"),
    ("Irish", "Ireland"),
    ("Serbian", "Serbia"),
    ("Croatian", "Croatia"),
    ("Bosnian", "Bosnia"),
    ("Romanian", "Romania"),
    ("Hungarian", "Hungary"),
    ("Czech", "Czech Republic"),
    ("Australian", "Australia"),
    ("Yemeni", "Yemen"),
    ("Qatari", "Qatar"),
    ("Kuwaiti", "Kuwait"),
    ("Bahraini", "Bahrain"),
    ("Omani", "Oman"),
    ("Nepali", "Nepal"),
    ("Bangladeshi", "Bangladesh"),
    ("Cambodian", "Cambodia"),
    ("Mongolian", "Mongolia"),
    ("Armenian", "Armenia"),
    ("Azerbaijani", "Azerbaijan"),
    ("Lithuanian", "Lithuania"),
    ("Latvian", "Latvia"),
    ("Estonian", "Estonia"),
    ("Bulgarian", "Bulgaria"),
    ("Albanian", "Albania"),
    ("Bolivian", "Bolivia"),
    ("Ecuadorian", "Ecuador"),
    ("Paraguayan", "Paraguay"),
    ("Nicaraguan", "Nicaragua"),
    ("Honduran", "Honduras"),
    ("Guatemalan", "Guatemala"),
    ("Panamanian", "Panama"),
    ("Jamaican", "Jamaica"),
    ("Ghanaian", "Ghana"),
    ("Rwandan", "Rwanda"),
    ("Zimbabwean", "Zimbabwe"),
    ("Zambian", "Zambia"),
    ("Mozambican", "Mozambique"),
    ("Icelandic", "Iceland"),
    ("Kazakh", "Kazakhstan"),
    ("Moldovan", "Moldova"),
    ("Cypriot", "Cyprus"),
    ("Luxembourgish", "Luxembourg"),
    ("Nepalese", "Nepal"),
    ("Kosovar", "Kosovo"),
    ("Belarusian", "Belarus"),
    ("New Zealander", "New Zealand"),
    ("Malian", "Mali"),
    ("Cameroonian", "Cameroon"),
    ("Congolese", "Congo"),
    ("Ugandan", "Uganda"),
    ("Tanzanian", "Tanzania"),
    ("Senegalese", "Senegal"),
    ("European", "Europe"),
    ("African", "Africa"),
    ("Asian", "Asia"),
    ("Yugoslav", "Yugoslavia"),
    ("Chechen", "Chechnya"),
    ("Scottish", "Scotland"),
    ("Scot", "Scotland"),
    ("Welsh", "Wales"),
    ("Comoran", "Comoros"),
    ("Soviet", "Soviet Union"),
    ("Tibetan", "Tibet"),
    ("Puerto Rican", "Puerto Rico"),
    ("Timorese", "East Timor"),
    ("East Timorese", "East Timor"),
    ("Macedonian", "Macedonia"),
    ("Gazan", "Gaza"),
];

/// Titles that precede a name ("Mayor Ana Duarte", "Prime Minister Benjamin Netanyahu").
pub(crate) const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Mayor",
    "Prefect",
    "President",
    "Prime",
    "Minister",
    "Ambassador",
    "Chancellor",
    "Governor",
    "Senator",
    "General",
    "Gen",
    "Brig",
    "Judge",
    "Premier",
    "King",
    "Queen",
    "Pope",
    "Secretary",
    "Chief",
    "Executive",
    "Spokesman",
    "Spokeswoman",
    "Lt",
    "Col",
    "Sen",
    "Rep",
    "Consul",
    "Commander",
    "Chairman",
    "Chairwoman",
    "Speaker",
    "Director",
    "Spc",
    "Captain",
    "Major",
    "Envoy",
    "Secretary-General",
    "Sens",
    "Reps",
    "Pfc",
    "Cpl",
    "Pvt",
    "Archbishop",
    "Bishop",
    "Cardinal",
    "Rabbi",
    "Sheikh",
    "Sheik",
    "Ayatollah",
    "Mullah",
    "Prince",
    "Princess",
    "Sir",
    "Professor",
    "Prof",
    "Capt",
    "Sgt",
    "Lieutenant",
    "Colonel",
    "Admiral",
    "Commodore",
    "CEO",
    "Attorney-General",
    "Maj",
    "Gov",
    "Rev",
    "Adm",
    "Atty",
    "Supt",
    "Prosecutor",
    "Commissioner",
    "Inspector",
    "Detective",
    "Sergeant",
    "Officer",
    "Policeman",
    "Policewoman",
    "Constable",
    "Trooper",
    "Firefighter",
    "Lifeguard",
];

/// Kin a name is set off as ("his wife, Lynn").
const KIN: &[&str] = &[
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "mother",
    "father",
    "widow",
    "widower",
    "cousin",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "grandson",
    "granddaughter",
];

/// Adjectives of faiths and creeds that open bodies' names, never a person's ("Islamic
/// Virtue", "Arab League"). Not "Christian" nor "Muslim", given names too ("Muslim Agaev").
const CREED_FIRST: &[&str] = &[
    "Islamic",
    "Islamist",
    "Arab",
    "Jewish",
    "Catholic",
    "Protestant",
    "Orthodox",
    "Hindu",
    "Buddhist",
    "Sikh",
    "Shiite",
    "Sunni",
    "Evangelical",
    "Nazi",
    "Communist",
    "Socialist",
    "Marxist",
];

/// Adjectives and plurals of faiths, creeds, parties, peoples and broad regions: alone, or
/// ending a name, they name no entity of the four kinds ("Islamic", "Jews", "House
/// Republicans", "Orthodox Serbs"); inside a longer name they stay ("Arab League", "Islamic
/// Jihad", "Democratic Party").
const GROUP_WORDS: &[&str] = &[
    "Koranic",
    "Quranic",
    "Biblical",
    "Islamic",
    "Islamist",
    "Islamists",
    "Muslim",
    "Muslims",
    "Arab",
    "Arabs",
    "Jewish",
    "Jews",
    "Christian",
    "Christians",
    "Catholic",
    "Catholics",
    "Protestant",
    "Protestants",
    "Orthodox",
    "Hindu",
    "Hindus",
    "Buddhist",
    "Buddhists",
    "Sikh",
    "Sikhs",
    "Shiite",
    "Shiites",
    "Sunni",
    "Sunnis",
    "Evangelical",
    "Evangelicals",
    "Nazi",
    "Nazis",
    "Communist",
    "Communists",
    "Socialist",
    "Socialists",
    "Marxist",
    "Marxists",
    "Western",
    "Westerners",
    "Eastern",
    "Latin",
    // Parties' members.
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
    "Democratic",
    // Peoples without a state of their name, or across several ("Bosnian Serb").
    "Kurd",
    "Kurds",
    "Kurdish",
    "Serb",
    "Serbs",
    "Croat",
    "Croats",
    "Tamil",
    "Tamils",
    "Hutu",
    "Hutus",
    "Tutsi",
    "Tutsis",
    "Basque",
    "Basques",
    "Uighur",
    "Uighurs",
    "Pashtun",
    "Pashtuns",
];

/// First words that make a name of two words or more a place, unless its last word makes it a
/// body's ("St Mary's Hospital"); Spanish and Portuguese saints' names too ("San Fernando",
/// "Santa Cruz", "São Paulo", "Puerto Montt").
pub(crate) const PLACE_FIRST: &[&str] = &[
    "St", "Mt", "Ft", "Mount", "Fort", "Port", "Cape", "Lake", "San", "Santa", "Santo", "São",
    "Puerto",
];

/// Last words that make a name a place ("Mediterranean Sea").
pub(crate) const PLACE_WORDS: &[&str] = &[
    "Sea",
    "Ocean",
    "River",
    "Lake",
    "Gulf",
    "Strait",
    "Island",
    "Islands",
    "Mountains",
    "Valley",
    "Province",
    "Region",
    "Republic",
    "County",
    "Desert",
    "Peninsula",
    "Coast",
    "Bay",
    "Isle",
    "Isles",
    "Strip",
    "Caribbean",
    "Airport",
    "Arena",
    "Stadium",
    "Square",
    "Street",
    "Avenue",
    "Bridge",
    "Palace",
    "Cathedral",
    "Park",
    "Beach",
    "Harbour",
    "Harbor",
    "Canal",
    "Peak",
    "Volcano",
    "Glacier",
    "Reef",
    "Border",
    "Station",
    "Forest",
    "Rainforest",
    // A railway or metro line ("Piccadilly Line"), or a front line ("Green Line").
    "Line",
];

pub(crate) const ORG_WORDS: &[&str] = &[
    "Security",
    "Ministry",
    "Ministries",
    "Treasury",
    "Enterprise",
    "Enterprises",
    "Party",
    "Agency",
    "Bank",
    "Company",
    "Council",
    "Forces",
    "Army",
    "Navy",
    "Embassy",
    "Office",
    "University",
    "Union",
    "Service",
    "Committee",
    "Court",
    "Parliament",
    "Commission",
    "Organization",
    "Organisation",
    "Group",
    "Corporation",
    "Inc",
    "Ltd",
    "Institute",
    "Authority",
    "Police",
    "Department",
    "Association",
    "Federation",
    "Guard",
    "Front",
    "Movement",
    "Fund",
    "Assembly",
    "Congress",
    "Senate",
    "Times",
    "Post",
    "Journal",
    "Gazette",
    "Museum",
    "College",
    "News",
    "Press",
    "Radio",
    "Television",
    "Club",
    "Forum",
    "Hospital",
    "School",
    "Center",
    "Centre",
    "Board",
    "Bureau",
    "Foundation",
    "Society",
    "Trust",
    "Watch",
    "International",
    "Airlines",
    "Airways",
    "Telecom",
    "Communications",
    "Network",
    "Government",
    "Corp",
    "Co",
    "Tribune",
    "Herald",
    "Chronicle",
    "Examiner",
    "Inquirer",
    "Church",
    "League",
    "Securities",
    "Holdings",
    "Exchange",
    "Force",
    "Nations",
    "Cabinet",
    "Alliance",
    "Coalition",
    "Reserve",
    "Corps",
    "Tribunal",
    "Duma",
    "Administration",
    "Survey",
    "Program",
    "Programme",
    "Command",
    "Brigade",
    "Brigades",
    "Jihad",
    "Qaeda",
    "Academy",
    "Laboratory",
    "Industries",
    "Motors",
    "Services",
    "House",
    "Panel",
    "Division",
    "Detachment",
    "Flight",
    "Technologies",
    "Systems",
    "Online",
    "Electronics",
    "Pharmaceuticals",
    "Laboratories",
    "Enterprises",
    "Partners",
    "Ventures",
    "Insurance",
    "Petroleum",
    "Chemicals",
];

/// First words that make a name of two words or more a body's: the head of a name in languages
/// that put it first ("Agence France-Presse", "Banco Santander", "Instituto Nacional",
/// "Universidad de Chile").
const ORG_FIRST: &[&str] = &[
    // Ships, named for their navy ("HMS Cornwall").
    "HMS",
    "USS",
    "Agence",
    "Agencia",
    "Banco",
    "Banque",
    "Banca",
    "Grupo",
    "Groupe",
    "Gruppo",
    "Instituto",
    "Institut",
    "Istituto",
    "Universidad",
    "Universidade",
    "Université",
    "Universität",
    "Università",
    "Compagnie",
    "Compañía",
    "Companhia",
    "Société",
    "Sociedad",
    "Fundación",
    "Fondation",
    "Fundação",
    "Partido",
    "Parti",
    "Partei",
    "Ministerio",
    "Ministère",
    "Comité",
    "Comisión",
    "Consejo",
    "Conseil",
];

/// Words that are capitalized for other reasons than being names.
pub(crate) const NOT_NAMES: &[&str] = &[
    // Units named after people, which the text uses as units.
    "Fahrenheit",
    "Celsius",
    // Shares and crowds opening a sentence ("One-third of Hsichih town was flooded").
    "One-third",
    "Two-thirds",
    "One-quarter",
    "Three-quarters",
    "One-half",
    "Half",
    "Dozens",
    "Hundreds",
    "Thousands",
    "Millions",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "Last",
    "This",
    "That",
    "When",
    "After",
    "Before",
    "Meanwhile",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "There",
    "Despite",
    "Although",
    "While",
    "As",
    "If",
    "For",
    "From",
    "With",
    "FILE",
    "Photo",
    "Analysis",
    // Adverbs, conjunctions, prepositions and pronouns that open a sentence ("Then Nordlys
    // said", "Under Ocalan"): never a name's first or last word. (Not "Today": "USA Today".)
    "Then",
    "Also",
    "Still",
    "Yet",
    "Later",
    "Earlier",
    "Yesterday",
    "Tomorrow",
    "Instead",
    "Indeed",
    "Thus",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Nonetheless",
    "Otherwise",
    "Since",
    "Though",
    "Because",
    "During",
    "Under",
    "Until",
    "Unlike",
    "Like",
    "By",
    "Of",
    "To",
    "Or",
    "Nor",
    "So",
    "Once",
    "Even",
    "Only",
    "Why",
    "How",
    "Where",
    "Which",
    "Who",
    "These",
    "Those",
    "Such",
    "Every",
    "All",
    "Most",
    "Another",
    "Other",
    "No",
    "Not",
    "You",
    "Your",
    "My",
    // Quantifiers that open a sentence or a speaker's place ("Many Chileans", "Each said").
    "Each",
    "Both",
    "Many",
    "Some",
    "Several",
    "Others",
    "Few",
    "None",
    // Month abbreviations ("Sept. 17"; not "Jan" or "Jun", which are also given names) and
    // clock words ("3 a.m. UTC").
    "Feb",
    "Apr",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "UTC",
    "GMT",
    "BST",
    "CET",
    "CEST",
    "EST",
    "EDT",
    "CST",
    "CDT",
    "PST",
    "PDT",
    "AM",
    "PM",
];

/// Weekday names, never names of entities (and what date conflicts compare).
pub(crate) const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month names, never names of entities.
const MONTH_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A capitalized word that starts or ends no name: function words, weekdays, months.
pub(crate) fn not_name(word: &str) -> bool {
    let word = bare(word);
    NOT_NAMES.contains(&word) || WEEKDAYS.contains(&word) || MONTH_NAMES.contains(&word)
}

/// A word without a final stop or comma, a possessive or a contraction: "Thursday's",
/// "Monday." and "We're" are read as "Thursday", "Monday" and "We".
fn bare(word: &str) -> &str {
    let word = word.trim_end_matches(['.', ',']);
    for suffix in [
        "'s", "’s", "'re", "’re", "'m", "’m", "'ll", "’ll", "'ve", "’ve", "'d", "’d",
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

const CONNECTORS: &[&str] = &["of", "de", "al", "bin", "van", "von", "da", "es"];

/// Bodies whose names go on with "on" and what they deal with ("Panel on Climate Change",
/// "Commission on Human Rights", "Conference on Disarmament").
const ON_BODIES: &[&str] = &[
    "Panel",
    "Commission",
    "Committee",
    "Subcommittee",
    "Conference",
    "Council",
    "Convention",
    "Covenant",
    "Institute",
    "Center",
    "Centre",
];

/// Lower-case particles inside people's names.
const NAME_PARTICLES: &[&str] = &[
    "da", "de", "do", "dos", "das", "van", "von", "der", "bin", "ibn", "al", "el", "la", "le",
    "del", "della", "di", "du",
];

/// Capitalized first words of names that are part of them, though written in lower case
/// elsewhere ("De Klerk", "El Hage", "San Miguel").
const PARTICLES: &[&str] = &[
    "De", "Del", "Della", "Di", "Du", "Da", "Dos", "El", "Al", "La", "Le", "Los", "Las", "Van",
    "Von", "Bin", "Ben", "Ibn", "Abu", "San", "Santa", "Saint", "St",
];

/// Words right before a name that say it is a place ("in Chivay", "near Talca").
const PLACE_BEFORE: &[&str] = &[
    "in",
    "near",
    "outside",
    "across",
    "throughout",
    "toward",
    "towards",
];

/// Words that, followed by "of", say the name after is a place ("the town of Chivay", "north of
/// Marseille").
const PLACE_OF: &[&str] = &[
    "city",
    "town",
    "village",
    "villages",
    "region",
    "province",
    "district",
    "state",
    "capital",
    "outskirts",
    "north",
    "south",
    "east",
    "west",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// Lower-case words right after a name that say it is a place ("the Arequipa region", "the
/// Colca valley", "the A7 motorway", "Iraq's Abu Ghraib prison", "the Mahane Yehuda market").
/// Not "camp" (the Clinton camp) nor "town" (town hall).
const PLACE_AFTER: &[&str] = &[
    "region",
    "valley",
    "province",
    "district",
    "highlands",
    "prefecture",
    "county",
    "municipality",
    "motorway",
    "highway",
    "airport",
    "prison",
    "island",
    "islands",
    "peninsula",
    "river",
    "suburb",
    "township",
    "neighborhood",
    "neighbourhood",
    "coast",
    "delta",
    "harbor",
    "harbour",
    "market",
    "refugee",
    "mosque",
    "church",
    "cathedral",
    "temple",
    "shrine",
    "area",
    "areas",
    "subdistrict",
];

/// Lower-case nouns right before a name that say it names a business or body ("the Danish
/// company Nordlys Space", "the airline Air Bissau").
const ORG_BEFORE: &[&str] = &[
    "company",
    "firm",
    "startup",
    "start-up",
    "carrier",
    "airline",
    "operator",
    "manufacturer",
    "broadcaster",
    "newspaper",
    "daily",
    "weekly",
    "magazine",
    "station",
    "channel",
    "network",
    "agency",
    "bank",
    "insurer",
    "retailer",
    "lender",
    "publisher",
    "conglomerate",
    "subsidiary",
    "charity",
    "group",
    "club",
    "party",
];

/// Lower-case words right after a name that make it someone's employer ("Nordlys Space chief
/// executive Ida Kjaer", "Air Bissau spokesman", "Nordlys Space shares").
const ORG_AFTER: &[&str] = &[
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "employees",
    "staff",
    "shares",
    "shareholders",
];

pub(crate) struct Mention {
    pub(crate) name: String,
    /// Written as a demonym ("Swedish"), the name being its country's: an adjective, which
    /// conflicts do not compare as a statement of where.
    pub(crate) demonym: bool,
    /// The name without its first word, when that word opens the sentence and the story also
    /// writes it in lower case.
    after_first: Option<String>,
    titled: bool,
    initial: bool,
    /// The words around it say it is a place ([`PLACE_BEFORE`], [`PLACE_OF`], [`PLACE_AFTER`],
    /// or ", Country" after it).
    pub(crate) place_cue: bool,
    /// The words around it say it names a business or body ([`ORG_BEFORE`], [`ORG_AFTER`]).
    org_cue: bool,
    /// The tokens of the sentence the name was read from (titles included).
    pub(crate) tokens: std::ops::Range<usize>,
    /// The names of the list it is written in ("Linares, Molina and Longaví"), itself among
    /// them; empty when it is in none.
    listed_with: Vec<String>,
    /// Read before a title ("Microsoft" of "Microsoft Chairman Bill Gates"): the person's
    /// employer, kept only when the story names it elsewhere too, or when its last word is a
    /// body's ("Palestinian Civil Aviation Authority Brig. Gen. Fayez Zeidan"); "Egyptian Foreign"
    /// of "Egyptian Foreign Minister Amr Moussa" is neither.
    employer: bool,
}

fn mentions_of(doc: &Doc<'_>, lower: &LowerWords<'_>) -> Vec<Mention> {
    doc.analysis
        .sentences
        .iter()
        .flat_map(|s| sentence_mentions(doc.text, s, lower))
        .collect()
}

/// The names a sentence mentions (`text` is its article's text, `lower` its story's words
/// written in lower case).
pub(crate) fn sentence_mentions(
    text: &str,
    s: &concord_analyze::Sentence,
    lower: &LowerWords<'_>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    {
        let toks = &s.tokens;
        // Headline case ("Putin Discuss Hezbollah Tunnels"): capitals say nothing about names.
        // Title case leaves only its minor words in lower case, so one other word written in
        // lower case ("He met President Johan Smit") makes it a sentence full of names.
        let caps = toks.iter().filter(|t| t.capitalized).count();
        let prose = || {
            toks.iter().any(|t| {
                let w = &text[t.bytes.clone()];
                !t.capitalized
                    && w.starts_with(|c: char| c.is_alphabetic())
                    && !TITLE_CASE_MINOR.contains(&w)
            })
        };
        if toks.len() >= 4 && caps * 10 >= toks.len() * 8 && !prose() {
            return out;
        }
        let mut i = 0;
        while i < toks.len() {
            let word = |k: usize| text[toks[k].bytes.clone()].trim_start_matches('#');
            if !toks[i].capitalized && !text[toks[i].bytes.clone()].starts_with('#') {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i + 1;
            // Whether "and" at `k - 1` joins one name: the capitalized words from `k` on, each
            // one space after the other, end with a body's word ("Truth and Reconciliation
            // Commission", "Securities and Exchange Commission"), where "Clinton and Blair" are
            // two; and the words before it are no whole name themselves: no acronym, title,
            // body's word or place ends them ("IMF and World Bank", "Senate and House",
            // "Treasury Department and U.S. Postal Service", "Mainland China and …", "President
            // Rafsanjani and Parliament" are two).
            // ("Securities" ends a firm's name, but "Securities and Exchange Commission" is one.)
            let whole = |w: &str| {
                acronym(w)
                    || TITLES.contains(&w)
                    || (ORG_WORDS.contains(&w) && w != "Securities")
                    || PLACES.contains(&w)
            };
            let body_ends = |k: usize| {
                if (start..k.saturating_sub(1)).any(|m| TITLES.contains(&word(m)))
                    || k < 2
                    || whole(word(k - 2))
                {
                    return false;
                }
                let mut last = None;
                let mut k = k;
                while k < toks.len()
                    && word(k).starts_with(char::is_uppercase)
                    && (last.is_none() || &text[toks[k - 1].bytes.end..toks[k].bytes.start] == " ")
                {
                    last = Some(word(k));
                    k += 1;
                }
                last.is_some_and(|w| ORG_WORDS.contains(&w))
            };
            // Initials inside the run ("H" of "William H. Gates"), which keep their stop.
            let mut dotted: Vec<usize> = Vec::new();
            while j < toks.len() {
                let w = word(j);
                let cap = w.starts_with(char::is_uppercase);
                // "on" inside a body's name ("Intergovernmental Panel on Climate Change",
                // "Committee on Foreign Relations"), not before a day or a place ("the Council
                // on Monday", "briefed the Security Council on Kosovo").
                let on_body = w == "on"
                    && ON_BODIES.contains(&word(j - 1))
                    && j + 1 < toks.len()
                    && !not_name(word(j + 1))
                    && !PLACES.contains(&bare(word(j + 1)));
                // What a body deals with may be two things ("Committee on Banking and Financial
                // Services", "Covenant on Civil and Political Rights").
                let on_and = w == "and" && (start..j).any(|k| word(k) == "on");
                let link = (CONNECTORS.contains(&w)
                    || (w == "and" && body_ends(j + 1))
                    || on_body
                    || on_and)
                    && j + 1 < toks.len()
                    && word(j + 1).starts_with(char::is_uppercase);
                // Words must touch (one space): "Moscow (Echo" is two names; a possessive ends one
                // ("Russia's Ilyushin").
                let gap = &text[toks[j - 1].bytes.end..toks[j].bytes.start];
                let prev = &text[toks[j - 1].bytes.clone()];
                // "St. Kitts", "Mt. Pinatubo", "Ft. Bragg": the abbreviation is part of the name;
                // so is an initial ("William H. Gates"), and a title's abbreviation goes with
                // the name it titles ("Maj. Perry L. Nouis", "Ms. Holm").
                let abbreviated = gap == ". "
                    && (matches!(prev, "St" | "Mt" | "Ft")
                        || initial_letter(prev)
                        || TITLES.contains(&prev));
                // "Barney Frank of Massachusetts", "E. Gerald Corrigan of Goldman Sachs": a
                // person and where they are from or work, two names.
                if w == "of" && person_before_of(&(start..j).map(word).collect::<Vec<_>>()) {
                    break;
                }
                // A flight's number is part of its name ("Swissair Flight 111").
                let flight_number =
                    prev == "Flight" && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
                if (cap || link || flight_number)
                    && (gap.chars().all(|c| c == ' ') && gap.len() <= 1 || abbreviated)
                    && (!possessive(prev) || peoples(prev) && cap)
                {
                    if abbreviated && initial_letter(prev) {
                        dotted.push(j - 1);
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            let mut words: Vec<&str> = (start..j)
                .map(|k| {
                    if dotted.contains(&k) {
                        &text[toks[k].bytes.start..toks[k].bytes.end + 1]
                    } else {
                        word(k)
                    }
                })
                .collect();
            let mut titled = false;
            // Function words in front ("The A7 motorway"), and the "of" after one ("Hundreds of
            // Russian …"); `first` is where the name may start.
            let mut first = start;
            while !words.is_empty() && (not_name(words[0]) || (first > start && words[0] == "of")) {
                words.remove(0);
                first += 1;
            }
            // A people before names ("Britons Darren Hickey and …", "Libyans Abdel Basset
            // Ali …"): the names are of its members.
            if words.len() >= 3
                && words[0]
                    .strip_suffix('s')
                    .is_some_and(|d| DEMONYM_PLACES.contains_key(d))
            {
                words.remove(0);
                first += 1;
            }
            // Set off as someone's kin ("his wife, Lynn,", "her sister, Shirin."): a person's
            // name, however short, as a title would say.
            titled |= first >= 2
                && first == start
                && &text[toks[first - 1].bytes.end..toks[first].bytes.start] == ", "
                && KIN.contains(&word(first - 1))
                // ("his 15-year-old son, Andrew.": a few words in lower case may come between.)
                && {
                    let owner = |k: usize| {
                        matches!(
                            word(k),
                            "his" | "her" | "their" | "His" | "Her" | "Their"
                        )
                    };
                    (first.saturating_sub(6)..first - 1)
                        .rev()
                        .take_while(|&k| owner(k) || (!toks[k].capitalized && word(k) != ","))
                        .any(owner)
                }
                // Closed as an apposition: in "with his wife, Antara said" the agency speaks.
                && text[toks[j - 1].bytes.end..].starts_with([',', '.', ';']);
            // "the Clinton administration": a leader's, so a person's name (a body's would be
            // capitalized as part of it, "the Social Security Administration").
            titled |= text[toks[j - 1].bytes.end..].starts_with(" administration");
            // Everything up to the last title is title ("Russian President Vladimir Putin").
            // But not in the name of a place or body ("Princess Juliana Airport").
            // ("on" is in a run only inside a body's name: see `on_body`.)
            let named_after = words
                .last()
                .is_some_and(|w| PLACE_WORDS.contains(w) || ORG_WORDS.contains(w))
                || words.contains(&"on");
            // The words before the first title, when they may name the person's employer.
            let mut employer: Option<(String, usize)> = None;
            if let Some(t) = words
                .iter()
                .rposition(|w| TITLES.contains(w))
                .filter(|_| !named_after)
            {
                titled = true;
                let first_title = words.iter().position(|w| TITLES.contains(w)).unwrap_or(t);
                let prefix = &words[..first_title];
                if employer_before(prefix, words[first_title]) {
                    employer = Some((prefix.join(" "), first - start + prefix.len()));
                }
                words.drain(..=t);
                // The title's place or body goes with it ("Archbishop of Port-au-Prince",
                // "Mayor of Talca Ana Duarte").
                if words.first() == Some(&"of") {
                    words.drain(..words.len().min(2));
                }
            }
            // "Secretary of the Interior Bruce Babbitt", "Prime Minister of the United Kingdom
            // Tony Blair": the title's department or country, after "of the", goes with it too
            // (the run starts after "the"), when a name of two words is left. Not in "President
            // of the Republic of China" nor "of the United Nations Framework Convention".
            let department = match words.len() {
                3 => 1,
                4 if PLACES.contains(&words[..2].join(" ").as_str()) => 2,
                _ => 0,
            };
            if !titled
                && !named_after
                && department > 0
                && !words.contains(&"of")
                && first >= 3
                && word(first - 1) == "the"
                && word(first - 2) == "of"
                && TITLES.contains(&word(first - 3))
            {
                titled = true;
                words.drain(..department);
            }
            // A place glued before a name ("to Moscow Gary Koren"), but not the place a body is
            // named after ("the Paris Peace Forum", "Massachusetts Institute of Technology").
            if words.len() > 2
                && PLACES.contains(&words[0])
                && !named_after
                && !words.contains(&"of")
            {
                words.remove(0);
            }
            // Hyphenated modifiers ("Russian-Israeli", "Armageddon-style") are not names.
            if words.len() == 1 && words[0].contains('-') {
                words.clear();
            }
            while words
                .last()
                .is_some_and(|w| not_name(w) || CONNECTORS.contains(w))
            {
                words.pop();
            }
            // Nor is a faith, a creed or a region's adjective alone ("Islamic militants", "Arab
            // states", "Jews") or ending a name ("Roman Catholics", "Sunni Muslims"): no
            // person, body, place or event.
            if words.last().is_some_and(|w| GROUP_WORDS.contains(w)) {
                words.clear();
            }
            // Nor is a function word alone ("``Now I feel different", "Now with free access";
            // but "US" in capitals).
            if let [w] = words[..]
                && first < j
                && w == word(first)
                && toks[first].stop
                && w.chars().any(char::is_lowercase)
            {
                words.clear();
            }
            // After an opening quote (wire style's `` too), a colon or a dash a capital starts a
            // sentence too; so it does after a sentence's end that sentencex left inside the
            // sentence (quoted speech: "``I can't give them hope. Consolation is enough,''"),
            // but not after an abbreviation ("Ms. Ward", "St. Kitts").
            let before = text[..toks[start].bytes.start].trim_end();
            let after_stop = before.strip_suffix('.').is_some_and(|b| {
                b.rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
            });
            let initial = (start == 0
                || after_stop
                || before.ends_with(['“', '"', '`', ':', '(', '_', '—', '–', '?', '!']))
                && words.first() == Some(&word(start));
            // A dateline's agency ("AREQUIPA, Peru (Southern Wire) _ A magnitude…") is the
            // outlet that filed the report, not a name the report mentions.
            let agency = text[..toks[start].bytes.start].ends_with('(')
                && text[toks[j - 1].bytes.end..]
                    .strip_prefix(')')
                    .is_some_and(|rest| rest.trim_start().starts_with(['_', '—', '–', '-']));
            // An HTML entity left in the text ("Sky &AMP; Telescope") is no name.
            if agency || text[..toks[start].bytes.start].ends_with('&') {
                words.clear();
            }
            // The words around the name are read only where it is the whole run but for function
            // words in front: a title or a place cut from its front ("in Armenia Mraz
            // Khumoyan") stands between it and the word before.
            let whole = first < j
                && words.first() == Some(&word(first))
                && words.last() == Some(&word(j - 1));
            let place_cue = !titled && whole && place_cue(text, toks, first, j);
            let org_cue = !titled && whole && org_cue(text, toks, first, j);
            // A sentence's first word is capitalized whatever it is: when the story also writes
            // it in lower case, the name may start after it ("Residents of Chivay", "Many
            // Chileans"; but "New York Times"). `resolve` decides, from the story's other names.
            let opener = start == 0
                && words.len() > 1
                && words[0] == word(start)
                && !PARTICLES.contains(&words[0])
                && lower.has(words[0]);
            // A function word, an adverb or a verb's -ing form in front of a name of two words
            // or more ("Can Philippine Airlines", "Maybe Bill Gates", "Releasing Liu Nianchun")
            // at a sentence start is such a word too, though the story never writes it in lower
            // case. Not in front of a one-word rest ("Will Smith" is not "Smith"), nor of a name
            // with "of" in it ("Alexandre Vinokourov of Kazakhstan").
            let ordinary = |w: &str| {
                toks[start].stop
                    || matches!(w, "Maybe" | "Perhaps" | "Yes")
                    || w.len() >= 7 && w.ends_with("ing")
            };
            // (A long -ing form opens no name even before one word: "Accompanying Liu".)
            let long_ing = |w: &str| w.len() >= 9 && w.ends_with("ing");
            let loose_opener = !opener
                && (start == 0 || before.ends_with(['“', '"', '`', ':']))
                && (words.len() > 2 || (words.len() == 2 && long_ing(words[0])))
                && words[0] == word(start)
                && ordinary(words[0])
                && !words.contains(&"of");
            let rest: Vec<&str> = match words[..] {
                [_, ref rest @ ..] if opener || loose_opener => {
                    let k = rest
                        .iter()
                        .position(|w| !CONNECTORS.contains(w) && !not_name(w))
                        .unwrap_or(rest.len());
                    rest[k..].to_vec()
                }
                _ => Vec::new(),
            };
            // "Following Friday", "Many of Thursday": an ordinary word before no name at all.
            if opener && rest.is_empty() {
                words.clear();
            }
            let after_first = (!rest.is_empty()).then_some(&rest[..]);
            // The name as written, and whether it was a demonym (then the country's name).
            let join = |ws: &[&str]| {
                let name = ws
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        // An initial inside a name keeps its stop: "William H. Gates", and so
                        // do initials run together before the rest of a name, "F.W. de Klerk"
                        // (alone, "U.S." is a place's other name, as written without it).
                        if dotted_initial(w)
                            || (i + 1 < ws.len() && (dotted_initials(w) || peoples(w)))
                        {
                            return *w;
                        }
                        w.trim_end_matches(['\'', '’', '.'])
                            .trim_end_matches("’s")
                            .trim_end_matches("'s")
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                // "Swedish", and "Chileans" as "Chilean"; "U.S." is a place's other name. A
                // listed place of two words or more with "n" added is its people's adjective
                // too ("South African", "Sri Lankans"; not "Dominican" for Dominica).
                let one = name.strip_suffix('s').unwrap_or(&name);
                // (A region's too: "North African" of North Africa.)
                let demonym = DEMONYM_PLACES
                    .get(name.as_str())
                    .or_else(|| DEMONYM_PLACES.get(one))
                    .map(|p| (*p).to_string())
                    .or_else(|| {
                        one.strip_suffix('n')
                            .filter(|p| p.ends_with('a') && p.contains(' '))
                            .filter(|p| {
                                PLACES.contains(p) || region(&p.split(' ').collect::<Vec<_>>())
                            })
                            .map(str::to_string)
                    });
                match (demonym, NAME_ALIASES.iter().find(|(a, _)| *a == name)) {
                    (Some(place), _) => (place, true),
                    (None, Some((_, place))) => ((*place).to_string(), false),
                    (None, None) => (name, false),
                }
            };
            // The employer first: mentions stay in token order, without overlap (`coordinate`).
            let mut from = start;
            if let Some((name, len)) = employer.filter(|(n, _)| n.chars().count() >= 2) {
                out.push(Mention {
                    name,
                    demonym: false,
                    after_first: None,
                    titled: false,
                    initial: start == 0,
                    place_cue: false,
                    org_cue: true,
                    tokens: start..start + len,
                    listed_with: Vec::new(),
                    employer: true,
                });
                from = start + len;
            }
            // An abbreviation of a state that is also a word ("Redmond, Wash., headquarters"):
            // the state, where it stands as one, after a town and a comma and before its stop.
            if let [w] = words[..]
                && whole
                && before.ends_with(',')
                && text[toks[j - 1].bytes.end..].starts_with('.')
                && let Some((_, state)) = WORD_STATES.iter().find(|(a, _)| *a == w)
            {
                words = vec![state];
            }
            if !words.is_empty() {
                let (name, demonym) = join(&words);
                if name.chars().count() >= 2 {
                    out.push(Mention {
                        name,
                        demonym,
                        after_first: after_first
                            .map(|ws| join(ws).0)
                            .filter(|n| n.chars().count() >= 2),
                        titled,
                        initial,
                        place_cue,
                        org_cue,
                        tokens: from..j,
                        listed_with: Vec::new(),
                        employer: false,
                    });
                }
            }
            i = j;
        }
    }
    coordinate(text, &s.tokens, &mut out);
    out
}

/// Whether the capitalized words before a run's first title (`title`) may name the titled
/// person's employer ("Microsoft" of "Microsoft Chairman Bill Gates"). Not a possessive, a
/// people's adjective or a place ("Russian President …"), a rank's modifier ("Assistant Police
/// Chief"), nor a minister's portfolio ("Communications Minister", "Foreign Secretary", "Law and
/// Order Minister"; but "Foreign Office Minister" names a body). `resolve` keeps it only when the
/// story names it alone too, or a body's word ends it.
fn employer_before(prefix: &[&str], title: &str) -> bool {
    let Some(&last) = prefix.last() else {
        return false;
    };
    if prefix
        .iter()
        .any(|w| not_name(w) || w.ends_with("'s") || w.ends_with("’s"))
        || (prefix.len() == 1 && DEMONYM_PLACES.contains_key(prefix[0]))
        || PLACES.contains(&prefix.join(" ").as_str())
    {
        return false;
    }
    let modifier = matches!(
        prefix[0],
        "Assistant"
            | "Deputy"
            | "Vice"
            | "Acting"
            | "Former"
            | "Senior"
            | "Interim"
            | "Associate"
            | "Managing"
            | "Junior"
            | "First"
            | "Second"
    );
    let portfolio = matches!(
        title,
        "Minister" | "Secretary" | "Commissioner" | "Undersecretary"
    ) && !(prefix.len() > 1 && ORG_WORDS.contains(&last));
    !modifier && !portfolio
}

/// Tells each name written in a list ("Pichilemu, Constitución and Paredones") the names of the
/// list: names listed together are of one kind, so [`resolve`] lets a place among them count as a
/// place cue for the rest. A demonym is an adjective, in no list of names.
fn coordinate(text: &str, toks: &[concord_analyze::Token], out: &mut [Mention]) {
    // The words between two names: a comma, or a conjunction that ends the list. A comma alone
    // makes no list: "Mario Artaza, Chile's ambassador" and "Ernest Hollings, D-S.C." are
    // names in apposition.
    #[derive(PartialEq)]
    enum Gap {
        Comma,
        Conjunction,
        Other,
    }
    let gap = |a: &Mention, b: &Mention| {
        if a.demonym || b.demonym {
            return Gap::Other;
        }
        match &text[toks[a.tokens.end - 1].bytes.end..toks[b.tokens.start].bytes.start] {
            ", " => Gap::Comma,
            " and " | ", and " | " or " | ", or " => Gap::Conjunction,
            _ => Gap::Other,
        }
    };
    let mut first = 0;
    while first + 1 < out.len() {
        // Names joined by commas, the last by a conjunction: `first..=last`.
        let mut last = first + 1;
        while last < out.len() && gap(&out[last - 1], &out[last]) == Gap::Comma {
            last += 1;
        }
        if last == out.len() || gap(&out[last - 1], &out[last]) != Gap::Conjunction {
            first += 1;
            continue;
        }
        let names: Vec<String> = out[first..=last].iter().map(|m| m.name.clone()).collect();
        for m in &mut out[first..=last] {
            m.listed_with = names.clone();
        }
        first = last + 1;
    }
}

/// The words a story's articles write in lower case: a capital on one of them at a sentence
/// start says nothing ("Residents of Chivay" where another article writes "residents").
/// Each with how often it is written so.
pub(crate) struct LowerWords<'a> {
    counts: HashMap<&'a str, usize>,
    /// Those of them that are function words ("will", "now").
    stop: HashSet<&'a str>,
}

impl<'a> LowerWords<'a> {
    fn of(docs: &[Doc<'a>]) -> Self {
        let mut counts = HashMap::new();
        let mut stop = HashSet::new();
        for d in docs {
            for t in d.analysis.tokens().filter(|t| !t.capitalized && !t.numeric) {
                let word = &d.text[t.bytes.clone()];
                *counts.entry(word).or_insert(0) += 1;
                if t.stop {
                    stop.insert(word);
                }
            }
        }
        LowerWords { counts, stop }
    }

    /// Whether the story writes `word` in lower case as a word of its own, not a function word
    /// ("security" for "Security"; not "will" for "Will").
    fn has_content_word(&self, word: &str) -> bool {
        self.has(word) && !self.stop.contains(word.to_lowercase().as_str())
    }

    fn has(&self, word: &str) -> bool {
        self.times(word) > 0
    }

    /// How often the story writes `word` in lower case (0 for a word already in lower case).
    fn times(&self, word: &str) -> usize {
        let lower = word.to_lowercase();
        if lower == word {
            return 0;
        }
        self.counts.get(lower.as_str()).copied().unwrap_or(0)
    }
}

/// Token `k` as written, when it is not capitalized.
fn lower_word<'t>(text: &'t str, toks: &[concord_analyze::Token], k: usize) -> Option<&'t str> {
    let t = toks.get(k)?;
    (!t.capitalized).then(|| &text[t.bytes.clone()])
}

/// "People's" inside a name, where a possessive does not end it ("People's Republic of
/// China", "People's Liberation Army", "People's Daily").
fn peoples(word: &str) -> bool {
    matches!(word, "People's" | "People\u{2019}s")
}

/// A word in the possessive ("Russia's", "Russia’s").
fn possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("\u{2019}s")
}

/// Whether the words around the name in tokens `start..end` say it is a place.
fn place_cue(text: &str, toks: &[concord_analyze::Token], start: usize, end: usize) -> bool {
    let lower = |k: usize| lower_word(text, toks, k);
    let before = start.checked_sub(1).and_then(lower);
    let two_before = start.checked_sub(2).and_then(lower);
    // A possessive ends the name: "in Ferrer's view" says nothing of Ferrer.
    if possessive(&text[toks[end - 1].bytes.clone()]) {
        return false;
    }
    let follows = &text[toks[end - 1].bytes.end..];
    // "Talca, Chile." / "AREQUIPA, Peru (Southern Wire)": a country in apposition, not one
    // that starts a clause ("At the Games, India won") or a possessive ("Artaza, Chile's
    // ambassador").
    // ("Pensacola, Fla., abortion provider": a state's abbreviation too.)
    let aliases = NAME_ALIASES
        .iter()
        .filter(|(_, place)| PLACES.contains(place))
        .map(|(alias, _)| alias);
    let comma_place = follows.strip_prefix(", ").is_some_and(|rest| {
        PLACES.iter().chain(aliases).any(|p| {
            rest.strip_prefix(p).is_some_and(|after| {
                after.is_empty()
                    || after.starts_with([',', '.', ';', ':', ')'])
                    || after.starts_with(" (")
                    || after.starts_with(" _")
                    || after.starts_with(" \u{2014}")
            })
        }) || WORD_STATES.iter().any(|(a, _)| {
            rest.strip_prefix(a)
                .is_some_and(|after| after.starts_with('.'))
        })
    });
    before.is_some_and(|w| PLACE_BEFORE.contains(&w))
        || (before == Some("of") && two_before.is_some_and(|w| PLACE_OF.contains(&w)))
        || (follows.starts_with(' ') && lower(end).is_some_and(|w| PLACE_AFTER.contains(&w)))
        || comma_place
}

/// Whether the words around the name in tokens `start..end` say it names a business or body.
fn org_cue(text: &str, toks: &[concord_analyze::Token], start: usize, end: usize) -> bool {
    let lower = |k: usize| lower_word(text, toks, k);
    let possessive = possessive(&text[toks[end - 1].bytes.clone()]);
    // Right before, with nothing between: "a spokeswoman for the airline, Jackie Pash" is a person.
    let before = start
        .checked_sub(1)
        .filter(|&k| &text[toks[k].bytes.end..toks[start].bytes.start] == " ")
        .and_then(lower);
    before.is_some_and(|w| ORG_BEFORE.contains(&w))
        || (!possessive
            && text[toks[end - 1].bytes.end..].starts_with(' ')
            && lower(end).is_some_and(|w| ORG_AFTER.contains(&w)))
}

/// First words that make a name an event ("Operation Northern Shield", "Hurricane Mitch").
const EVENT_WORDS: &[&str] = &[
    "Operation",
    "Hurricane",
    "Typhoon",
    "Cyclone",
    "Storm",
    "Tropical",
    "Battle",
    "Summit",
    "Super",
];

/// Last words that make a name an event ("Indian Ocean Tsunami", "Columbus Day", "Gulf War").
const EVENT_LAST: &[&str] = &[
    "Tsunami",
    "Earthquake",
    "Day",
    "War",
    "Games",
    "Olympics",
    "Cup",
    "Championship",
    "Championships",
    "Festival",
    "Massacre",
    "Revolution",
    "Uprising",
    "Crisis",
];

/// Last words of the name of an agreement, a plan or a law ("Kyoto Protocol", "Bali Roadmap",
/// "Dayton Accords", "Condor Plan", "Sherman Act"): no person's name. They are typed as
/// organisations, as other named things are ("Sherman Act", "Climate Change": see
/// [`kind_of`]).
const DOCUMENT_LAST: &[&str] = &[
    "Protocol",
    "Treaty",
    "Accord",
    "Accords",
    "Agreement",
    "Pact",
    "Roadmap",
    "Plan",
    "Charter",
    "Declaration",
    "Memorandum",
    "Doctrine",
    "Act",
];

/// Words of a name before "of" that make "X of Y" one name ("Democratic Republic of Congo",
/// "Southern District of New York", "National Monuments of Chile"), besides organisation,
/// place and event words.
const NAMED_OF: &[&str] = &[
    "Republic",
    "District",
    "Kingdom",
    "Emirates",
    "Territory",
    "Duchy",
    "State",
    "States",
    "Order",
    "Friends",
    "Sisters",
    "Brothers",
    "Daughters",
    "Sons",
    "Knights",
    "Prisoner",
    "Lord",
    "Lady",
    // First words of bodies' names ("National Monuments of Chile").
    "National",
    "International",
    "Federal",
    "Royal",
    "Central",
    "Joint",
    "United",
];

/// How many of `words` are given names of the lists ([`crate::given_names`]).
fn given_names_in(words: &[&str]) -> usize {
    words
        .iter()
        .filter(|w| crate::given_names::female(w).is_some())
        .count()
}

/// Whether the capitalized words before an "of" are a person's name (two or three words
/// besides titles and initials, one after a ruler's title, or four of which two are given
/// names; none of a place, a people, a body or an event), so that what follows "of" is another
/// name: where the person is from or works.
fn person_before_of(run: &[&str]) -> bool {
    // The name after its titles, and after what they are of ("House Speaker Newt Gingrich of
    // Georgia").
    let after_title = run
        .iter()
        .rposition(|w| TITLES.contains(&w.trim_end_matches('.')))
        .map_or(0, |t| t + 1);
    let words: Vec<&str> = run[after_title..].to_vec();
    let named = words.iter().filter(|w| !initial_letter(w)).count();
    // A ruler's or cleric's title before one name is a person too ("King Fahd of Saudi
    // Arabia"); not any title ("Executive Yuan of Taiwan" is a cabinet).
    let ruler = run.len() == words.len() + 1
        && matches!(
            run[0].trim_end_matches('.'),
            "King" | "Queen" | "Prince" | "Princess" | "Pope" | "Sheik" | "Sheikh"
        );
    ((2..=3).contains(&named)
        || (ruler && named == 1)
        || (named == 4 && given_names_in(&words) >= 2))
        && words.iter().all(|w| {
            !TITLES.contains(w)
                && !PLACES.contains(w)
                && !DEMONYM_PLACES.contains_key(w)
                && !GROUP_WORDS.contains(w)
                && !CONNECTORS.contains(w)
                && !NAMED_OF.contains(w)
                && !ORG_WORDS.contains(w)
                && !ORG_FIRST.contains(w)
                && !PLACE_WORDS.contains(w)
                && !EVENT_LAST.contains(w)
                && !EVENT_WORDS.contains(w)
                && !PLACE_FIRST.contains(w)
                && !not_name(w)
        })
        && !PLACES.contains(&words.join(" ").as_str())
}

/// Words that English title case leaves in lower case: articles, conjunctions and short
/// prepositions ("Floods Cut Off Villages in the North").
const TITLE_CASE_MINOR: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "vs", "from", "into", "onto", "over", "with", "than",
];

/// Whether an "X of Y" name is a place by the word before its "of": a feature of the land or
/// sea ("Sea of Japan", "Strait of Hormuz", "Isle of Man"), a place's first word alone ("Cape of
/// Good Hope", "Port of Spain"; but "Port Authority of Israel" is a body), or any word but a
/// body's after a place ("Pacific Ring of Fire"; but "Chicago Board of Trade").
fn of_place(words: &[&str]) -> bool {
    let Some(of) = words.iter().position(|w| *w == "of") else {
        return false;
    };
    // "Republic of China", "Kingdom of Saudi Arabia": a state named for a listed place.
    const STATE_HEADS: &[&str] = &[
        "Republic",
        "Kingdom",
        "Federation",
        "Commonwealth",
        "Principality",
        "Sultanate",
        "Emirate",
    ];
    of > 0
        && of + 1 < words.len()
        && (PLACE_WORDS.contains(&words[of - 1])
            || (of == 1 && PLACE_FIRST.contains(&words[0]))
            || (STATE_HEADS.contains(&words[of - 1])
                && PLACES.contains(&words[of + 1..].join(" ").as_str()))
            || (PLACES.contains(&words[0])
                && !ORG_WORDS.contains(&words[of - 1])
                && !NAMED_OF.contains(&words[of - 1])))
}

/// The Earth, the Moon and the planets news reports land on or look at: places, unless a
/// title says the word is a person's name ("President Moon").
const CELESTIAL: &[&str] = &[
    "Earth", "Moon", "Mars", "Venus", "Mercury", "Jupiter", "Saturn", "Uranus", "Neptune",
];

/// A single capital letter: a name's initial ("H" of "William H. Gates").
fn initial_letter(word: &str) -> bool {
    word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase()
}

/// An initial with its stop, as a name's words hold it ("H." of "William H. Gates").
fn dotted_initial(word: &str) -> bool {
    word.strip_suffix('.').is_some_and(initial_letter)
}

/// Initials run together, each with its stop ("F.W." of "F.W. de Klerk"; also "U.S.").
fn dotted_initials(word: &str) -> bool {
    word.strip_suffix('.')
        .is_some_and(|w| w.split('.').all(initial_letter))
}

/// A short name in capitals ("NATO", "TASS"); a longer one is a word set in capitals, as a
/// dateline sets its place ("AREQUIPA, Peru").
fn acronym(name: &str) -> bool {
    (2..=5).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase())
}

/// What a story's mentions of one name say about it.
#[derive(Default)]
struct Seen {
    mentions: usize,
    /// A title preceded it at least once ("Mayor Ana Duarte").
    titled: bool,
    /// Written at least once away from a sentence start.
    mid_sentence: bool,
    docs: BTreeSet<usize>,
    /// Mentions whose words say it is a place ([`place_cue`]).
    place_cues: usize,
    /// Mentions whose words say it names a business or body ([`org_cue`]).
    org_cues: usize,
    /// For each mention in a list without a place cue of its own, the names of the list (its
    /// own among them: it is only read for names that are not places).
    lists: Vec<Vec<String>>,
}

/// A name's type from its words, the words around its mentions and how they were written.
/// `common_word` says whether the story uses a word as an ordinary word (written in lower case,
/// never alone as a name).
/// A part of a listed place named by its compass point ("North Africa", "Southern Europe",
/// "Central Asia").
fn region(words: &[&str]) -> bool {
    const POINTS: &[&str] = &[
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Northeast",
        "Northwest",
        "Southeast",
        "Southwest",
    ];
    matches!(words, [point, place] if POINTS.contains(point) && PLACES.contains(place))
}

fn kind_of(name: &str, seen: &Seen, common_word: &dyn Fn(&str) -> bool) -> &'static str {
    let Seen {
        mentions,
        titled,
        place_cues,
        org_cues,
        ..
    } = *seen;
    let words: Vec<&str> = name.split_whitespace().collect();
    // Words besides initials: "El Sayyid A. Nosair" is a name of three, "P. J. Crowley" one
    // with initials, which only a person's name has.
    let initials = words.iter().filter(|w| dotted_initial(w)).count();
    let named = words.len() - initials;
    // "World War II", "Vatican II": the event word comes before an ordinal.
    let numbered = match words[..] {
        [ref head @ .., last] if head.len() > 1 && matches!(last, "I" | "II" | "III" | "IV") => {
            head
        }
        _ => &words[..],
    };
    if words.len() > 1
        && (EVENT_WORDS.contains(&words[0])
            || numbered.last().is_some_and(|w| EVENT_LAST.contains(w)))
        || matches!(name, "El Nino" | "El Niño" | "La Nina" | "La Niña")
    {
        // (El Niño and La Niña: a climate pattern's episodes, named like people.)
        "event"
    } else if PLACES.contains(&name)
        || words.last().is_some_and(|w| PLACE_WORDS.contains(w))
        || region(&words)
        || name
            .strip_suffix(" State")
            .is_some_and(|place| PLACES.contains(&place))
    {
        // ("New York State": a listed place's state.)
        "place"
    } else if words
        .last()
        .is_some_and(|w| ORG_WORDS.contains(w) || DOCUMENT_LAST.contains(w))
        || (words.len() > 1 && ORG_FIRST.contains(&words[0]))
        || words.contains(&"on")
        || name.ends_with("Red Cross")
        || name.ends_with("Red Crescent")
    {
        "organisation"
    } else if words.len() > 1 && PLACE_FIRST.contains(&words[0]) && !words.contains(&"of") {
        // "St Kitts", "Mount Pinatubo", "Port Said", "Cape Town".
        "place"
    } else if of_place(&words) {
        // "Sea of Japan", "Cape of Good Hope", before "X of Y" reads as a body below.
        "place"
    } else if place_cues > 0 && place_cues * 3 >= mentions && !titled && !acronym(name) {
        // Written as a place in at least a third of its mentions ("in Chivay", "the Colca
        // valley"), and never with a title. An acronym is more often a body ("in NATO").
        "place"
    } else if acronym(name) || (org_cues > 0 && org_cues * 3 >= mentions && !titled) {
        // An acronym, or written as a business in at least a third of its mentions ("the
        // company Nordlys Space", "Nordlys Space chief executive …").
        "organisation"
    } else if words.iter().any(|w| PLACES.contains(w) || *w == "of") {
        // "Echo of Moscow", "Embassy of Israel": named after a place, so not a person.
        "organisation"
    } else if !titled && CELESTIAL.contains(&name) {
        // "the Moon's south pole"; but "President Moon" is a person.
        "place"
    } else if name.contains(|c: char| c.is_ascii_digit()) {
        // "Airbus A330", "Swissair MD-11": a model or a flight, never a person's name.
        "organisation"
    } else if !titled && words.len() > 1 && matches!(words[0], "La" | "Las" | "Los") {
        // "La Romana", "Las Terrazas", "Los Alamos": a Spanish article opens places' names,
        // not people's.
        "place"
    } else if !titled && words.len() > 1 && CREED_FIRST.contains(&words[0]) {
        // "Islamic Virtue" (the party, "the largest party is Islamic Virtue"), "Islamic Jihad":
        // no person's name opens with a creed.
        "organisation"
    } else if titled
        || (2..=3).contains(&named)
        || (initials > 0 && named == 1)
        || ((4..=5).contains(&named) && words.iter().any(|w| NAME_PARTICLES.contains(w)))
        || (named == 4 && given_names_in(&words) >= 2)
    {
        // Two or three words, or four or five with a particle ("Luiz Inacio Lula da Silva"),
        // or four of which two are known given names ("Yusef Ali Mohammed Zughayar",
        // "Mustafa Mahmoud Said Ahmed": a father's and a grandfather's name follow one's own).
        // But a person's family name is rarely a word the story also writes in lower case, and
        // when it is, the name is written alone too ("White said"). A name ending in such a
        // word, never alone, names a body, a law or a thing ("Social Security", "Red Cross",
        // "Sherman Act", "Climate Change"). On the dev stories 8 of about 170 such "people" were
        // people, all with the surname alone.
        if !titled && words.len() > 1 && common_word(words[words.len() - 1]) {
            "organisation"
        } else {
            "person"
        }
    } else {
        "organisation"
    }
}

/// The entities of a story's documents (in story order), most mentioned first.
pub fn entities(docs: &[Doc<'_>]) -> Vec<Entity> {
    listed(docs, resolve(docs).1)
}

/// The entity list from resolved names, most mentioned first.
pub(crate) fn listed(docs: &[Doc<'_>], merged: Merged) -> Vec<Entity> {
    let mut out: Vec<Entity> = merged
        .into_iter()
        .map(|(name, (mentions, ds, kind))| Entity {
            name,
            kind: kind.to_string(),
            mentions,
            articles: ds.into_iter().map(|d| docs[d].id.to_string()).collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Every name a story mentions → the entity it names (one-word names resolved to the person
/// they shorten) and that entity's type.
pub(crate) type NameIndex = BTreeMap<String, (String, &'static str)>;

/// A story's names as [`resolve`] read them, for reading its sentences again the same way
/// (conflicts): the index, and the story's lower-case words that [`sentence_mentions`] needs.
pub(crate) struct Names<'a> {
    pub(crate) index: NameIndex,
    pub(crate) lower: LowerWords<'a>,
}

pub(crate) type Merged = BTreeMap<String, (usize, BTreeSet<usize>, &'static str)>;

/// The story's names resolved: each name to its entity, and the entities with their mentions.
pub(crate) fn resolve<'a>(docs: &[Doc<'a>]) -> (Names<'a>, Merged) {
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let lower = LowerWords::of(docs);
    let mentions: Vec<Vec<Mention>> = docs.iter().map(|doc| mentions_of(doc, &lower)).collect();
    // An employer read before a title counts when the story names it on its own too, or when
    // a body's word ends it.
    let named_alone: BTreeSet<String> = mentions
        .iter()
        .flatten()
        .filter(|m| !m.employer)
        .map(|m| m.name.clone())
        .collect();
    let mentions: Vec<Vec<Mention>> = mentions
        .into_iter()
        .map(|ms| {
            ms.into_iter()
                .filter(|m| {
                    !m.employer
                        || named_alone.contains(&m.name)
                        || m.name
                            .rsplit(' ')
                            .next()
                            .is_some_and(|w| ORG_WORDS.contains(&w))
                })
                .collect()
        })
        .collect();
    // Names written away from a sentence start: a name that is one of these is a name.
    let confirmed: BTreeSet<String> = mentions
        .iter()
        .flatten()
        .filter(|m| !m.initial)
        .map(|m| m.name.clone())
        .collect();
    // Names as written in mixed case, by their lower-case form: a dateline sets its place in
    // capitals ("AREQUIPA, Peru"), which names the "Arequipa" of the text.
    let mixed: BTreeMap<String, String> = mentions
        .iter()
        .flatten()
        .filter(|m| m.name.chars().any(char::is_lowercase))
        .map(|m| (m.name.to_lowercase(), m.name.clone()))
        .collect();
    // A sentence-opening name that never occurs elsewhere, whose rest does ("Many Chileans"
    // where "Chileans" is written mid-sentence), is its rest; so is one that runs on into "of"
    // ("Residents of Chivay").
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (d, ms) in mentions.into_iter().enumerate() {
        for mut m in ms {
            if let Some(rest) = m.after_first.take()
                && !confirmed.contains(&m.name)
                && (confirmed.contains(&rest) || m.name.contains(" of "))
            {
                let full = std::mem::replace(&mut m.name, rest);
                renamed.push((full, m.name.clone()));
            }
            // Counted under the name as written; not indexed under the capitals, so that a
            // dateline (where the report was filed) is no fact for conflicts to compare.
            if !m.name.chars().any(char::is_lowercase) {
                match mixed.get(&m.name.to_lowercase()) {
                    Some(written) => m.name = written.clone(),
                    // Three words or more in capitals, written nowhere else: a wire service's
                    // note to editors ("STORY CAN END HERE", "OPTIONAL MATERIAL FOLLOWS") or a
                    // heading, not a name.
                    None if m
                        .name
                        .split(' ')
                        .filter(|w| !CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w)))
                        .count()
                        >= 3 =>
                    {
                        continue;
                    }
                    None => {}
                }
            }
            let e = seen.entry(m.name).or_default();
            e.mentions += 1;
            e.titled |= m.titled;
            e.mid_sentence |= !m.initial;
            e.docs.insert(d);
            e.place_cues += usize::from(m.place_cue);
            e.org_cues += usize::from(m.org_cue);
            if !m.place_cue && !m.listed_with.is_empty() {
                e.lists.push(m.listed_with);
            }
        }
    }

    // Single words written as names mid-sentence ("White said"), before the ordinary ones go.
    let alone: BTreeSet<String> = seen
        .iter()
        .filter(|(n, e)| !n.contains(' ') && e.mid_sentence)
        .map(|(n, _)| n.clone())
        .collect();
    // The last words of longer names: a surname opening a sentence ("Nouis said …" after "Maj.
    // Perry L. Nouis") is the name's, when the story never writes it in lower case.
    let last_words: BTreeSet<String> = seen
        .keys()
        .filter_map(|n| n.rsplit_once(' ').map(|(_, last)| last.to_string()))
        .collect();
    // Sentence-initial-only single words are usually ordinary words ("Relations", "Despite"),
    // and so is a single word the story writes in lower case at least as often ("Now", "More",
    // "Others"), unless a title or the place list says otherwise.
    seen.retain(|name, e| {
        name.contains(' ')
            || PLACES.contains(&name.as_str())
            || (e.mid_sentence && (e.titled || lower.times(name) < e.mentions))
            || (last_words.contains(name) && lower.times(name) == 0)
    });
    let common_word = |w: &str| !alone.contains(w) && lower.has_content_word(w);
    let kinds_of = |seen: &BTreeMap<String, Seen>| -> BTreeMap<String, &'static str> {
        seen.iter()
            .map(|(n, e)| (n.clone(), kind_of(n, e, &common_word)))
            .collect()
    };
    // A mention listed with a place is written as a place too ("Linares, Molina and
    // Rancagua"): a place cue, from what the story's words alone say of the others. Only for a
    // name those words left a body by default, with no cue of a body: a person's name beside
    // places is a person's ("Hillary Rodham Clinton and New York"), and so it was on the dev
    // stories, where names taken for bodies were mostly places.
    let alone_kinds = kinds_of(&seen);
    let mut listed = false;
    for (name, e) in seen.iter_mut() {
        if alone_kinds[name] != "organisation" || e.org_cues > 0 {
            continue;
        }
        let cues = e
            .lists
            .iter()
            .filter(|l| l.iter().any(|o| alone_kinds.get(o) == Some(&"place")))
            .count();
        e.place_cues += cues;
        listed |= cues > 0;
    }
    let kinds = if listed { kinds_of(&seen) } else { alone_kinds };
    // One-word names merge into the person's or event's name ending with them that the story
    // writes most often ("Koren" → "Gary Koren", "Olympics" → "Winter Olympics"), the longest
    // among equals (the last in name order among those). Most often, not longest: one
    // article's "President Fernando Henrique Cardoso Cardoso" took the 63 mentions of
    // "Cardoso" from the name written right 50 times, and "Clinton" went to "Hillary Rodham
    // Clinton" in stories about her husband. The table is built once: a scan of every name per
    // one-word name was a quarter of `compare`.
    let mut by_surname: HashMap<&str, &String> = HashMap::new();
    for n in seen
        .keys()
        .filter(|n| matches!(kinds[*n], "person" | "event"))
    {
        if let Some((_, last)) = n.rsplit_once(' ') {
            let best = by_surname.entry(last).or_insert(n);
            if (seen[n].mentions, n.len()) >= (seen[*best].mentions, best.len()) {
                *best = n;
            }
        }
    }
    // A one-word name that no person's name ends with, and that nothing but its form says is a
    // body (no cue, five mentions at most), may be the family name written first ("Zhang" of
    // Zhang Xiong, "Qin" of Qin Yongmin): it merges into the one two-word person's name
    // starting with it, if exactly one does.
    let mut by_first: HashMap<&str, Vec<&String>> = HashMap::new();
    for n in seen.keys().filter(|n| kinds[*n] == "person") {
        if let Some((first, rest)) = n.split_once(' ')
            && !rest.contains(' ')
        {
            by_first.entry(first).or_default().push(n);
        }
    }
    let family_first = |name: &str, read: &Seen| -> Option<String> {
        let people = by_first.get(name)?;
        // A body named alone again and again ("Swissair", 33 times beside one "Swissair
        // Flight") is a body.
        // A person's given name alone ("his wife, Lynne," of Lynne Slepian) merges too.
        // A name read as a person's is one however often it is written ("Liu", 10 times, of
        // Liu Nianchun).
        (people.len() == 1
            && (kinds[name] == "person"
                || (kinds[name] == "organisation" && read.org_cues == 0 && read.mentions <= 5))
            && !acronym(name))
        .then(|| people[0].clone())
    };
    // A short one-word name that opens two people's names or more ("Wang" of Wang Youcai, Wang
    // Dan and Wang Bingzhang) is a family name written first, shared: a person, though which
    // one the story cannot say. Typed a body only by its form, it stays unmerged as a person.
    // The second words must read as given names, a word of letters in mixed case: "Windows
    // CE", "Windows NT" and "Group B" are misread people whose first word names no one. (Family
    // names written first are short: at most six letters, which "Olympic" of "Olympic Torch"
    // and "Olympic Village" is not.)
    let given = |w: &str| {
        w.chars().count() >= 2
            && w.chars().all(char::is_alphabetic)
            && w.chars().any(char::is_lowercase)
    };
    let shared_family = |name: &str, read: &Seen| {
        kinds[name] == "organisation"
            && read.org_cues == 0
            && !acronym(name)
            && name.chars().count() <= 6
            && by_first.get(name).is_some_and(|people| {
                people
                    .iter()
                    .filter(|p| p.split_once(' ').is_some_and(|(_, rest)| given(rest)))
                    .count()
                    >= 2
            })
    };
    let mut merged: Merged = BTreeMap::new();
    let mut index = BTreeMap::new();
    // A numbered name is the longer one it ends if there is one ("Flight 111", opening a
    // sentence, of "Swissair Flight 111").
    let numbered_in = |name: &str| -> Option<String> {
        if !name.contains(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let tail = format!(" {name}");
        let mut longer = seen.keys().filter(|n| n.ends_with(&tail));
        let first = longer.next()?;
        longer.next().is_none().then(|| first.clone())
    };
    for (name, read) in &seen {
        let target = if let Some(longer) = numbered_in(name) {
            longer
        } else if name.contains(' ') {
            name.clone()
        } else {
            by_surname
                .get(name.as_str())
                .map(|n| (*n).clone())
                .or_else(|| family_first(name, read))
                .unwrap_or_else(|| name.clone())
        };
        let kind = if target == *name && shared_family(name, read) {
            "person"
        } else {
            kinds[&target]
        };
        index.insert(name.clone(), (target.clone(), kind));
        let e = merged.entry(target).or_insert((0, BTreeSet::new(), kind));
        e.0 += read.mentions;
        e.1.extend(read.docs.iter().copied());
    }
    // A renamed mention is read again by its full name elsewhere (conflicts): it names what its
    // rest names.
    for (full, rest) in renamed {
        if let Some(target) = index.get(&rest).cloned() {
            index.entry(full).or_insert(target);
        }
    }
    (Names { index, lower }, merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_analyze::{Analyzer, analyze_all, docs};
    use concord_core::Article;

    /// The entities of one story of these English texts.
    fn story_entities(texts: &[&str]) -> Vec<Entity> {
        let arts: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Article {
                language: Some("en".into()),
                ..Article::new(format!("a{i}"), *text)
            })
            .collect();
        let analyses = analyze_all(&Analyzer::new(), &arts);
        entities(&docs(&arts, &analyses))
    }

    /// [`story_entities`] as (name, type).
    fn kinds_of(texts: &[&str]) -> Vec<(String, String)> {
        story_entities(texts)
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect()
    }

    fn has(found: &[(String, String)], name: &str, kind: &str) -> bool {
        found.iter().any(|(n, k)| n == name && k == kind)
    }

    #[test]
    fn places_off_the_list_are_known_by_the_words_around_them() {
        let found = kinds_of(&[
            "PUERTO TALCA, Chile (Andes Wire) _ An earthquake damaged houses in Chivay on Saturday. \
             Roads to the Colca valley were blocked, and the district of Quillay lost power. \
             Governor Elena Quispe visited the damaged houses on Sunday. Rescuers came from \
             Puerto Talca, Chile. The A7 motorway was closed. Crowds filled Harbour Square \
             and Kestrel Stadium as a Falcon F-50 landed.",
            "Residents of Chivay slept outdoors. Many residents said Quispe had promised tents. \
             Officials in Brussels said NATO would help. Envoys met at NATO and NATO said so.",
            "Guards at the Abu Tarek prison were charged. Abu Tarek will close. Boats left \
             Marrow island, and a quiet Kelby suburb mourned. Kelby said nothing. A bomb hit \
             the Nahal Dorot market as HMS Kestrel docked. He grew up in the Shati refugee camp.",
        ]);
        for place in [
            "Chivay",
            "Colca",
            "Quillay",
            "Puerto Talca",
            "A7",
            "Harbour Square",
            "Kestrel Stadium",
            "Abu Tarek",
            "Marrow",
            "Kelby",
            "Nahal Dorot",
            "Shati",
        ] {
            assert!(has(&found, place, "place"), "{place}: {found:?}");
        }
        // A navy's ship is no person.
        assert!(has(&found, "HMS Kestrel", "organisation"), "{found:?}");
        // An aircraft's model is no person.
        assert!(has(&found, "Falcon F-50", "organisation"), "{found:?}");
        // A title says person, whatever the words around; an acronym stays a body.
        assert!(has(&found, "Elena Quispe", "person"), "{found:?}");
        assert!(has(&found, "NATO", "organisation"), "{found:?}");
        // A capital that only opens the sentence is not part of the name, and the dateline's
        // agency is the outlet, not a name the report mentions.
        assert!(
            found
                .iter()
                .all(|(n, _)| n != "Residents of Chivay" && n != "Andes Wire")
        );
        // The dateline's capitals name the town the text writes in mixed case.
        assert!(found.iter().all(|(n, _)| n != "PUERTO TALCA"), "{found:?}");
    }

    #[test]
    fn titles_and_their_places_are_not_part_of_the_name() {
        let found = story_entities(&[
            "Secretary of State Madeleine Albright met Chairman Arafat. Yasser Arafat spoke later. \
             Secretary of the Interior Bruce Babbitt came. Prime Minister of the United Kingdom \
             Tony Blair spoke, as did the President of the Republic of China and King Fahd of \
             Saudi Arabia. \
             The Archbishop of Port-au-Prince prayed. Planes landed at Princess Juliana Airport. \
             Chief Prosecutor Louise Arbour arrived on Monday, and the judges heard Arbour. \
             The minister met Police Commissioner Johan Smit and Deputy Prosecutor Graham \
             Blewitt on Tuesday.",
        ]);
        let names: Vec<(&str, &str, usize)> = found
            .iter()
            .map(|e| (e.name.as_str(), e.kind.as_str(), e.mentions))
            .collect();
        assert!(
            names.contains(&("Madeleine Albright", "person", 1)),
            "{names:?}"
        );
        assert!(names.contains(&("Yasser Arafat", "person", 2)), "{names:?}");
        assert!(names.contains(&("Bruce Babbitt", "person", 1)), "{names:?}");
        assert!(names.contains(&("Tony Blair", "person", 1)), "{names:?}");
        assert!(
            names.contains(&("Republic of China", "place", 1)),
            "{names:?}"
        );
        assert!(names.contains(&("Fahd", "person", 1)), "{names:?}");
        assert!(names.contains(&("Saudi Arabia", "place", 1)), "{names:?}");
        // Officers of the law are titled too, and their names merge with the surname alone.
        for name in [
            ("Louise Arbour", 2),
            ("Johan Smit", 1),
            ("Graham Blewitt", 1),
        ] {
            assert!(names.contains(&(name.0, "person", name.1)), "{names:?}");
        }
        assert!(
            names.contains(&("Princess Juliana Airport", "place", 1)),
            "{names:?}"
        );
        assert!(
            names
                .iter()
                .all(|(n, _, _)| !n.starts_with("of ") && !n.contains("Arafat ")),
            "{names:?}"
        );
    }

    #[test]
    fn notes_contractions_aliases_and_events_are_read_for_what_they_are() {
        let found = kinds_of(&[
            "Officials from the U.S. met Luiz Inacio Lula da Silva on Thursday's flight. We're \
             ready, Lula da Silva said. The Indian Ocean Tsunami and the Gulf War were recalled \
             (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS) and Israelis marched in London. \
             Officials said Relief was slow; relief came late, and relief ran out. Sky &AMP; \
             Telescope quoted him as saying ``Now we wait.''",
            "The U.N. Security Council met. UN envoys and the United Nations agency agreed, \
             said Sen. Charles Schumer in Amherst, N.Y., on Friday. Doctors in Ancaster, Ont., \
             and Palo Alto, Calif., agreed. Hundreds of Russian troops came. One-third of \
             Kelso was flooded. Many Turks and Swedes agreed.",
        ]);
        assert!(has(&found, "United States", "place"), "{found:?}");
        assert!(has(&found, "United Nations", "organisation"), "{found:?}");
        assert!(has(&found, "New York", "place"), "{found:?}");
        assert!(has(&found, "Ontario", "place"), "{found:?}");
        assert!(has(&found, "California", "place"), "{found:?}");
        assert!(has(&found, "Russia", "place"), "{found:?}");
        assert!(has(&found, "Turkey", "place"), "{found:?}");
        assert!(has(&found, "Sweden", "place"), "{found:?}");
        assert!(found.iter().any(|(n, _)| n == "Kelso"), "{found:?}");
        assert!(has(&found, "Israel", "place"), "{found:?}");
        assert!(
            has(&found, "Luiz Inacio Lula da Silva", "person"),
            "{found:?}"
        );
        for event in ["Indian Ocean Tsunami", "Gulf War"] {
            assert!(has(&found, event, "event"), "{event}: {found:?}");
        }
        for not in [
            "U.S",
            "U.N",
            "UN",
            "N.Y",
            "Ont",
            "Calif",
            "Hundreds of Russian",
            "One-third of Kelso",
            "Turks",
            "Swedes",
            "Thursday",
            "We",
            "STORY CAN END HERE",
            "OPTIONAL MATERIAL FOLLOWS",
            "Israelis",
            "Relief",
            "Now",
            "AMP",
        ] {
            assert!(found.iter().all(|(n, _)| n != not), "{not}: {found:?}");
        }
    }

    #[test]
    fn a_name_ending_in_a_word_written_in_lower_case_is_no_person_unless_written_alone() {
        let found = kinds_of(&[
            "Checks from Social Security were late, the Red Cross said. Social Security \
             blamed the red tape; no security guard was there and the cross was gone. \
             Mary Jo White, the prosecutor, spoke. A white van left, White said. \
             George Will wrote that it will end. Will Ortiz agreed.",
        ]);
        assert!(has(&found, "Social Security", "organisation"), "{found:?}");
        assert!(has(&found, "Red Cross", "organisation"), "{found:?}");
        // The family name is written alone, or is a function word in lower case.
        assert!(has(&found, "Mary Jo White", "person"), "{found:?}");
        assert!(has(&found, "George Will", "person"), "{found:?}");
    }

    #[test]
    fn regions_seas_and_former_states_are_places() {
        let found = kinds_of(&[
            "Talks on the Middle East resumed in Belgrade. Ships crossed the Atlantic toward \
             Latin America. Yugoslav officials met envoys of the Soviet Union in Zagreb.",
        ]);
        for place in [
            "Middle East",
            "Belgrade",
            "Atlantic",
            "Latin America",
            "Soviet Union",
            "Zagreb",
            "Yugoslavia",
        ] {
            assert!(has(&found, place, "place"), "{place}: {found:?}");
        }
        // A people's adjective alone names no entity of its own: it is its country.
        assert!(found.iter().all(|(n, _)| n != "Yugoslav"), "{found:?}");
    }

    #[test]
    fn bodies_named_head_first_and_companies_by_their_trade_are_organisations() {
        let found = kinds_of(&[
            "Agence France-Presse quoted Banco Santander and Instituto Nacional staff. Analysts \
             at Hughes Electronics agreed.",
        ]);
        for body in [
            "Agence France-Presse",
            "Banco Santander",
            "Instituto Nacional",
            "Hughes Electronics",
        ] {
            assert!(has(&found, body, "organisation"), "{body}: {found:?}");
        }
    }

    #[test]
    fn a_short_sentence_of_names_is_no_headline() {
        let found = kinds_of(&["He met President Johan Smit. Lawmakers Praise New Budget Deal."]);
        assert!(has(&found, "Johan Smit", "person"), "{found:?}");
        // Title case: its capitals are no names.
        assert!(
            found.iter().all(|(n, _)| !n.contains("Budget")),
            "{found:?}"
        );
    }

    #[test]
    fn names_listed_with_a_place_are_places() {
        let found = kinds_of(&[
            "The quake was felt in Linares, Molina and Rancagua. Rescuers reached Rancagua at \
             dawn. Officials in Rancagua said roads to Linares were open. Helen Ortiz, Lima's \
             mayor, and Mario Quispe, Cusco's mayor, flew to Rancagua. Helen Ortiz and Lima \
             officials met on Monday.",
        ]);
        for place in ["Linares", "Molina", "Rancagua"] {
            assert!(has(&found, place, "place"), "{place}: {found:?}");
        }
        // A name beside a place in apposition, or a person's listed with a place, stays a person.
        for person in ["Helen Ortiz", "Mario Quispe"] {
            assert!(has(&found, person, "person"), "{person}: {found:?}");
        }
    }

    #[test]
    fn a_feature_of_the_land_or_sea_named_after_another_place_is_a_place() {
        let found = kinds_of(&[
            "Tankers crossed the Strait of Hormuz and the Bay of Bengal. A ferry sank in the \
             Sea of Japan. The Isle of Man voted. Winds battered the Cape of Good Hope. The \
             Port Authority of Israel and the Bank of England issued statements. Japan lies on \
             the Pacific Ring of Fire, said the Chicago Board of Trade.",
        ]);
        for place in [
            "Strait of Hormuz",
            "Bay of Bengal",
            "Sea of Japan",
            "Isle of Man",
            "Cape of Good Hope",
            // Named after a place, and not a body's name ("Chicago Board of Trade").
            "Pacific Ring of Fire",
        ] {
            assert!(has(&found, place, "place"), "{place}: {found:?}");
        }
        for body in [
            "Port Authority of Israel",
            "Bank of England",
            "Chicago Board of Trade",
        ] {
            assert!(has(&found, body, "organisation"), "{body}: {found:?}");
        }
    }

    #[test]
    fn initials_and_abbreviated_titles_stay_with_the_name() {
        let story = story_entities(&[
            "Satellites will be turned, said Maj. Perry L. Nouis of the Air Force. Nouis said \
             power would be restored. The company said William H. Gates would appeal. Gates \
             spoke on Monday. P. J. Crowley declined to comment, and Ms. Chu left early. \
             Former President F.W. de Klerk met them.",
        ]);
        let of = |name: &str| story.iter().find(|e| e.name == name);
        for (name, mentions) in [("Perry L. Nouis", 2), ("William H. Gates", 2)] {
            let e = of(name).unwrap_or_else(|| panic!("{name}: {story:?}"));
            assert_eq!(
                (e.kind.as_str(), e.mentions),
                ("person", mentions),
                "{name}"
            );
        }
        // Initials alone with a surname, and a one-word name after "Ms.", are people's.
        assert_eq!(of("P. J. Crowley").map(|e| e.kind.as_str()), Some("person"));
        assert_eq!(of("Chu").map(|e| e.kind.as_str()), Some("person"));
        // No title or initial is left as a name of its own.
        for fragment in ["Maj", "Ms", "William H", "Gates", "Nouis"] {
            assert!(of(fragment).is_none(), "{fragment}: {story:?}");
        }
    }

    #[test]
    fn a_sentence_opening_adverb_is_no_part_of_a_name() {
        let found = kinds_of(&[
            "Dianne Feinstein spoke first. Then Feinstein left. Unlike Feinstein, Senator Boxer \
             stayed, as did reporters of USA Today.",
        ]);
        assert!(
            found
                .iter()
                .all(|(n, _)| !n.starts_with("Then") && !n.starts_with("Unlike")),
            "{found:?}"
        );
        assert!(has(&found, "Dianne Feinstein", "person"), "{found:?}");
        assert!(found.iter().any(|(n, _)| n == "USA Today"), "{found:?}");
    }

    #[test]
    fn a_family_name_written_first_is_its_person() {
        let story = story_entities(&[
            "The court sentenced Zhang Xiong to three years. Lawyers for Zhang said they would \
             appeal, and Zhang's wife wept. Nordlys Kraft reported a loss, and analysts said \
             that Nordlys would sell, that Nordlys would hire, that Nordlys would move, that \
             Nordlys would grow, that Nordlys would last and that Nordlys would win.",
        ]);
        let of = |name: &str| story.iter().find(|e| e.name == name);
        let zhang = of("Zhang Xiong").unwrap_or_else(|| panic!("{story:?}"));
        assert_eq!(
            (zhang.kind.as_str(), zhang.mentions),
            ("person", 3),
            "{story:?}"
        );
        assert!(of("Zhang").is_none(), "{story:?}");
        // A body named alone again and again stays one of its own.
        assert!(of("Nordlys").is_some(), "{story:?}");
    }

    #[test]
    fn a_person_of_a_place_or_a_body_is_two_names() {
        let found = kinds_of(&[
            "Rep. Barney Frank of Massachusetts met E. Gerald Corrigan of Goldman Sachs. Troops \
             of the Democratic Republic of Congo guard the Bank of America office, and the \
             National Monuments of Chile closed the site.",
        ]);
        for (name, kind) in [
            ("Barney Frank", "person"),
            ("Massachusetts", "place"),
            ("E. Gerald Corrigan", "person"),
            ("Democratic Republic of Congo", "place"),
            ("Bank of America", "organisation"),
            ("National Monuments of Chile", "organisation"),
        ] {
            assert!(has(&found, name, kind), "{name}: {found:?}");
        }
        assert!(found.iter().any(|(n, _)| n == "Goldman Sachs"), "{found:?}");
    }

    #[test]
    fn bodies_groups_peoples_and_wars_are_not_people() {
        let found = kinds_of(&[
            "The White House said the Red Cross and the United Nations would meet the Air \
             Force and the Israeli Cabinet. House Republicans and Orthodox Serbs objected, as \
             did South Africans and a Sri Lankan envoy. It was the worst crisis since World \
             War II, said Capitol Hill aides in Nova Scotia. It was 30 degrees Celsius at \
             Luton Station. The lander reached the Moon's south pole. The comet passed the \
             Earth and the Earth survived.",
        ]);
        for (name, kind) in [
            ("White House", "organisation"),
            ("Red Cross", "organisation"),
            ("United Nations", "organisation"),
            ("Air Force", "organisation"),
            ("Israeli Cabinet", "organisation"),
            ("South Africa", "place"),
            ("Sri Lanka", "place"),
            ("World War II", "event"),
            ("Capitol Hill", "place"),
            ("Nova Scotia", "place"),
            ("Luton Station", "place"),
            ("Moon", "place"),
            ("Earth", "place"),
        ] {
            assert!(has(&found, name, kind), "{name}: {found:?}");
        }
        // A party's members and a people name no entity of the four kinds.
        // Nor is a unit.
        for group in [
            "House Republicans",
            "Orthodox Serbs",
            "South Africans",
            "Celsius",
        ] {
            assert!(found.iter().all(|(n, _)| n != group), "{group}: {found:?}");
        }
        assert!(found.iter().all(|(_, k)| k != "person"), "{found:?}");
    }

    #[test]
    fn saints_mounts_and_forts_are_places() {
        let found = kinds_of(&[
            "Ships left St. Kitts for St. Croix. Mount Pinatubo erupted near Port Said. The \
             Port Authority of Israel agreed.",
        ]);
        for place in ["St Kitts", "St Croix", "Mount Pinatubo", "Port Said"] {
            assert!(has(&found, place, "place"), "{place}: {found:?}");
        }
        assert!(
            has(&found, "Port Authority of Israel", "organisation"),
            "{found:?}"
        );
    }

    #[test]
    fn businesses_are_known_by_the_words_around_them() {
        let found = kinds_of(&[
            "A lander built by the Danish company Nordlys Space touched down near the Moon. \
             \"We are there,\" Nordlys Space chief executive Ida Kjaer said. White House \
             spokesman Tom Reed welcomed it. A spokeswoman for the airline, Jackie Pash, said \
             flights to Europe would resume; European regulators agreed. Koren told radio \
             station Ekho Moskvy about it at the Paris Peace Forum. On Sept. 17 Intel Corp said \
             Swiss regulators agreed at 3 p.m. GMT.",
        ]);
        for body in [
            "Nordlys Space",
            "White House",
            "Ekho Moskvy",
            "Paris Peace Forum",
            "Intel Corp",
        ] {
            assert!(has(&found, body, "organisation"), "{body}: {found:?}");
        }
        // A comma between the noun and the name: an apposition of a person.
        for person in ["Ida Kjaer", "Tom Reed", "Jackie Pash"] {
            assert!(has(&found, person, "person"), "{person}: {found:?}");
        }
        // "European" names Europe, as "Danish" names Denmark and "Swiss" Switzerland.
        assert!(has(&found, "Europe", "place"), "{found:?}");
        assert!(has(&found, "Switzerland", "place"), "{found:?}");
        // A month's abbreviation and a time zone are no names.
        for not in ["European", "Swiss", "Sept", "GMT"] {
            assert!(found.iter().all(|(n, _)| n != not), "{not}: {found:?}");
        }
    }

    #[test]
    fn an_opening_word_is_dropped_only_when_the_rest_is_a_name_of_its_own() {
        let found = kinds_of(&[
            "Many Quechua voted early, as many hoped. Officials said Quechua wanted change. \
             New York Times reporters were there, the New York Times said. \
             De Klerk spoke later; critics of de Klerk and the new rules said little.",
        ]);
        assert!(found.iter().any(|(n, _)| n == "Quechua"), "{found:?}");
        assert!(found.iter().all(|(n, _)| n != "Many Quechua"), "{found:?}");
        // "new" is written in lower case too, but the full name stands elsewhere; "De" is part
        // of the name it opens.
        assert!(
            found.iter().any(|(n, _)| n == "New York Times"),
            "{found:?}"
        );
        assert!(found.iter().all(|(n, _)| n != "York Times"), "{found:?}");
        assert!(found.iter().any(|(n, _)| n == "De Klerk"), "{found:?}");
        // Never written in lower case, but an adverb, a function word or an -ing form before a
        // name written elsewhere; a given name before a surname is kept.
        let found = kinds_of(&[
            "``Maybe Bill Gates was right,'' an analyst said. A spokesman for Bill Gates did not \
             comment. Can Philippine Airlines survive? A pilot said Philippine Airlines would. \
             Releasing Liu Nianchun was a gesture; Liu Nianchun left on Friday. \
             Will Smith spoke. Then Smith left.",
        ]);
        for wrong in [
            "Maybe Bill Gates",
            "Can Philippine Airlines",
            "Releasing Liu Nianchun",
        ] {
            assert!(found.iter().all(|(n, _)| n != wrong), "{wrong}: {found:?}");
        }
        assert!(found.iter().any(|(n, _)| n == "Will Smith"), "{found:?}");
    }

    #[test]
    fn a_function_word_alone_is_no_name_but_a_country_in_capitals_is() {
        let found = kinds_of(&[
            "They said ``Now I can travel'' and ``Now I am free,'' and then, the man \
             said, ``What now?'' Officials of the US agreed with officials of the US.",
        ]);
        assert!(
            found.iter().all(|(n, _)| n != "Now" && n != "What"),
            "{found:?}"
        );
        assert!(has(&found, "United States", "place"), "{found:?}");
        // A faith's or a region's adjective alone is no entity; in a name it stays.
        let found = kinds_of(&[
            "Islamic militants met Arab envoys; the Arab League and Western diplomats said \
             Jews and Muslims marched. Islamic Jihad denied it. The largest party is Islamic \
             Virtue, and Virtue wants power. He began Koranic studies at four.",
        ]);
        for word in ["Islamic", "Arab", "Western", "Jews", "Muslims", "Koranic"] {
            assert!(found.iter().all(|(n, _)| n != word), "{word}: {found:?}");
        }
        assert!(found.iter().any(|(n, _)| n == "Arab League"), "{found:?}");
        assert!(found.iter().any(|(n, _)| n == "Islamic Jihad"), "{found:?}");
        // A creed opens a body's name, never a person's.
        assert!(has(&found, "Islamic Virtue", "organisation"), "{found:?}");
        assert!(!has(&found, "Islamic Virtue", "person"), "{found:?}");
        let found = kinds_of(&["Roman Catholics and Sunni Muslims prayed with Roman Catholics."]);
        assert!(found.is_empty(), "{found:?}");
        // A sentence's first word before a weekday is no name either: the name it opened lost
        // its weekday, not its first word.
        let found = kinds_of(&["Early Monday, rain fell. Early Tuesday, it fell again."]);
        assert!(found.iter().all(|(n, _)| n != "Early"), "{found:?}");
    }

    #[test]
    fn a_capital_after_a_full_stop_inside_quoted_speech_starts_a_sentence() {
        let texts = [
            "``They lost hope. Nobody came,'' said Susan Ward. ``We waited. Nobody called,'' \
             Ms. Ward said.",
        ];
        let found = kinds_of(&texts);
        // sentencex keeps each quote whole: "Nobody" is inside a sentence, after a stop.
        let analyzer = Analyzer::new();
        let a = analyzer.analyze(texts[0], Some("en"));
        assert!(
            a.sentences
                .iter()
                .any(|s| s.text(texts[0]).contains("hope. Nobody")),
            "the case this test is about is gone: sentencex splits inside quotes now"
        );
        assert!(found.iter().all(|(n, _)| n != "Nobody"), "{found:?}");
        // After an abbreviation a capital is no sentence start: "Ward" is still Susan Ward.
        let ward = story_entities(&texts)
            .into_iter()
            .find(|e| e.name == "Susan Ward")
            .expect("Susan Ward");
        assert_eq!(ward.mentions, 2);
    }

    #[test]
    fn people_places_and_organisations_merge_within_a_story() {
        let found = story_entities(&[
            "Chancellor Olaf Brandt met the Finance Ministry in Berlin on Monday. Brandt said talks with France would go on.",
            "In Berlin, Brandt told the German Parliament that the budget was sound. Parliament will vote next week.",
        ]);
        let get = |n: &str| {
            found
                .iter()
                .find(|e| e.name == n)
                .unwrap_or_else(|| panic!("{n}: {found:#?}"))
        };
        let brandt = get("Olaf Brandt");
        assert_eq!(
            (brandt.kind.as_str(), brandt.mentions, brandt.articles.len()),
            ("person", 3, 2)
        );
        assert_eq!(get("Berlin").kind, "place");
        assert_eq!(get("France").kind, "place");
        assert_eq!(get("Finance Ministry").kind, "organisation");
        assert!(
            found
                .iter()
                .all(|e| e.name != "Monday" && e.name != "Chancellor")
        );
        let kinds = kinds_of(&[
            "Residents fled as Hurricane Mitch neared the coast of Honduras on Friday.",
        ]);
        let kinds: Vec<(&str, &str)> = kinds
            .iter()
            .map(|(n, k)| (n.as_str(), k.as_str()))
            .collect();
        assert!(kinds.contains(&("Hurricane Mitch", "event")), "{kinds:?}");
        assert!(kinds.contains(&("Honduras", "place")), "{kinds:?}");
    }

    #[test]
    fn long_names_with_given_names_and_a_people_before_names() {
        let found = story_entities(&[
            "One bomber was Yusef Ali Mohammed Zughayar of Jerusalem. Zughayar had left home. \
             Britons Peter Kennedy and Darren Hickey were freed.",
        ]);
        let get = |n: &str| found.iter().find(|e| e.name == n);
        let bomber = get("Yusef Ali Mohammed Zughayar").expect("the whole name");
        assert_eq!((bomber.kind.as_str(), bomber.mentions), ("person", 2));
        assert_eq!(
            get("Peter Kennedy").map(|e| e.kind.as_str()),
            Some("person")
        );
        assert!(
            found.iter().all(|e| !e.name.starts_with("Britons")),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_set_off_as_kin_or_heading_an_administration_is_a_person() {
        let found = story_entities(&[
            "Dr. Barnett Slepian came home with his wife, Lynn, and greeted his sons. He met \
             his brother, Omar. He arrived with his wife, Antara said. The Clinton \
             administration agreed, as did the Social Security Administration at 08:30 BST.",
        ]);
        let kind = |n: &str| found.iter().find(|e| e.name == n).map(|e| e.kind.as_str());
        assert_eq!(kind("Lynn"), Some("person"), "{found:?}");
        assert_eq!(kind("Omar"), Some("person"), "{found:?}");
        // Not closed by a comma: the agency speaks after the clause.
        assert_ne!(kind("Antara"), Some("person"), "{found:?}");
        // A leader's administration.
        assert_eq!(kind("Clinton"), Some("person"), "{found:?}");
        // A clock's time zone is no name.
        assert_eq!(kind("BST"), None, "{found:?}");
        assert_eq!(
            kind("Social Security Administration"),
            Some("organisation"),
            "{found:?}"
        );
    }

    #[test]
    fn and_joins_a_body_s_name_but_not_two_names() {
        let found = kinds_of(&[
            "The Truth and Reconciliation Commission met the Securities and Exchange \
             Commission. The IMF and World Bank agreed; the Senate and House voted, and \
             Clinton and Blair spoke with President Rafsanjani and Parliament.",
        ]);
        for body in [
            "Truth and Reconciliation Commission",
            "Securities and Exchange Commission",
            "IMF",
            "World Bank",
            "Senate",
            "House",
            "Parliament",
        ] {
            assert!(has(&found, body, "organisation"), "{body}: {found:?}");
        }
        assert!(
            found
                .iter()
                .all(|(n, _)| !n.contains(" and ") || n.ends_with("Commission")),
            "{found:?}"
        );
    }

    #[test]
    fn on_goes_on_in_a_body_s_name_but_not_before_a_day_or_a_place() {
        let found = kinds_of(&[
            "The Intergovernmental Panel on Climate Change cited the International Covenant on \
             Civil and Political Rights. The European Convention on Terrorism applies. Annan briefed the \
             Security Council on Kosovo, and the Commission on Monday approved the plan.",
        ]);
        for body in [
            "Intergovernmental Panel on Climate Change",
            "International Covenant on Civil and Political Rights",
            "European Convention on Terrorism",
            "Security Council",
            "Commission",
        ] {
            assert!(has(&found, body, "organisation"), "{body}: {found:?}");
        }
        assert!(has(&found, "Kosovo", "place"), "{found:?}");
        assert!(
            found
                .iter()
                .all(|(n, _)| !n.ends_with(" on Kosovo") && !n.ends_with(" on Monday")),
            "{found:?}"
        );
    }

    #[test]
    fn agreements_plans_and_railway_lines_are_no_people() {
        let found = kinds_of(&[
            "Delegates adopted the Bali Roadmap after the Kyoto Protocol lapsed, and recalled the \
             Dayton Accords. The bomb went off on a Piccadilly Line train near Russell Square.",
        ]);
        for thing in ["Bali Roadmap", "Kyoto Protocol", "Dayton Accords"] {
            assert!(has(&found, thing, "organisation"), "{thing}: {found:?}");
        }
        assert!(has(&found, "Piccadilly Line", "place"), "{found:?}");
    }

    #[test]
    fn ranges_seas_and_named_areas_are_places() {
        let found = kinds_of(&[
            "Snow fell in the northern Rockies and the Pyrenees, and a storm crossed the \
             Adriatic. Police searched houses in the Burley, Beeston and Holbeck areas. New York \
             State passed a law.",
        ]);
        for place in [
            "Rockies",
            "Pyrenees",
            "Adriatic",
            "Burley",
            "Beeston",
            "Holbeck",
            "New York State",
        ] {
            assert!(has(&found, place, "place"), "{place}: {found:?}");
        }
    }

    #[test]
    fn titles_of_clerics_participles_and_el_nino_are_no_part_of_a_person_s_name() {
        let found = story_entities(&[
            "Sheik Omar Abdel Rahman and Ayatollah Ali Khamenei spoke. Accompanying Xu into exile \
             was his wife. Xu Wenli left Beijing. Mr. Xu wrote, Mr. Xu said, Mr. Xu smiled, Mr. \
             Xu waved, Mr. Xu left, and Mr. Xu slept. The drought brought by El Nino hit farms.",
        ]);
        let kind = |n: &str| found.iter().find(|e| e.name == n).map(|e| e.kind.as_str());
        assert_eq!(kind("Omar Abdel Rahman"), Some("person"), "{found:#?}");
        assert_eq!(kind("Ali Khamenei"), Some("person"), "{found:#?}");
        assert_eq!(kind("El Nino"), Some("event"), "{found:#?}");
        // "Xu" alone, six times: the family name of the one person named "Xu …".
        let xu = found
            .iter()
            .find(|e| e.name == "Xu Wenli")
            .map(|e| e.mentions);
        assert_eq!(xu, Some(8), "{found:#?}");
        assert!(found.iter().all(|e| !e.name.starts_with("Accompanying")));
    }

    #[test]
    fn kin_after_words_a_brigadier_s_title_and_dar_es_salaam() {
        let found = kinds_of(&[
            "He was chatting with his 15-year-old son, Andrew. Her daughter, Nicole, is married. \
             The bomb went off in Dar es Salaam. He wrote to the chairman of the Civil Aviation \
             Authority Brig. Gen. Fayez Zeidan.",
        ]);
        assert!(has(&found, "Andrew", "person"), "{found:?}");
        assert!(has(&found, "Nicole", "person"), "{found:?}");
        assert!(has(&found, "Dar es Salaam", "place"), "{found:?}");
        assert!(has(&found, "Fayez Zeidan", "person"), "{found:?}");
        assert!(
            found
                .iter()
                .all(|(n, _)| !n.ends_with("Brig") && n != "Salaam"),
            "{found:?}"
        );
    }

    #[test]
    fn states_written_as_words_regions_revolutions_republics_and_spanish_places() {
        let found = kinds_of(&[
            "They met at Microsoft's Redmond, Wash., headquarters. A Mobile, Ala., firm joined. \
             Wash the car, Miss Lee said. Annan flew to North Africa after the 1979 Islamic \
             Revolution was marked. The People's Republic of China and the Supreme People's \
             Court spoke; the People's Republic was founded in 1949.",
        ]);
        for (name, kind) in [
            ("Washington State", "place"),
            ("Redmond", "place"),
            ("Alabama", "place"),
            ("Mobile", "place"),
            ("North Africa", "place"),
            ("Islamic Revolution", "event"),
            ("People's Republic of China", "place"),
            ("Supreme People's Court", "organisation"),
            ("People's Republic", "place"),
        ] {
            assert!(has(&found, name, kind), "{name}: {found:?}");
        }
        let found = kinds_of(&[
            "Flights to La Romana resumed. He walked along Las Terrazas beach. The North African \
             state voted. The bill keeps Social Security checks flowing.",
        ]);
        for (name, kind) in [
            ("La Romana", "place"),
            ("Las Terrazas", "place"),
            ("North Africa", "place"),
            ("Social Security", "organisation"),
        ] {
            assert!(has(&found, name, kind), "{name}: {found:?}");
        }
        // Not a state where it is a word, and nothing cut from the People's Republic.
        assert!(
            found.iter().all(|(n, _)| !matches!(
                n.as_str(),
                "Wash" | "Mississippi" | "Ala" | "Republic of China" | "People"
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_flight_s_number_is_part_of_its_name_and_a_law_is_no_person() {
        let found = story_entities(&[
            "Swissair Flight 111 crashed off Nova Scotia. Flight 111 had left New York. The \
             Sherman Act bans monopolies.",
        ]);
        let get = |n: &str| found.iter().find(|e| e.name == n);
        assert_eq!(
            get("Swissair Flight 111").map(|e| e.mentions),
            Some(2),
            "{found:#?}"
        );
        assert!(get("Flight 111").is_none(), "{found:#?}");
        assert_eq!(
            get("Sherman Act").map(|e| e.kind.as_str()),
            Some("organisation")
        );
    }

    #[test]
    fn a_speaker_of_a_state_and_a_town_before_a_state_s_abbreviation() {
        let found = kinds_of(&[
            "He praised House Speaker Newt Gingrich of Georgia and President Eduardo Frei of \
             Chile. A Pensacola, Fla., doctor was shot.",
        ]);
        assert!(has(&found, "Newt Gingrich", "person"), "{found:?}");
        assert!(has(&found, "Eduardo Frei", "person"), "{found:?}");
        assert!(has(&found, "Georgia", "place"), "{found:?}");
        assert!(has(&found, "Pensacola", "place"), "{found:?}");
    }

    #[test]
    fn an_employer_before_a_title_is_named_but_not_a_portfolio() {
        let found = kinds_of(&[
            "Microsoft Chairman Bill Gates met the Palestinian Civil Aviation Authority Brig. \
             Gen. Fayez Zeidan. He said Microsoft would appeal. Communications Minister Imad \
             Falouji and Egyptian Foreign Minister Amr Moussa spoke; Assistant Police Chief Ray \
             Lee did not.",
        ]);
        assert!(has(&found, "Microsoft", "organisation"), "{found:?}");
        assert!(
            has(
                &found,
                "Palestinian Civil Aviation Authority",
                "organisation"
            ),
            "{found:?}"
        );
        assert!(has(&found, "Bill Gates", "person"), "{found:?}");
        for junk in ["Communications", "Egyptian Foreign", "Assistant Police"] {
            assert!(found.iter().all(|(n, _)| n != junk), "{junk}: {found:?}");
        }
    }

    #[test]
    fn a_family_name_that_opens_several_names_is_a_person() {
        let found = kinds_of(&[
            "Police detained Wang Youcai and Wang Dan in Hangzhou. Wang was held for a week. \
             Wang denied the charges, Wang told friends, and Wang wrote to the court. Wang \
             appealed, and Wang lost.",
            "The Palm Pilot and the Palm PC compete. Palm sells, Palm ships, Palm grows.",
        ]);
        assert!(has(&found, "Wang", "person"), "{found:?}");
        // "Palm PC" is no person's name, so only one name opens with "Palm".
        assert!(!has(&found, "Palm", "person"), "{found:?}");
    }

    #[test]
    fn a_surname_alone_joins_the_full_name_written_most_often() {
        // One article doubles a word of the name; the others write it right. And of two
        // people with one surname, the one the story names in full more often is meant.
        let found = story_entities(&[
            "President Fernando Henrique Cardoso Cardoso led with 52 percent. Cardoso thanked voters.",
            "Fernando Henrique Cardoso won the vote. Cardoso promised cuts, and Cardoso met bankers.",
            "Aides to Fernando Henrique Cardoso said Cardoso would travel. Fernando Henrique Cardoso \
             flies on Monday with his wife, Ruth Cardoso.",
        ]);
        let mentions = |n: &str| found.iter().find(|e| e.name == n).map(|e| e.mentions);
        assert_eq!(mentions("Fernando Henrique Cardoso"), Some(7), "{found:#?}");
        assert_eq!(mentions("Fernando Henrique Cardoso Cardoso"), Some(1));
        assert_eq!(mentions("Ruth Cardoso"), Some(1));
    }
}
