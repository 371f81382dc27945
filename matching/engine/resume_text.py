"""What a resume's words mean, as plain data and patterns (pure; used by
`matching.engine.resume`): section headings, date spellings, degree
abbreviations, job-title and organisation words, places.

Kept apart from the parser so the vocabulary can grow without touching the
logic, and so tests can name a pattern directly.
"""

from __future__ import annotations

import re

# --- sections -----------------------------------------------------------------
# Exact headings first; then a short line is classified by its key word.
SECTION_HEADINGS = {
    "summary": ["summary", "profile", "professional summary", "about me", "objective",
                "career objective", "personal statement", "about", "research interests",
                "personal profile", "career summary", "executive summary", "overview"],
    "experience": ["experience", "work experience", "professional experience",
                   "employment", "employment history", "work history",
                   "career history", "academic appointments", "appointments",
                   "positions", "professional history", "relevant experience",
                   "berufserfahrung", "company details", "employment details",
                   "work details", "experience details"],
    "education": ["education", "education and training", "academic background",
                  "qualifications", "academic qualifications", "ausbildung",
                  "education details", "educational qualifications",
                  "academic details"],
    "skills": ["skills", "technical skills", "core skills", "key skills",
               "competencies", "core competencies", "skills and tools",
               "research skills", "it skills", "areas of expertise", "expertise",
               "tools", "technologies", "skills and abilities", "skill details",
               "skill set", "skillset", "technical skill",
               "software skills", "computer skills"],
    "projects": ["projects", "personal projects", "selected projects",
                 "project details", "academic projects", "key projects"],
    "certifications": ["certifications", "certificates", "licenses", "licences",
                       "certifications and licenses", "training"],
    "languages": ["languages", "spoken languages"],
    "awards": ["awards", "honors", "honours", "achievements", "awards and honors",
               "honors and awards", "honors and activities", "activities",
               "interests", "hobbies", "extracurricular activities", "leadership"],
    "publications": ["publications", "selected publications", "conference talks"],
    "volunteering": ["volunteering", "volunteer experience"],
    "references": ["references", "referees"],
    # Date of birth and the like: their dates are not work.
    "personal": ["personal details", "personal information", "personal data",
                 "personal dossier", "declaration", "strengths", "key strengths"],
}  # fmt: skip
HEADING_LOOKUP = {h: name for name, hs in SECTION_HEADINGS.items() for h in hs}
HEADING_KEYWORDS = [
    ("experience", ("experience", "employment", "career", "appointments")),
    ("education", ("education", "qualification", "academic")),
    ("skills", ("skill", "competenc", "expertise", "technolog")),
    ("awards", ("award", "honor", "honour", "activit", "achievement", "interest")),
    ("publications", ("publication",)),
    ("certifications", ("certific", "licen")),
]  # fmt: skip

# --- dates --------------------------------------------------------------------
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
     "dec"], start=1)}  # fmt: skip
_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
# One date: "Mar 2019", "March 2019", "6th March 2019", "2019-03", "2019/03",
# "03/2019", "3.2019", "2019".
DATE = (
    rf"(?:(?:\d\d?(?:st|nd|rd|th)?\s*)?(?P<{{p}}mon>{_MONTH_WORD})\s*'?(?P<{{p}}y1>{_YEAR})"
    rf"|(?P<{{p}}y4>{_YEAR})[-/.](?P<{{p}}mm2>0[1-9]|1[0-2])(?![\d])"
    rf"|(?P<{{p}}mm>0?[1-9]|1[0-2])[/.-](?P<{{p}}y2>{_YEAR})"
    rf"|(?P<{{p}}y3>{_YEAR}))"
)
PRESENT = (
    r"(?P<present>present|current(?:ly)?|now|today|(?:to|till|until) date|"
    r"till now|date|ongoing|heute|"
    r"aujourd'hui|actuel)"
)
_SEP = r"\s*(?:-|–|—|‐|‑|to|until|till|through|thru|bis|à)\s*"
DATE_RANGE = re.compile(
    r"(?<![\w/.-])(?:(?P<since>since|from|seit|depuis)\s+)?"
    + DATE.format(p="s")
    + rf"(?:{_SEP}(?:{PRESENT}|"
    + DATE.format(p="e")
    + r"))?(?![\w/])",
    re.IGNORECASE,
)
LONE_DATE = re.compile(rf"^\s*{DATE.format(p='x')}\s*(?:-|–|—|to)?\s*$", re.I)
RANGE_JOINER = re.compile(r"^\s*(?:-|–|—|to|until|till|through)\s*$", re.I)
LONE_END = re.compile(rf"^\s*(?:{PRESENT}|{DATE.format(p='e')})\s*$", re.I)
YEAR = re.compile(rf"\b{_YEAR}\b")

# --- run-on text ----------------------------------------------------------------
# Text dumps and some PDF text layers lose their line breaks: a heading, a bullet
# or a "label - value" pair then sits inside a long line.
RUN_ON_CHARS = 100  # a line longer than this may hold several lines
INLINE_BULLET = re.compile(r"(?<=\S)\s*(?=[•➢▪►◦✓→])|\s+(?=[*Øü]\s)")
# "company - Acme Ltd", "Designation: Analyst", "Duration :- 2016 to 2018".
LABEL = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z .]{0,24}?)\s*(?::-|:|-|–)\s*(?P<value>.*)$"
)
COMPANY_LABELS = {"company", "company name", "employer", "organisation",
                  "organization", "current company", "current employer"}  # fmt: skip
TITLE_LABELS = {"designation", "current designation", "position", "role",
                "job title", "title", "current role", "current position"}  # fmt: skip
# Labels that only introduce text (the dates, the role's description).
PLAIN_LABELS = {"description", "duration", "period", "tenure", "working period",
                "dates", "date"}  # fmt: skip
# A stated amount of experience: "5 years of experience", "Experience: 2 years
# 3 months", "Java - Experience - 24 months" (months per skill, as some job
# sites export it; "Exprience" is how one of them spells it).
STATED_EXPERIENCE = re.compile(
    r"(?P<years>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\.?"
    r"(?:\s*(?:and\s*)?(?P<ymonths>\d{1,2})\s*months?)?"
    r"\s*(?:of\s+)?(?:total\s+|overall\s+|professional\s+|work\s+|industry\s+|"
    r"relevant\s+|it\s+)?(?:work\s+)?exp(?:e)?rience"
    r"|exp(?:e)?rience\s*(?::-|:|-|–)?\s*(?:of\s+)?"
    r"(?:(?P<years2>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\.?"
    r"(?:\s*(?:and\s*)?(?P<months2>\d{1,2})\s*months?)?"
    r"|(?P<months>\d{1,3})\s*months?)"
    r"|(?:for|over)\s+the\s+(?:past|last)\s+(?P<years3>\d{1,2})\s*(?:years?|yrs?)",
    re.IGNORECASE,
)

# --- degrees ------------------------------------------------------------------
# Case matters for the short ones ("MA", "BS", "AS" are also words).
_DEGREE_EXACT = (
    r"B\.?\s?S\.?c?\.?|B\.?\s?A\.?|B\.?F\.?A\.?|B\.?B\.?A\.?|B\.?Com\.?|BCS|B\.?Eng\.?|"
    r"B\.?E\.?|B\.?Tech\.?|BSN|BN|B\.?Ed\.?|B\.?Arch|B\.?Pharm|LL\.?B\.?|LL\.?M\.?|"
    r"M\.?\s?S\.?c?\.?|M\.?\s?A\.?|M\.?B\.?A\.?|M\.?Eng\.?|M\.?Tech\.?|MChem|MPhys|MMath|"
    r"M\.?Phil\.?|M\.?F\.?A\.?|M\.?P\.?H\.?|M\.?Ed\.?|M\.?Res|MSN|M\.?C\.?A\.?|B\.?C\.?A\.?|"
    # India: school certificates (SSC, HSC), diplomas and master's abbreviations.
    r"S\.?S\.?C\.?|H\.?S\.?C\.?|PGDM|PGDBA|M\.?C\.?S\.?|MSC|BSC|"
    r"Ph\.?\s?D\.?|D\.?Phil\.?|Ed\.?D\.?|M\.?D\.?|J\.?D\.?|D\.?D\.?S\.?|D\.?M\.?D\.?|"
    r"Pharm\.?\s?D\.?|D\.?N\.?P\.?|D\.?P\.?T\.?|A\.?A\.?S\.?|A\.?A\.?|A\.?S\.?|"
    r"PGCE|PGDip|HND|HNC|BTEC|GCSEs?|A[- ]levels?|CPA|ACCA|ACA|CFA|"
    r"NVQ(?:\s+Level\s+\d)?|Certificate\s+(?:I{1,3}|IV|[1-4])|Diploma\s+of\s+\w+|"
    r"Diplom-\w+|Dipl\.-\w+\.?|Licence|Laurea|Abitur"
)
_DEGREE_WORDS = (
    r"(?:Bachelor|Master)(?:'?s)?(?:\s+of\s+(?:Applied\s+)?(?:Science|Arts|Fine\s+Arts|"
    r"Engineering|Laws|Business\s+Administration|Education|Nursing|Commerce|"
    r"Technology|Music|Philosophy|Public\s+Health|Architecture|Pharmacy|Social\s+Work))?"
    r"|Associate(?:'?s)?\s+(?:of|in)\s+(?:Applied\s+)?(?:Science|Arts)"
    r"|Associate(?:'?s)?\s+degree"
    r"|Doctor\s+of\s+(?:Philosophy|Medicine|Pharmacy|Dental\s+Surgery|Education|"
    r"Nursing\s+Practice|Physical\s+Therapy)"
    r"|Doctorate|High\s+School\s+Diploma|GED|Diploma"
)
DEGREE = re.compile(
    rf"(?<![\w.])(?:{_DEGREE_EXACT}|(?i:{_DEGREE_WORDS}))(?![\w])(?!\.\w)"
)

# --- titles, organisations, places --------------------------------------------


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_WORDS = _wordset("""
engineer engineering developer programmer architect scientist analyst manager
director head lead leader officer chief president vice vp consultant specialist
technician administrator coordinator assistant associate intern internship trainee
apprentice student teacher lecturer professor researcher fellow postdoctoral tutor
instructor nurse rn physician doctor surgeon pharmacist dentist hygienist therapist
carer caregiver worker aide paramedic midwife electrician plumber carpenter welder
mechanic fitter operative operator driver chef cook sous commis barista waiter
waitress bartender server cashier clerk receptionist accountant controller auditor
bookkeeper banker underwriter trader broker designer artist writer editor journalist
photographer producer solicitor lawyer attorney paralegal barrister counsel partner
representative rep salesperson sales executive recruiter advisor adviser planner
supervisor foreman superintendent inspector surveyor estimator buyer merchandiser
strategist marketer owner founder cofounder secretary agent officer practitioner
pharmacy labourer laborer handler picker packer loader courier dispatcher attendant
housekeeper concierge steward stewardess pilot technologist
""")
ORG_WORDS = _wordset("""
inc inc. llc ltd ltd. limited plc llp lp gmbh ag sa sas sarl sl s.l. bv b.v. nv n.v.
co co. corp corp. corporation company group holdings partners associates & hospital
clinic center centre medical health healthcare care home pharmacy bank capital
university college school institute academy council authority agency department
ministry services solutions systems technologies technology labs lab studio studios
atelier software consulting consultancy analytics logistics freight foods builders
construction electric energy media apparel outfitters retail insurance trust
foundation society nhs district infirmary kitchen grill bistro restaurant cafe café
hotel hôtel dental
""")
SCHOOL_WORDS = re.compile(
    r"\b(?:university|universit[äa]t|universidad|universit[ée]|college|school|"
    r"institute|institut|academy|polytechnic|hochschule|école|ecole|iit|iim|nit|"
    r"lmu|tu|eth|epfl|conservatoire|seminary)\b",
    re.IGNORECASE,
)

US_STATES = {
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "DC",
}
CA_PROVINCES = {"ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE"}
IN_STATES = {
    "andhra pradesh", "assam", "bihar", "chhattisgarh", "goa", "gujarat", "haryana",
    "himachal pradesh", "jharkhand", "karnataka", "kerala", "madhya pradesh",
    "maharashtra", "odisha", "punjab", "rajasthan", "tamil nadu", "telangana",
    "uttar pradesh", "uttarakhand", "west bengal", "delhi",
}  # fmt: skip
AU_STATES = {"NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"}
COUNTRY_NAMES = {
    "united states": "US", "usa": "US", "us": "US", "united states of america": "US",
    "united kingdom": "GB", "uk": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "great britain": "GB",
    "ireland": "IE", "germany": "DE", "deutschland": "DE", "france": "FR",
    "spain": "ES", "españa": "ES", "italy": "IT", "italia": "IT",
    "netherlands": "NL", "the netherlands": "NL", "belgium": "BE",
    "switzerland": "CH", "austria": "AT", "österreich": "AT", "portugal": "PT",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI",
    "poland": "PL", "czech republic": "CZ", "czechia": "CZ", "romania": "RO",
    "greece": "GR", "canada": "CA", "australia": "AU", "new zealand": "NZ",
    "india": "IN", "singapore": "SG", "japan": "JP", "china": "CN",
    "south africa": "ZA", "nigeria": "NG", "kenya": "KE", "brazil": "BR",
    "mexico": "MX", "argentina": "AR", "united arab emirates": "AE", "uae": "AE",
    "philippines": "PH", "pakistan": "PK", "israel": "IL", "turkey": "TR",
}  # fmt: skip
# Cities people often write alone ("London"): a small list, not a gazetteer.
CITIES = {
    "london": "GB", "manchester": "GB", "birmingham": "GB", "leeds": "GB",
    "glasgow": "GB", "edinburgh": "GB", "bristol": "GB", "liverpool": "GB",
    "cardiff": "GB", "belfast": "GB", "sheffield": "GB", "newcastle": "GB",
    "nottingham": "GB", "cambridge": "GB", "oxford": "GB", "york": "GB",
    "dublin": "IE", "cork": "IE", "galway": "IE",
    "berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE",
    "frankfurt": "DE", "cologne": "DE", "köln": "DE", "stuttgart": "DE",
    "paris": "FR", "lyon": "FR", "marseille": "FR", "toulouse": "FR", "nice": "FR",
    "madrid": "ES", "barcelona": "ES", "valencia": "ES", "lisbon": "PT",
    "amsterdam": "NL", "rotterdam": "NL", "utrecht": "NL", "brussels": "BE",
    "zurich": "CH", "zürich": "CH", "geneva": "CH", "vienna": "AT", "wien": "AT",
    "milan": "IT", "rome": "IT", "stockholm": "SE", "oslo": "NO",
    "copenhagen": "DK", "helsinki": "FI", "warsaw": "PL", "prague": "CZ",
    "toronto": "CA", "vancouver": "CA", "montreal": "CA", "ottawa": "CA",
    "calgary": "CA", "sydney": "AU", "melbourne": "AU", "brisbane": "AU",
    "perth": "AU", "auckland": "NZ", "singapore": "SG", "bengaluru": "IN",
    "bangalore": "IN", "mumbai": "IN", "delhi": "IN", "new delhi": "IN",
    "hyderabad": "IN", "chennai": "IN", "pune": "IN", "dubai": "AE",
    "new york": "US", "new york city": "US", "nyc": "US", "chicago": "US",
    "boston": "US", "seattle": "US", "san francisco": "US", "los angeles": "US",
    "austin": "US", "denver": "US", "atlanta": "US", "miami": "US",
    "houston": "US", "dallas": "US", "phoenix": "US", "philadelphia": "US",
    "washington": "US", "pittsburgh": "US", "portland": "US", "san diego": "US",
    "tokyo": "JP", "hong kong": "HK", "johannesburg": "ZA", "cape town": "ZA",
    "lagos": "NG", "nairobi": "KE", "são paulo": "BR", "mexico city": "MX",
}  # fmt: skip
# Email domains that say a country (".co.uk" → GB); generic ones say nothing.
TLD_COUNTRY = {
    "uk": "GB", "ie": "IE", "de": "DE", "fr": "FR", "es": "ES", "it": "IT",
    "nl": "NL", "be": "BE", "ch": "CH", "at": "AT", "pt": "PT", "se": "SE",
    "no": "NO", "dk": "DK", "fi": "FI", "pl": "PL", "ca": "CA", "au": "AU",
    "nz": "NZ", "in": "IN", "sg": "SG", "za": "ZA", "jp": "JP",
}  # fmt: skip
NAME_PREFIXES = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof",
                 "prof.", "professor", "miss", "mx"}  # fmt: skip
NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "del", "la", "le",
                  "du", "dos", "bin", "al", "ben", "st", "mac", "y"}  # fmt: skip
NOT_NAMES = {
    "curriculum vitae",
    "resume",
    "résumé",
    "cv",
    "contact",
    "personal details",
}
