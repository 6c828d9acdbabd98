#!/usr/bin/env python3
"""Fills a man page template from the argument parser's description of the CLI.

    oneonone --experimental-dump-help | manpage.py TEMPLATE VERSION DATE > PAGE

The template is troff (man macros) with these lines or words replaced:

  @VERSION@    VERSION, e.g. 0.1.0
  @DATE@       DATE, e.g. 2026-12-04
  @SYNOPSIS@   one .SY block per command, from its arguments
  @COMMANDS@   a .SS per command: its abstract, discussion and own options
  @OPTIONS@    the options every command takes, each once

Reading stdin is optional: a template without @SYNOPSIS@, @COMMANDS@ and
@OPTIONS@ (oneonone.toml.5) only gets the version and date.
"""

import json
import sys


def roff(text):
    """Text safe on a troff text line: backslashes and dashes escaped,
    non-ASCII as \\[uXXXX], no control word at the start of a line."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\e")
        elif ch == "-":
            out.append("\\-")
        elif ord(ch) > 126:
            out.append("\\[u%04X]" % ord(ch))
        else:
            out.append(ch)
    line = "".join(out)
    return "\\&" + line if line[:1] in (".", "'") else line


def sentence(text):
    """Text that ends with a full stop (abstracts are written as phrases)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "\u2026")) else text + "."


def visible(arguments):
    return [a for a in arguments or [] if a.get("shouldDisplay", True)]


def flag_name(argument):
    names = argument.get("names") or []
    longs = [n["name"] for n in names if n["kind"] in ("long", "longWithSingleDash")]
    shorts = [n["name"] for n in names if n["kind"] == "short"]
    parts = ["-" + s for s in shorts] + ["--" + l for l in longs]
    return parts


def key(argument):
    """What makes two arguments the same option in different commands."""
    return (argument["kind"], tuple(flag_name(argument)), argument.get("abstract", ""))


def leaves(command, path=()):
    """Every runnable command: (its words after the tool's name, its info)."""
    path = path + (command["commandName"],)
    subcommands = [s for s in command.get("subcommands") or [] if s.get("shouldDisplay", True)]
    if not subcommands:
        yield path[1:], command
    for sub in subcommands:
        yield from leaves(sub, path)


def common_options(root):
    """The options every command takes (the store paths, --help, --version),
    not counting the parser's own `help` command, which takes none of them."""
    ours = [c for path, c in leaves(root) if path != ("help",)]
    sets = [set(key(a) for a in visible(c.get("arguments"))) for c in ours]
    shared = set.intersection(*sets) if sets else set()
    ordered = []
    for command in ours:
        for argument in visible(command.get("arguments")):
            if key(argument) in shared and key(argument) not in [key(o) for o in ordered]:
                ordered.append(argument)
    return ordered


def option_term(argument):
    """The .TP term of an option: `\\fB\\-\\-on\\fR \\fIon\\fR`, `\\fB\\-h\\fR, \\fB\\-\\-help\\fR`."""
    if argument["kind"] == "positional":
        return "\\fI" + roff(argument["valueName"]) + "\\fR"
    names = ", ".join("\\fB" + roff(n) + "\\fR" for n in flag_name(argument))
    if argument["kind"] == "option":
        names += " \\fI" + roff(argument["valueName"]) + "\\fR"
    return names


def synopsis_line(argument):
    """One argument in a .SY block."""
    optional = argument.get("isOptional", False)
    repeating = "\\&..." if argument.get("isRepeating") else ""
    if argument["kind"] == "positional":
        name = roff(argument["valueName"])
        return (".RI [ %s ]%s" % (name, repeating)) if optional else (".I %s%s" % (name, repeating))
    flag = roff(flag_name(argument)[-1])
    value = roff(argument["valueName"]) if argument["kind"] == "option" else ""
    if optional:
        return (".OP %s %s" % (flag, value)).rstrip()
    return (".B %s" % flag) if not value else ("\\fB%s\\fR \\fI%s\\fR" % (flag, value))


def synopsis(root, shared):
    lines = []
    for path, command in leaves(root):
        lines.append('.SY "%s"' % roff(" ".join((root["commandName"],) + path)))
        arguments = visible(command.get("arguments"))
        if any(key(a) in shared for a in arguments):
            lines.append(".RI [ options ]")
        lines.extend(synopsis_line(a) for a in arguments if key(a) not in shared)
        lines.append(".YS")
    lines.append(".SY %s" % roff(root["commandName"]))
    lines.append(".B \\-\\-version")
    lines.append(".YS")
    return lines


def commands(root, shared):
    lines = [".SH COMMANDS"]

    def describe(command, path):
        lines.append(".SS %s" % roff(" ".join(path)))
        lines.append(roff(sentence(command.get("abstract", ""))))
        if command.get("discussion"):
            lines.append(".PP")
            lines.append(roff(command["discussion"].strip()))
        # An argument without an abstract (the parser's `help` command's) says nothing here.
        own = [a for a in visible(command.get("arguments")) if key(a) not in shared and a.get("abstract")]
        for argument in own:
            lines.append(".TP")
            lines.append(option_term(argument))
            lines.append(roff(sentence(argument.get("abstract", ""))))
        for sub in command.get("subcommands") or []:
            if sub.get("shouldDisplay", True):
                describe(sub, path + (sub["commandName"],))

    for sub in root.get("subcommands") or []:
        if sub.get("shouldDisplay", True):
            describe(sub, (sub["commandName"],))
    return lines


def options(shared):
    lines = [".SH OPTIONS", "Every command takes these options:"]
    for argument in shared:
        lines.append(".TP")
        lines.append(option_term(argument))
        lines.append(roff(sentence(argument.get("abstract", ""))))
    return lines


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: manpage.py TEMPLATE VERSION DATE < dump-help.json")
    template, version, date = sys.argv[1:]
    with open(template, encoding="utf-8") as f:
        text = f.read()
    generated = {}
    if any(mark in text for mark in ("@SYNOPSIS@", "@COMMANDS@", "@OPTIONS@")):
        root = json.load(sys.stdin)["command"]
        shared = common_options(root)
        shared_keys = set(key(a) for a in shared)
        generated = {
            "@SYNOPSIS@": synopsis(root, shared_keys),
            "@COMMANDS@": commands(root, shared_keys),
            "@OPTIONS@": options(shared),
        }
    out = []
    for line in text.splitlines():
        if line.strip() in generated:
            out.extend(generated[line.strip()])
        else:
            out.append(line.replace("@VERSION@", version).replace("@DATE@", date))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
