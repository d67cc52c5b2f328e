"""Scale fixtures: python scale.py KIND N DST  (KIND: title|places|steps|events)."""
import sys
from pathlib import Path
import mk

def build(kind, n, dst):
    d = mk.copy(dst)
    t = (d / "dataset.toml").read_text()
    if kind == "title":
        t = t.replace('title = "Northland cedes the Isle"', 'title = "' + "A" * n + '"')
    elif kind == "titlewords":
        t = t.replace('title = "Northland cedes the Isle"', 'title = "' + "ab " * (n // 3) + '"')
    elif kind == "places":
        t += "".join(f'\n[[place]]\nid = "p{i}"\nname = "Place {i}"\n' for i in range(n))
        t = t.replace('places = ["isle"]\n  [[event.source]]', 'places = ["isle"' + "".join(f', "p{i}"' for i in range(n)) + ']\n  [[event.source]]', 1)
    elif kind == "steps":
        t += '\n[[story]]\nid = "big"\ntitle = "Big"\n' + "".join(
            f'  [[story.step]]\n  event = "cession"\n  narrative = "Step {i}"\n' for i in range(n))
    elif kind == "events":
        t += "".join(f'\n[[event]]\nid = "e{i}"\ndate = "{1000 + i % 900}-01-01"\ntitle = "Event {i}"\n'
                     f'summary = "s"\ncategory = "treaty"\nparties = ["north"]\n  [[event.source]]\n  title = "S"\n'
                     for i in range(n))
    (d / "dataset.toml").write_text(t)
    return d

if __name__ == "__main__":
    build(sys.argv[1], int(sys.argv[2]), sys.argv[3])
