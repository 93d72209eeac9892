#!/usr/bin/env python3
"""Writes the key table of README.md, the KEYS section of man/rostrum.1 and
the bind section of config/rostrum.conf from include/rostrum/actions.def,
the one list of the TUI's actions (tests/cli/test_layers.py checks that the
docs say what it says).  Run from the source root after changing it."""
import re

DEFS = re.findall(r'ACTION\(\w+, "([^"]+)", "([^"]*)", "([^"]*)"\)',
                  open("include/rostrum/actions.def").read())

readme = open("README.md").read()
a = readme.index("| key | action | what it does |")
b = readme.index("\n\n", a)
rows = ["| key | action | what it does |", "|---|---|---|"]
rows += [f"| `{keys}` | `{name}` | {help_text} |" for name, keys, help_text in DEFS]
open("README.md", "w").write(readme[:a] + "\n".join(rows) + readme[b:])

man = open("man/rostrum.1").read()
a = man.index(".SH KEYS")
b = man.index(".SH FILES")
head = man[a:man.index(".TP", a)]
body = "".join(".TP\n.B %s\n%s (\\fB%s\\fR).\n" % (keys.replace("-", "\\-"), help_text,
                                                  name.replace("-", "\\-"))
               for name, keys, help_text in DEFS)
open("man/rostrum.1", "w").write(man[:a] + head + body + man[b:])

conf = open("config/rostrum.conf").read()
a = conf.index("bind {\n") + len("bind {\n")
b = conf.index("}", a)
lines = ["\t%-20s = %-10s # %s" % (name, f'"{keys}"', help_text)
         for name, keys, help_text in DEFS]
open("config/rostrum.conf", "w").write(conf[:a] + "\n".join(lines) + "\n" + conf[b:])
