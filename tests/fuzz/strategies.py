"""Hostile input for the fuzz tests: Hypothesis strategies and the checks every response must pass.

Strings a visitor (or an attacker) can put in a query string or a path: NUL and other control
bytes, strings up to 10,000 characters, Unicode edge cases (bidi overrides, combining marks,
non-characters, astral characters, surrogates as encoded bytes), invalid UTF-8 and malformed
percent escapes, SQL and HTML/JS payloads, numbers far outside any sane range, and the same
parameter repeated.
"""

import os
import re
from urllib.parse import quote, quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# --- How hard to try -----------------------------------------------------------------------------
# Deterministic by default (derandomize: the same examples on every run, in CI and locally), so a
# red build is reproducible. FUZZ_PROFILE=explore searches randomly and longer, to hunt for new bugs.
_COMMON = {
    "deadline": None,  # a loaded two-core CI machine; speed is measured in benchmarks, not here
    "database": None,  # no .hypothesis/ folder; deterministic runs have nothing to replay
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
_PROFILES = {
    "ci": {"derandomize": True, "max_examples_scale": 1},
    "explore": {"derandomize": False, "max_examples_scale": 10},
}
_PROFILE = _PROFILES[os.environ.get("FUZZ_PROFILE", "ci")]


def fuzz_settings(max_examples: int, **overrides) -> settings:
    return settings(
        max_examples=max_examples * _PROFILE["max_examples_scale"],
        derandomize=_PROFILE["derandomize"],
        **{**_COMMON, **overrides},
    )


# --- Hostile values ------------------------------------------------------------------------------

# "hcgxss" never appears in the site's own pages, so finding one of these raw in a response can
# only mean the input was reflected without escaping.
MARKER = "hcgxss"
HTML_PAYLOADS = [
    f"<script>{MARKER}()</script>",
    f'"><img src=x onerror={MARKER}()>',
    f"' autofocus onfocus='{MARKER}()",
    f'" autofocus onfocus="{MARKER}()',
    f"<svg/onload={MARKER}()>",
    f"</title><script>{MARKER}()</script>",
    f"</textarea><script>{MARKER}()</script>",
    f"javascript:{MARKER}()",
    f"{{{{ {MARKER} }}}}{{% debug %}}",
    f"<a href='javascript:{MARKER}()'>x</a>",
]
# What a raw (unescaped) reflection of those looks like in HTML.
REFLECTED_RAW = re.compile(
    r"<script>hcgxss"
    r"|<img src=x onerror=hcgxss"
    r"|' autofocus onfocus='hcgxss"
    r"|\" autofocus onfocus=\"hcgxss"
    r"|<svg/onload=hcgxss"
    r"|<a href='javascript:hcgxss"
    r"|(?:href|src|action|formaction)\s*=\s*[\"']?\s*javascript:hcgxss",
    re.IGNORECASE,
)

SQL_PAYLOADS = [
    "' OR '1'='1",
    "1' OR 1=1 --",
    "'; DROP TABLE schools_institution; --",
    '" OR ""="',
    "1; SELECT pg_sleep(0)",
    "1 UNION SELECT NULL, NULL--",
    "%' AND 1=0 UNION SELECT password FROM auth_user --",
    "\\'",
    "%",
    "_",
    "%%",
    "[a-z]*",
    "'",
    '"',
    "`",
    "\\",
]

UNICODE_EDGE_CASES = [
    "\x00",
    "nurse\x00ing",
    "\x00\x00\x00",
    "\x01\x07\x1b[31m",
    "\r\nSet-Cookie: injected=1",
    "\u202enoitacude\u202c",  # right-to-left override
    "\u200f\u200e\u2066\u2067\u2068\u2069",  # bidi marks and isolates
    "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",  # a stack of combining accents
    "Z\u0351\u0363\u0364\u0350\u0357\u035e\u0327\u0315\u0489",  # "zalgo" text
    "\ufeff",  # byte order mark
    "\ufffd\ufffe\uffff",  # replacement character and non-characters
    "\u00a0\u2000\u2028\u2029\u3000",  # unusual spaces and line separators
    "\U0001f489\U0001f3e5\U0001f9d1\u200d\u2695\ufe0f",  # astral emoji and a ZWJ sequence
    "\u0130\u0131\u00df\ufb00",  # case-mapping oddities (İ ı ß ﬀ)
    "\uff1cscript\uff1e",  # fullwidth < and >
    "٣٤٥٦٧",  # Arabic-Indic digits (str.isdigit() is True for these)
    "１２３４５",  # fullwidth digits
    "NaN",
    "Infinity",
    "-0",
    "1e309",
    "0x1F",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "  02139  ",
    "02139-1234",
    "00000",
    "../../../../etc/passwd",
    "%00",
    "%2e%2e%2f",
    "null",
    "undefined",
    "None",
    "true",
    "[]",
    "{}",
]

# Raw bytes that are not valid UTF-8 (percent-encoded), including a UTF-16 surrogate encoded as
# UTF-8, overlong encodings and malformed escapes. Django decodes them with replacement characters.
INVALID_ENCODED = [
    "%ED%A0%80",  # U+D800, a lone surrogate, as (invalid) UTF-8
    "%ED%BF%BF",
    "%C0%AE%C0%AE%C0%AF",  # overlong "../"
    "%FF%FE%FD",
    "%C3",  # truncated two-byte sequence
    "%F4%90%80%80",  # beyond U+10FFFF
    "%",
    "%%",
    "%zz",
    "%0",
    "%E2%80%AE",  # U+202E, correctly encoded
]

SEARCH_PARAMETERS = [
    "career",
    "program",
    "q",
    "state",
    "zip",
    "radius",
    "award",
    "control",
    "level",
    "max_net_price",
    "online",
    "federal_aid",
    "include_closed",
    "sort",
    "page",
    "format",
]
# Valid values of the real search (tests/school_world.py has schools for them), so combinations get past validation
# to the results, the active filters and the page links, where the input is echoed back.
PLAUSIBLE = [
    "medical-biller-and-coder",
    "cancer-registrar",
    "51.0713",
    "51.0714",
    "Cedar",
    "college",
    "AL",
    "GA",
    "35801",
    "10",
    "25",
    "100",
    "250",
    "certificate-short",
    "certificate-long",
    "associate",
    "bachelor",
    "1",
    "2",
    "3",
    "distance",
    "name",
    "completions",
    "net_price",
    "earnings",
    "on",
    "false",
    "15000",
    "$15,000",
    "csv",
    "",
    "  ",  # a box holding only spaces is empty once stripped, and must count as empty everywhere
]

_printable_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_long_text = st.builds(
    lambda unit, length: (unit * (length // len(unit) + 1))[:length],
    st.sampled_from(["a", "9", "<script>", "' OR 1=1 --", "\u202e", "e\u0301", "\U0001f489", "\x00", "%"]),
    st.integers(min_value=1_000, max_value=10_000),
)
_number_text = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-5, max_value=100_000).map(str),
)

_with_nul = st.builds(lambda text, at: text[:at] + "\x00" + text[at:], _printable_text, st.integers(0, 40))

hostile_text = st.one_of(
    st.sampled_from(HTML_PAYLOADS + SQL_PAYLOADS + UNICODE_EDGE_CASES),
    st.sampled_from(HTML_PAYLOADS),
    st.sampled_from(PLAUSIBLE),
    _with_nul,
    _printable_text,
    _number_text,
    _long_text,
)
# Mostly one value; sometimes two pieces joined, e.g. a plausible value with a payload after it.
hostile_values = st.one_of(
    hostile_text, hostile_text, hostile_text, st.builds(lambda a, b: a + b, hostile_text, hostile_text)
)


def encode_value(value: str) -> str:
    return quote(value, safe="")


# A query-string value as it arrives on the wire: properly encoded text, invalid escapes, or raw
# unencoded bytes (WSGI hands those to Django as latin-1 characters).
_wire_value = st.one_of(
    hostile_values.map(encode_value),
    hostile_values.map(encode_value),
    hostile_values.map(encode_value),
    st.sampled_from(INVALID_ENCODED),
    st.binary(max_size=30).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.binary(max_size=20).map(lambda raw: raw.replace(b"&", b"").replace(b"=", b"").decode("latin-1")),
)
_parameter_name = st.one_of(
    st.sampled_from(SEARCH_PARAMETERS),
    st.sampled_from(SEARCH_PARAMETERS),
    st.sampled_from(["q[]", "page[]", "PAGE", "unitid", "csrfmiddlewaretoken", "", "q\x00", "__proto__"]),
)


@st.composite
def query_strings(draw, parameters=_parameter_name, max_pairs=8):
    """A whole query string: any number of (possibly repeated) parameters with hostile values."""
    pairs = draw(st.lists(st.tuples(parameters, _wire_value), max_size=max_pairs))
    separator = draw(st.sampled_from(["&", "&", "&&", "&amp;"]))
    return separator.join(f"{encode_value(name)}={value}" for name, value in pairs)


def single_parameter(name):
    """Query strings that set one parameter, once or repeated."""
    return query_strings(parameters=st.just(name), max_pairs=3)


# A path segment: encoded hostile text, invalid escapes, or numbers.
path_segments = st.one_of(
    hostile_values.map(encode_value),
    st.sampled_from(INVALID_ENCODED),
    st.sampled_from(["..", ".", "%2F", "%2e%2e", "a%2Fb", "%00", "~", "-", "_", "0"]),
    st.integers(min_value=0, max_value=10**12).map(str),
)


# --- What every response must satisfy -------------------------------------------------------------


def response_body(response) -> str:
    # A CSV export may stream.
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return raw.decode(response.charset or "utf-8", errors="replace")


def assert_handled_safely(response, request_description: str):
    """No server error, and no input reflected where a browser would run it."""
    assert response.status_code < 500, f"{response.status_code} for {request_description}"
    # Every response, HTML or not, tells the browser not to guess the type (CSV stays CSV).
    assert response.headers.get("X-Content-Type-Options") == "nosniff", request_description
    # A CR/LF payload must never become a header of its own (e.g. in a CSV file name).
    assert "injected" not in response.cookies, f"header injection for {request_description}"
    content_type = response.headers.get("Content-Type", "")
    body = response_body(response)
    if content_type.startswith("text/html"):
        match = REFLECTED_RAW.search(body)
        assert match is None, (
            f"input reflected unescaped ({match.group(0)!r} at character {match.start()}) for {request_description}"
        )
