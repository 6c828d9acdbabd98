#!/usr/bin/env python3
"""Writes and checks the TOML conformance cases against Python's tomllib.

    python3 make-expected.py           generate byte cases, write missing/stale .json, report
    python3 make-expected.py --check   change nothing; exit 1 if anything is missing or disagrees

Layout (next to this script):
    valid/<area>/<name>.toml    + <name>.json   expected toml-test tagged JSON
    invalid/<area>/<name>.toml  [+ <name>.pos]  "LINE:COL" of the error, or "LINE" alone

Most cases are hand-written text files. Cases that need exact bytes (BOM,
CRLF, tabs, lone CR, NUL, control characters, invalid UTF-8, no final
newline) are defined in BYTE_CASES below and written by this script; their
.pos is computed from the offending byte (line of it, column = Unicode
scalars before it on its line + 1).

tomllib is the oracle for every case except those in TOMLLIB_WRONG, where
the TOML 1.0.0 specification (https://toml.io/en/v1.0.0) or the project's
design says otherwise; each entry says why.
"""
import datetime
import json
import math
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Cases that must be exact bytes.

BYTE_CASES = {}  # path (no extension) -> (bytes, offset of the offending byte or None)


def case(path, data, bad_at=None):
    assert path not in BYTE_CASES, path
    BYTE_CASES[path] = (data, bad_at)


def bad(path, before, offending, after=b"\n"):
    """An invalid case whose error is at the first byte of `offending`."""
    case(path, before + offending + after, len(before))


# Encoding: BOM, line endings, end of file.
case("valid/encoding/bom", b"\xef\xbb\xbfa = 1\n")
case("valid/encoding/bom-only", b"\xef\xbb\xbf")
case("valid/encoding/bom-then-table", b"\xef\xbb\xbf[t]\nx = 1\n")
case("valid/encoding/crlf-everywhere", b'a = 1\r\n[t]\r\nb = "x"\r\n')
case("valid/encoding/crlf-after-comment", b"# comment\r\na = 1\r\n")
case("valid/encoding/crlf-multiline-first-newline", b's = """\r\nabc"""\r\n')
case("valid/encoding/crlf-multiline-literal-first-newline", b"s = '''\r\nabc'''\r\n")
case("valid/encoding/crlf-line-ending-backslash", b's = """a \\\r\n   b"""\r\n')
case("valid/encoding/crlf-in-array", b"a = [\r\n  1,\r\n  2\r\n]\r\n")
case("valid/encoding/mixed-lf-crlf", b"a = 1\nb = 2\r\nc = 3\n")
case("valid/encoding/no-final-newline", b"a = 1")
case("valid/encoding/no-final-newline-comment", b"a = 1 # comment")
case("valid/encoding/no-final-newline-header", b"[t]")
case("valid/encoding/no-final-newline-string", b's = "x"')
case("valid/encoding/no-final-newline-multiline", b's = """x\ny"""')
case("valid/encoding/empty-file", b"")
case("valid/encoding/only-newlines", b"\n\n\n")
case("valid/encoding/only-crlf", b"\r\n\r\n")
case("valid/encoding/only-whitespace", b" \t \n\t\n  ")
case("valid/encoding/utf8-lengths", 's = ["é", "☃", "🎉", "\U0010FFFF"]\n'.encode())
case("valid/encoding/c1-control-in-string", 's = "\u0085"\n'.encode())
case("valid/encoding/c1-control-in-comment", "# \u0085 \u009f\na = 1\n".encode())
case("valid/encoding/nbsp-in-string", 's = "a\u00a0b"\n'.encode())
case("valid/encoding/feff-inside-string", 's = "a\ufeffb"\n'.encode())
case("valid/encoding/line-separator-in-string", 's = "a\u2028b"\n'.encode())
case("valid/encoding/noncharacter-in-string", 's = "\uffff"\n'.encode())

# Whitespace is space and tab, everywhere whitespace is allowed.
case("valid/encoding/tab-around-equals", b"a\t=\t1\n")
case("valid/encoding/tab-before-key", b"\ta = 1\n")
case("valid/encoding/tab-in-dotted-key", b"a\t.\tb = 1\n")
case("valid/encoding/tab-in-header", b"[\ta\t.\tb\t]\n")
case("valid/encoding/tab-in-array-table-header", b"[[\ta\t]]\n")
case("valid/encoding/tab-in-array", b"a = [\t1,\t2\t]\n")
case("valid/encoding/tab-in-inline-table", b"t = {\ta = 1\t}\n")
case("valid/encoding/tab-after-value", b"a = 1\t\n")
case("valid/encoding/tab-in-comment", b"# a\tb\na = 1\n")
case("valid/encoding/tab-in-basic-string", b's = "a\tb"\n')
case("valid/encoding/tab-in-literal-string", b"s = 'a\tb'\n")
case("valid/encoding/tab-in-multiline-basic", b's = """a\tb"""\n')
case("valid/encoding/tab-in-multiline-literal", b"s = '''a\tb'''\n")
case("valid/encoding/tab-after-line-ending-backslash", b's = """a\\\t\n\tb"""\n')
case("valid/encoding/tab-in-quoted-key", b'"a\tb" = 1\n')

# Invalid UTF-8, in every place text can stand.
bad("invalid/encoding/continuation-in-comment", b"# ", b"\x80")
bad("invalid/encoding/continuation-in-basic-string", b's = "', b"\x80", b'"\n')
bad("invalid/encoding/continuation-in-literal-string", b"s = '", b"\x80", b"'\n")
bad("invalid/encoding/continuation-in-multiline-basic", b's = """', b"\x80", b'"""\n')
bad("invalid/encoding/continuation-in-multiline-literal", b"s = '''", b"\x80", b"'''\n")
bad("invalid/encoding/continuation-as-key", b"", b"\x80", b" = 1\n")
bad("invalid/encoding/continuation-in-quoted-key", b'"', b"\x80", b'" = 1\n')
bad("invalid/encoding/continuation-as-value", b"a = ", b"\x80")
bad("invalid/encoding/continuation-in-header", b"[", b"\x80", b"]\n")
bad("invalid/encoding/truncated-two-byte", b's = "', b"\xc3", b'("\n')
bad("invalid/encoding/truncated-three-byte", b's = "', b"\xe2\x82", b'"\n')
bad("invalid/encoding/truncated-four-byte", b's = "', b"\xf0\x9f\x8e", b'"\n')
bad("invalid/encoding/truncated-at-eof", b"# ", b"\xe2\x82", b"")
bad("invalid/encoding/overlong-nul", b's = "', b"\xc0\x80", b'"\n')
bad("invalid/encoding/overlong-c1", b's = "', b"\xc1\xbf", b'"\n')
bad("invalid/encoding/overlong-three-byte", b's = "', b"\xe0\x80\xaf", b'"\n')
bad("invalid/encoding/overlong-four-byte", b's = "', b"\xf0\x80\x80\x80", b'"\n')
bad("invalid/encoding/surrogate-high", b's = "', b"\xed\xa0\x80", b'"\n')
bad("invalid/encoding/surrogate-low", b's = "', b"\xed\xbf\xbf", b'"\n')
bad("invalid/encoding/above-max-scalar", b's = "', b"\xf4\x90\x80\x80", b'"\n')
bad("invalid/encoding/byte-f5", b's = "', b"\xf5\x80\x80\x80", b'"\n')
bad("invalid/encoding/byte-fe", b"# ", b"\xfe")
bad("invalid/encoding/byte-ff", b"# ", b"\xff")
bad("invalid/encoding/utf16-le-bom", b"", b"\xff\xfe", b"a\x00 \x00=\x00 \x001\x00\n\x00")
bad("invalid/encoding/latin1-text", b's = "caf', b"\xe9", b'"\n')
bad("invalid/encoding/after-non-ascii-text", 's = "日本'.encode(), b"\x80", b'"\n')
bad("invalid/encoding/on-second-line", b"a = 1\n# ", b"\xff")
bad("invalid/encoding/after-non-ascii-comment", "# ☃ ü ".encode(), b"\xc3", b"\n")

# A BOM is allowed only as the very first thing in the file.
case("invalid/encoding/bom-twice", b"\xef\xbb\xbf\xef\xbb\xbfa = 1\n")
bad("invalid/encoding/bom-on-second-line", b"a = 1\n", b"\xef\xbb\xbf", b"b = 2\n")
bad("invalid/encoding/bom-after-key", b"a", b"\xef\xbb\xbf", b" = 1\n")

# A carriage return is only allowed as part of CRLF.
bad("invalid/encoding/lone-cr-line-ending", b"a = 1", b"\r", b"b = 2\n")
bad("invalid/encoding/lone-cr-in-comment", b"# a", b"\r", b"b\n")
bad("invalid/encoding/lone-cr-in-basic-string", b's = "a', b"\r", b'b"\n')
bad("invalid/encoding/lone-cr-in-literal-string", b"s = 'a", b"\r", b"b'\n")
bad("invalid/encoding/lone-cr-in-multiline-basic", b's = """a', b"\r", b'b"""\n')
bad("invalid/encoding/lone-cr-in-multiline-literal", b"s = '''a", b"\r", b"b'''\n")
bad("invalid/encoding/lone-cr-at-eof", b"a = 1", b"\r", b"")
bad("invalid/encoding/cr-cr-lf", b"a = 1", b"\r", b"\r\n")
bad("invalid/encoding/lone-cr-in-array", b"a = [1,", b"\r", b"2]\n")
bad("invalid/encoding/lone-cr-as-whitespace", b"a =", b"\r", b" 1\n")
case("invalid/encoding/lone-cr-after-line-ending-backslash", b's = """a\\\rb"""\n')

# NUL is a control character like the others, but the classic C-string bug.
bad("invalid/encoding/nul-in-comment", b"# ", b"\x00")
bad("invalid/encoding/nul-in-basic-string", b's = "', b"\x00", b'"\n')
bad("invalid/encoding/nul-in-literal-string", b"s = '", b"\x00", b"'\n")
bad("invalid/encoding/nul-in-multiline-basic", b's = """', b"\x00", b'"""\n')
bad("invalid/encoding/nul-in-multiline-literal", b"s = '''", b"\x00", b"'''\n")
bad("invalid/encoding/nul-as-whitespace", b"a =", b"\x00", b" 1\n")
bad("invalid/encoding/nul-after-value", b"a = 1", b"\x00")
bad("invalid/encoding/nul-in-bare-key", b"a", b"\x00", b"b = 1\n")
bad("invalid/encoding/nul-at-start", b"", b"\x00", b"")
bad("invalid/encoding/nul-in-quoted-key", b'"a', b"\x00", b'" = 1\n')

# Other control characters are not whitespace; nor is non-ASCII white space.
bad("invalid/encoding/vertical-tab-as-whitespace", b"a =", b"\x0b", b"1\n")
bad("invalid/encoding/form-feed-as-whitespace", b"a", b"\x0c", b"= 1\n")
bad("invalid/encoding/escape-char-as-whitespace", b"a = 1", b"\x1b", b"\n")
bad("invalid/encoding/del-after-value", b"a = 1 ", b"\x7f")
bad("invalid/encoding/nbsp-as-whitespace", b"a", "\u00a0".encode(), b"= 1\n")
bad("invalid/encoding/ideographic-space-as-whitespace", b"a =", "\u3000".encode(), b"1\n")
bad("invalid/encoding/control-in-quoted-key", b'"a', b"\x01", b'" = 1\n')
bad("invalid/encoding/control-in-literal-key", b"'a", b"\x1f", b"' = 1\n")

# Comments: "Control characters other than tab (U+0000 to U+0008, U+000A to
# U+001F, U+007F) are not permitted in comments." Every one of them.
for c in list(range(0x01, 0x09)) + [0x0B, 0x0C] + list(range(0x0E, 0x20)) + [0x7F]:
    bad(f"invalid/comment/control-{c:02x}", b"a = 1 # x", bytes([c]), b"y\n")

# Strings: the same control characters, raw, in each kind of string.
for c in [0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F]:
    bad(f"invalid/string/basic-control-{c:02x}", b's = "a', bytes([c]), b'b"\n')
for c in [0x08, 0x0B, 0x0C, 0x1F, 0x7F]:
    bad(f"invalid/string/literal-control-{c:02x}", b"s = 'a", bytes([c]), b"b'\n")
    bad(f"invalid/string/multiline-basic-control-{c:02x}", b's = """a\n', bytes([c]), b'b"""\n')
    bad(f"invalid/string/multiline-literal-control-{c:02x}", b"s = '''a\n", bytes([c]), b"b'''\n")

# End of file in the middle of things.
case("invalid/string/basic-unterminated-eof", b's = "abc')
case("invalid/string/literal-unterminated-eof", b"s = 'abc")
case("invalid/string/multiline-basic-unterminated-eof", b's = """abc')
case("invalid/string/multiline-literal-unterminated-eof", b"s = '''abc")
case("invalid/string/basic-escape-at-eof", b's = "abc\\')
case("invalid/key/missing-value-eof-no-newline", b"a =")
case("invalid/key/key-at-eof", b"a.b")
case("invalid/table/unterminated-eof-no-newline", b"[a")
case("invalid/array-of-tables/unterminated-eof-no-newline", b"[[a]")
case("invalid/array/unterminated-eof-after-comma", b"a = [1,")
case("invalid/inline-table/unterminated-eof-after-comma", b"t = { a = 1,")

# --------------------------------------------------------------------------
# Where tomllib disagrees with TOML 1.0.0 (or with this project's design).
#   "strip-bom":  the expected JSON is tomllib's answer for the input without its BOM.
#   "hand":       the expected .json is hand-written; tomllib cannot produce it.
#   "accepts":    an invalid case that tomllib accepts.

TOMLLIB_WRONG = {
    # The spec says a TOML file is UTF-8; a UTF-8 byte order mark is an
    # encoding signature, not content, and DESIGN.md says "accept a BOM".
    # tomllib.load decodes with plain "utf-8" and then sees U+FEFF as a stray
    # character.
    "valid/encoding/bom": ("strip-bom", "tomllib treats a leading BOM as content"),
    "valid/encoding/bom-only": ("strip-bom", "tomllib treats a leading BOM as content"),
    "valid/encoding/bom-then-table": ("strip-bom", "tomllib treats a leading BOM as content"),
    # ABNF: time-second = 2DIGIT ; 00-58, 00-59, 00-60 based on leap second
    # rules. Python's datetime has no second 60, so tomllib rejects it.
    "valid/datetime/leap-second-offset": ("hand", "Python datetime cannot hold second 60"),
    "valid/datetime/leap-second-local-time": ("hand", "Python datetime cannot hold second 60"),
    # "Arbitrary 64-bit signed integers (from -2^63 to 2^63-1) should be
    # accepted and handled losslessly. If an integer cannot be represented
    # losslessly, an error must be thrown." Python ints are unbounded, so
    # tomllib never throws.
    "invalid/integer/max-plus-one": ("accepts", "Python ints are unbounded"),
    "invalid/integer/min-minus-one": ("accepts", "Python ints are unbounded"),
    "invalid/integer/hex-overflow": ("accepts", "Python ints are unbounded"),
    "invalid/integer/octal-overflow": ("accepts", "Python ints are unbounded"),
    "invalid/integer/binary-overflow": ("accepts", "Python ints are unbounded"),
    "invalid/integer/huge": ("accepts", "Python ints are unbounded"),
}

# --------------------------------------------------------------------------
# Tagged JSON, as toml-test defines it.


def fraction(us):
    """'.123' for 123000 microseconds; '' for 0. Trailing zeros are dropped."""
    return ("." + f"{us:06d}".rstrip("0")) if us else ""


def clock(t):
    return f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}" + fraction(t.microsecond)


def tagged(v):
    if isinstance(v, dict):
        return {k: tagged(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tagged(x) for x in v]
    if isinstance(v, bool):
        return {"type": "bool", "value": "true" if v else "false"}
    if isinstance(v, int):
        return {"type": "integer", "value": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            text = "nan"
        elif math.isinf(v):
            text = "inf" if v > 0 else "-inf"
        else:
            text = repr(v)
        return {"type": "float", "value": text}
    if isinstance(v, str):
        return {"type": "string", "value": v}
    if isinstance(v, datetime.datetime):
        day = f"{v.year:04d}-{v.month:02d}-{v.day:02d}T" + clock(v)
        if v.tzinfo is None:
            return {"type": "datetime-local", "value": day}
        minutes = int(v.utcoffset().total_seconds()) // 60
        if minutes == 0:
            zone = "Z"
        else:
            sign = "+" if minutes > 0 else "-"
            zone = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        return {"type": "datetime", "value": day + zone}
    if isinstance(v, datetime.date):
        return {"type": "date-local", "value": f"{v.year:04d}-{v.month:02d}-{v.day:02d}"}
    if isinstance(v, datetime.time):
        return {"type": "time-local", "value": clock(v)}
    raise TypeError(type(v))


def to_microseconds(v):
    """Expected JSON may carry nanoseconds that tomllib truncates: compare at
    tomllib's precision (truncated, never rounded, as the spec requires)."""
    if isinstance(v, dict) and set(v) == {"type", "value"} and v["type"] in (
            "datetime", "datetime-local", "time-local"):
        text = v["value"]
        dot = text.find(".")
        if dot >= 0:
            end = dot + 1
            while end < len(text) and text[end].isdigit():
                end += 1
            digits = text[dot + 1:end][:6].rstrip("0")
            text = text[:dot] + ("." + digits if digits else "") + text[end:]
        return {"type": v["type"], "value": text}
    if isinstance(v, dict):
        return {k: to_microseconds(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_microseconds(x) for x in v]
    return v


def tomllib_parse(data):
    """tomllib.load's behaviour: strict UTF-8 decoding, then parsing."""
    return tomllib.loads(data.decode("utf-8"))


def position(data, offset):
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8")) + 1
    line = data.count(b"\n", 0, offset) + 1
    return f"{line}:{column}"


# --------------------------------------------------------------------------


def write_if_changed(path, data, check, problems):
    old = open(path, "rb").read() if os.path.exists(path) else None
    if old == data:
        return
    if check:
        problems.append(f"{path}: out of date (run without --check)")
    else:
        with open(path, "wb") as f:
            f.write(data)


def cases(kind):
    found = []
    for dirpath, _, names in os.walk(os.path.join(HERE, kind)):
        for n in names:
            if n.endswith(".toml"):
                found.append(os.path.relpath(os.path.join(dirpath, n[:-5]), HERE))
    return sorted(found)


def main():
    check = "--check" in sys.argv[1:]
    problems, allowed = [], []

    for path, (data, bad_at) in BYTE_CASES.items():
        os.makedirs(os.path.join(HERE, os.path.dirname(path)), exist_ok=True)
        write_if_changed(os.path.join(HERE, path + ".toml"), data, check, problems)
        if bad_at is not None:
            pos = (position(data, bad_at) + "\n").encode()
            write_if_changed(os.path.join(HERE, path + ".pos"), pos, check, problems)

    valid, invalid = cases("valid"), cases("invalid")
    for path in TOMLLIB_WRONG:
        if path not in valid and path not in invalid:
            problems.append(f"{path}: allow-listed but there is no such case")

    for path in valid:
        data = open(os.path.join(HERE, path + ".toml"), "rb").read()
        json_path = os.path.join(HERE, path + ".json")
        how, why = TOMLLIB_WRONG.get(path, (None, None))
        if how == "strip-bom":
            data = data.removeprefix(b"\xef\xbb\xbf")
        if how == "hand":
            try:
                tomllib_parse(data)
                problems.append(f"{path}: allow-listed ({why}) but tomllib now accepts it")
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError):
                allowed.append(f"{path}: tomllib rejects it: {why}; .json is hand-written")
            if not os.path.exists(json_path):
                problems.append(f"{path}: needs a hand-written .json")
            else:
                json.load(open(json_path, encoding="utf-8"))
            continue
        if how:
            allowed.append(f"{path}: {why}")
        try:
            got = tagged(tomllib_parse(data))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            problems.append(f"{path}: valid here, but tomllib rejects it: {e}")
            continue
        if os.path.exists(json_path):
            have = json.load(open(json_path, encoding="utf-8"))
            if to_microseconds(have) == got:
                continue  # up to date (perhaps with more precision than tomllib has)
        text = json.dumps(got, ensure_ascii=False, indent=2) + "\n"
        write_if_changed(json_path, text.encode(), check, problems)

    for path in invalid:
        data = open(os.path.join(HERE, path + ".toml"), "rb").read()
        how, why = TOMLLIB_WRONG.get(path, (None, None))
        try:
            tomllib_parse(data)
            accepted = True
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            accepted = False
        if accepted and how == "accepts":
            allowed.append(f"{path}: tomllib accepts it: {why}")
        elif accepted:
            problems.append(f"{path}: invalid here, but tomllib accepts it")
        elif how == "accepts":
            problems.append(f"{path}: allow-listed ({why}) but tomllib now rejects it")

    for line in allowed:
        print("allowed:", line)
    for line in problems:
        print("PROBLEM:", line)
    print(f"{len(valid)} valid, {len(invalid)} invalid, "
          f"{len(allowed)} allow-listed, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
