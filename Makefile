# Two commands for people: `make run` and `make test`. The rest is for authors.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test venv bench smoke bundle fuzz soak desktop-install clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/explorer

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py $(ONLY)

# fuzz the loader with 10,000 mutated and generated datasets (N=… for more)
N ?= 10000
fuzz: $(STAMP)
	$(PY) tests/fuzzing.py $(N)

# 500 edits of a dataset file, valid and broken in turn, with live reload; memory must stay flat
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/soak.py 500

# start the app in a real X window under Xvfb and check the screen is not blank
smoke: $(STAMP)
	EXPLORER_SMOKE_SHOT=$(CURDIR)/smoke.png $(PY) -m pytest -q tests/test_real_window.py

# standalone one-folder bundle in dist/explorer (PyInstaller), then run its self-test
bundle: $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt pyinstaller
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/explorer.spec
	# strip the interpreter's own debug symbols (~25 MB); never numpy.libs (stripping breaks OpenBLAS)
	-strip --strip-unneeded dist/explorer/_internal/libpython3*.so* dist/explorer/_internal/python3*/lib-dynload/*.so
	QT_QPA_PLATFORM=offscreen dist/explorer/explorer self-test
	du -sh dist/explorer

# launcher entry, metadata and icons for the current user (PREFIX=/usr/local for everyone)
PREFIX ?= $(HOME)/.local
APP_ID := io.github.explorer_timeline.Explorer
desktop-install:
	install -Dm644 packaging/$(APP_ID).desktop $(PREFIX)/share/applications/$(APP_ID).desktop
	install -Dm644 packaging/$(APP_ID).metainfo.xml $(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml
	install -Dm644 resources/icons/explorer.svg $(PREFIX)/share/icons/hicolor/scalable/apps/$(APP_ID).svg
	for s in 16 24 32 48 64 128 256 512; do \
	  install -Dm644 resources/icons/explorer-$$s.png $(PREFIX)/share/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png; done

clean:
	rm -rf $(VENV) build dist .pytest_cache smoke.png
