"""Build a dataset whose every text field holds terminal escapes, bidi, markup and odd links."""
import sys
from pathlib import Path
import mk

BAD = r'\u001b]0;PWNED\u0007\u001b[2J\r\u009b31m<img src=\"file:///etc/passwd\"><b>B</b>&amp;\u202eRTL\u2066 \u2028x'

def build(dst):
    subs = {
        'title = "Two parties and an island"': f'title = "T{BAD}"',
        'description = "The smallest dataset with a map."': f'description = "D{BAD}"\nquestion = "Q{BAD}"\nintroduction = "I{BAD}"',
        'name = "Northland"': f'name = "N{BAD}"',
        'name = "Treaty"': f'name = "C{BAD}"',
        'name = "The Isle"\n\n[[event]]': f'name = "P{BAD}"\n\n[[event]]',
        'title = "Northland cedes the Isle"': f'title = "E{BAD}"\nnotes = "n{BAD}"\ntags = ["t"]',
        'summary = "The Isle passes to Southland by treaty."': f'summary = "S{BAD} [j](javascript:alert(1)) [f](file:///etc/passwd) [ok](https://example.org/x\'onload=\'a)"',
        'stance = "The Isle must come back."': f'stance = "ST{BAD}"\nrationale = ["R{BAD}"]\nnotes = "PN{BAD}"',
        'name = "The Isle"\nnames': f'name = "RG{BAD}"\nnote = "RN{BAD}"\nnames',
        'note = "Northland asks for the Isle back."': f'note = "CN{BAD}"',
        'name = "The 1900 line"': f'name = "BL{BAD}"',
        'attribution = "Invented shapes, public domain"': f'attribution = "A{BAD}"',
    }
    d = mk.copy(dst, subs)
    t = (d / "dataset.toml").read_text()
    t = t.replace('  title = "An invented treaty"', f'  title = "SRC{BAD}"\n  publisher = "PUB{BAD}"\n  quote = "QQ{BAD}"', 1)
    t += f'''
[[story]]
id = "s"
title = "STORY{BAD}"
description = "SD{BAD}"
  [[story.step]]
  event = "cession"
  narrative = "NAR{BAD}"
'''
    (d / "dataset.toml").write_text(t)
    return d

if __name__ == "__main__":
    build(sys.argv[1])
