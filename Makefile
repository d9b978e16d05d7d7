# Two commands a newcomer needs: `make run` and `make test`.
# Both set up everything on a fresh Debian/Ubuntu machine and leave the
# program at .venv/bin/workbench.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := resources/samples/harbour-bridge-inquiry.txt

# Debian packages the Qt wheels need at run time, and venv for Python itself.
QT_DEBS := libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
# Fonts the PDF report embeds for the scripts an article quotes (workbench/export/fonts.py):
# Noto for Arabic, Hebrew, Thai, Indic …, for Chinese/Japanese/Korean, and emoji (78 MB download).
FONT_DEBS := fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji

.PHONY: run test lint pytest system-deps venv clean benchmark bundle

run: $(STAMP)
	$(BIN)/workbench open $(SAMPLE)

test: $(STAMP) lint pytest

lint: $(STAMP)
	$(BIN)/ruff check workbench evaluation tests benchmarks
	$(BIN)/ruff format --check workbench evaluation tests benchmarks

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

# Every script that runs on its own; real_news.py needs a corpus checkout (see its docstring),
# baseline.py and index_baseline.py are yardsticks the others import.
BENCHMARKS := extraction speed matching locate index_build documents storage concurrency ui

benchmark: $(STAMP)
	@for b in $(BENCHMARKS); do echo "== benchmarks/$$b.py"; $(BIN)/python benchmarks/$$b.py || exit 1; done

venv: $(STAMP)

# A one-folder app, dist/workbench/workbench (window and command line in one executable), built
# from the venv by packaging/workbench.spec and then smoke-tested offscreen. PyInstaller comes
# from the `bundle` extra, installed on top of the venv only for this target.
BUNDLE_STAMP := $(VENV)/.bundle-installed

bundle: $(BUNDLE_STAMP)
	rm -rf dist/workbench build/pyinstaller
	@start=$$(date +%s); \
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/workbench.spec && \
	echo "bundle: dist/workbench built in $$(( $$(date +%s) - start )) s, $$(du -sh dist/workbench | cut -f1)"
	packaging/smoke-test.sh dist/workbench

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,bundle]'
	@touch $(BUNDLE_STAMP)

# The stamp is rebuilt (and the packages re-installed) whenever pyproject.toml changes.
$(STAMP): pyproject.toml | system-deps
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	@touch $(STAMP)

system-deps:
	@missing=""; \
	for p in $(QT_DEBS) $(FONT_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then \
	    echo "Missing system libraries:$$missing. Install them with your package manager, then run make again."; exit 1; \
	  elif [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages (Qt libraries, fonts):$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "System packages (Qt libraries, fonts) are missing. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    echo "then run make again."; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
