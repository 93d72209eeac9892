#!/usr/bin/env python3
"""Writes src/core/fold_table.h: each Latin letter with a diacritic or a
stroke (U+00C0-U+024F, U+1E00-U+1EFF) to the lower-case ASCII letters a
person types for it on a plain keyboard: NFKD without the combining marks,
and by hand the letters Unicode does not decompose (ł, ø, đ, ħ, ß, æ, þ ...);
each Greek letter (U+0386-U+03CE) to its lower-case letter without tonos or
dialytika, the final sigma to sigma (FTS5 folds no Greek accent: "ελενη"
found no "Ελένη").  rs_text_fold (src/core/text.c) reads the table.  Run
from the source root."""
import unicodedata

SPECIAL = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h",
           "ŧ": "t", "Ŧ": "t", "ı": "i", "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae",
           "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ŋ": "n", "Ŋ": "n",
           "ĸ": "k", "ſ": "s", "ƒ": "f", "ɓ": "b", "Ɓ": "b", "ɗ": "d", "Ɗ": "d", "ƙ": "k",
           "Ƙ": "k", "ƴ": "y", "Ƴ": "y", "ə": "e", "Ə": "e", "ɛ": "e", "Ɛ": "e", "ɔ": "o",
           "Ɔ": "o"}

rows = {}
for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
    ch = chr(cp)
    if ch in SPECIAL:
        rows[cp] = SPECIAL[ch]
        continue
    base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                   if not unicodedata.combining(c)).lower()
    if base and len(base) <= 3 and all(ord(c) < 128 and c.isalpha() for c in base):
        rows[cp] = base
for ch, v in SPECIAL.items():
    rows[ord(ch)] = v
for cp in range(0x0386, 0x03CF):
    ch = chr(cp)
    if unicodedata.category(ch) not in ("Lu", "Ll"):
        continue
    base = "".join(c for c in unicodedata.normalize("NFD", ch)
                   if not unicodedata.combining(c)).lower().replace("ς", "σ")
    if base != ch and len(base) == 1 and "GREEK" in unicodedata.name(base):
        rows[cp] = base

out = ["/* Made by tools/gen_fold_table.py: Latin letters to what a plain",
       " * keyboard types for them, Greek letters to their plain lower case, by",
       " * code point (sorted, for a binary search). */",
       "#ifndef ROSTRUM_FOLD_TABLE_H", "#define ROSTRUM_FOLD_TABLE_H", "",
       "static const struct {", "\tunsigned cp;", "\tchar ascii[4];",
       "} fold_table[] = {"]
line = "\t"
for cp, v in sorted(rows.items()):
    entry = '{0x%04X, "%s"}, ' % (cp, v)
    if len(line) + len(entry) > 96:
        out.append(line.rstrip())
        line = "\t"
    line += entry
out.append(line.rstrip())
out.append("};")
out.extend(["", "#endif"])
open("src/core/fold_table.h", "w").write("\n".join(out) + "\n")
